-- Payment customers; metadata may name the CRM contact or company they belong to.
with

source as (
    {{ source_columns('stripe', 'customers', {
        'id': 'varchar',
        'email': 'varchar',
        'name': 'varchar',
        'phone': 'varchar',
        'currency': 'varchar',
        'metadata__hubspot_contact_id': 'varchar',
        'metadata__hubspot_company_id': 'varchar',
        'deleted': 'boolean',
        'created': 'bigint',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from source
),

renamed as (
    select
        id as customer_id,
        {{ normalise_email('email') }} as email,
        nullif(trim(name), '') as customer_name,
        nullif(trim(phone), '') as phone,
        upper(currency) as currency_code,
        nullif(trim(metadata__hubspot_contact_id), '') as hubspot_contact_id,
        nullif(trim(metadata__hubspot_company_id), '') as hubspot_company_id,
        coalesce(deleted, false) as is_deleted,
        {{ from_unix_seconds('created') }} as created_at
    from ranked
    where version_rank = 1
)

select * from renamed

-- CRM companies (accounts) with their normalised web domain.
with

source as (
    {{ source_columns('hubspot', 'companies', {
        'id': 'varchar',
        'properties__name': 'varchar',
        'properties__domain': 'varchar',
        'properties__createdate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_merged_object_ids': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

cleaned as (
    select
        *,
        lower(trim(properties__domain)) as domain_text
    from ranked
    where version_rank = 1
),

renamed as (
    select
        id as company_id,
        properties__name as company_name,
        -- 'https://www.Acme.com/' and 'acme.com' are the same domain
        nullif(
            replace(replace(replace(replace(domain_text, 'https://', ''), 'http://', ''), 'www.', ''), '/', ''), ''
        ) as domain,
        nullif(trim(properties__hubspot_owner_id), '') as owner_id,
        coalesce(
            {{ hubspot_timestamp('properties__createdate') }},
            {{ hubspot_timestamp('created_at') }}
        ) as created_at,
        coalesce(
            {{ hubspot_timestamp('properties__hs_lastmodifieddate') }},
            {{ hubspot_timestamp('updated_at') }}
        ) as last_modified_at,
        coalesce(archived, false) as is_archived
    from cleaned
)

select * from renamed

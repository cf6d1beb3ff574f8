-- CRM contacts; merged-away duplicates arrive archived and say which record survived them.
with

source as (
    {{ source_columns('hubspot', 'contacts', {
        'id': 'varchar',
        'properties__email': 'varchar',
        'properties__firstname': 'varchar',
        'properties__lastname': 'varchar',
        'properties__phone': 'varchar',
        'properties__createdate': 'varchar',
        'properties__lastmodifieddate': 'varchar',
        'properties__lifecyclestage': 'varchar',
        'properties__hs_lifecyclestage_lead_date': 'varchar',
        'properties__hs_analytics_source': 'varchar',
        'properties__associatedcompanyid': 'varchar',
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

renamed as (
    select
        id as contact_id,
        {{ normalise_email('properties__email') }} as email,
        nullif(trim(properties__firstname), '') as first_name,
        nullif(trim(properties__lastname), '') as last_name,
        nullif(trim(properties__phone), '') as phone,
        lower(nullif(trim(properties__lifecyclestage), '')) as lifecycle_stage,
        nullif(trim(properties__hs_analytics_source), '') as lead_source,
        nullif(trim(properties__associatedcompanyid), '') as company_id,
        nullif(trim(properties__hubspot_owner_id), '') as owner_id,
        -- ';'-separated ids of the duplicates merged into this contact
        nullif(trim(properties__hs_merged_object_ids), '') as merged_contact_ids,
        coalesce(
            {{ hubspot_timestamp('properties__createdate') }},
            {{ hubspot_timestamp('created_at') }}
        ) as created_at,
        {{ hubspot_timestamp('properties__hs_lifecyclestage_lead_date') }} as lead_at,
        coalesce(
            {{ hubspot_timestamp('properties__lastmodifieddate') }},
            {{ hubspot_timestamp('updated_at') }}
        ) as last_modified_at,
        coalesce(archived, false) as is_archived
    from ranked
    where version_rank = 1
)

select * from renamed

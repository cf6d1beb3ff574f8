-- Meetings logged in the CRM; only completed ones count as done.
with

source as (
    {{ source_columns('hubspot', 'meetings', {
        'id': 'varchar',
        'properties__hs_timestamp': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_createdate': 'varchar',
        'properties__createdate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
        'properties__hs_meeting_start_time': 'varchar',
        'properties__hs_meeting_end_time': 'varchar',
        'properties__hs_meeting_outcome': 'varchar',
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
        id as activity_id,
        nullif(trim(properties__hubspot_owner_id), '') as owner_id,
        {{ hubspot_timestamp('properties__hs_timestamp') }} as occurred_at,
        coalesce(
            {{ hubspot_timestamp('properties__hs_createdate') }},
            {{ hubspot_timestamp('properties__createdate') }},
            {{ hubspot_timestamp('created_at') }}
        ) as created_at,
        coalesce(
            {{ hubspot_timestamp('properties__hs_lastmodifieddate') }},
            {{ hubspot_timestamp('updated_at') }}
        ) as last_modified_at,
        coalesce(archived, false) as is_archived,
        _dlt_load_id as source_load_id,
        {{ hubspot_timestamp('properties__hs_meeting_start_time') }} as starts_at,
        {{ hubspot_timestamp('properties__hs_meeting_end_time') }} as ends_at,
        upper(nullif(trim(properties__hs_meeting_outcome), '')) as meeting_outcome
    from ranked
    where version_rank = 1
)

select * from renamed

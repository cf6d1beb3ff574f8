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
        {{ hubspot_activity_columns() }},
        {{ hubspot_timestamp('properties__hs_meeting_start_time') }} as starts_at,
        {{ hubspot_timestamp('properties__hs_meeting_end_time') }} as ends_at,
        upper(nullif(trim(properties__hs_meeting_outcome), '')) as meeting_outcome
    from ranked
    where version_rank = 1
)

select * from renamed

-- Calls logged in the CRM; the outcome GUID is named through the call_dispositions seed.
with

source as (
    {{ source_columns('hubspot', 'calls', {
        'id': 'varchar',
        'properties__hs_timestamp': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_createdate': 'varchar',
        'properties__createdate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
        'properties__hs_call_direction': 'varchar',
        'properties__hs_call_duration': 'varchar',
        'properties__hs_call_disposition': 'varchar',
        'properties__hs_call_status': 'varchar',
    }) }}
),

dispositions as (
    select * from {{ ref('call_dispositions') }}
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
        upper(nullif(trim(properties__hs_call_direction), '')) as call_direction,
        cast(nullif(trim(properties__hs_call_duration), '') as bigint) / 1000.0 as duration_seconds,
        nullif(trim(properties__hs_call_disposition), '') as disposition_id,
        upper(nullif(trim(properties__hs_call_status), '')) as call_status
    from ranked
    where version_rank = 1
)

select
    renamed.*,
    coalesce(dispositions.call_outcome, 'unknown') as call_outcome
from renamed
left join dispositions on renamed.disposition_id = dispositions.disposition_id

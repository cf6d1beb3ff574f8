-- CRM tasks: `hs_timestamp` is when a task is due; it is done when it was completed.
with

source as (
    {{ source_columns('hubspot', 'tasks', {
        'id': 'varchar',
        'properties__hs_timestamp': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_createdate': 'varchar',
        'properties__createdate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
        'properties__hs_task_status': 'varchar',
        'properties__hs_task_type': 'varchar',
        'properties__hs_task_completion_date': 'varchar',
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
        upper(nullif(trim(properties__hs_task_status), '')) as task_status,
        upper(nullif(trim(properties__hs_task_type), '')) as task_type,
        {{ hubspot_timestamp('properties__hs_task_completion_date') }} as completed_at
    from ranked
    where version_rank = 1
)

select * from renamed

-- Web analytics sessions; a goal completion is a submitted form.
with

source as (
    {{ source_columns('files', 'web_sessions', {
        'session_id': 'varchar',
        'visitor_id': 'varchar',
        'contact_email': 'varchar',
        'started_at': 'varchar',
        'duration_seconds': 'varchar',
        'page_views': 'varchar',
        'goal_completed': 'varchar',
        'source': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("session_id") }} as version_rank
    from source
),

renamed as (
    select
        trim(session_id) as session_id,
        trim(visitor_id) as visitor_id,
        {{ normalise_email('contact_email') }} as email,
        {{ to_utc_timestamp('trim(started_at)') }} as started_at,
        cast(nullif(trim(duration_seconds), '') as double) as duration_seconds,
        cast(nullif(trim(page_views), '') as integer) as page_views,
        lower(trim(goal_completed)) in ('true', '1', 'yes') as has_goal_completion,
        nullif(trim(source), '') as traffic_source,
        _dlt_load_id as source_load_id
    from ranked
    where version_rank = 1
)

select * from renamed

{{ config(
    materialized='incremental',
    unique_key='session_id',
    incremental_strategy='merge',
    on_schema_change='fail',
) }}
-- Web analytics sessions; the visitor's e-mail is replaced by `email_key` (a hash, joinable to
-- dim_contacts.email_key). Incremental: merges the sessions of files landed since the last run.
with

sessions as (
    select * from {{ ref('stg_files__web_sessions') }}
),

new_sessions as (
    select * from sessions
    {% if is_incremental() %}
        where {{ landed_since_last_merge('source_load_id') }}
    {% endif %}
),

final as (
    select
        session_id,
        visitor_id,
        {{ dbt.hash('email') }} as email_key,
        started_at,
        {{ month_start('started_at') }} as started_month,
        duration_seconds,
        page_views,
        has_goal_completion,
        traffic_source,
        source_load_id
    from new_sessions
)

select * from final

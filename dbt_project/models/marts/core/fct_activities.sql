{{ config(
    materialized='incremental',
    unique_key='activity_id',
    incremental_strategy='merge',
    on_schema_change='fail',
) }}
-- Sales activities logged in the CRM (calls, emails, meetings, tasks), one row per activity.
-- `occurred_at` is when it happened: calls and emails their timestamp, meetings their start,
-- tasks their completion (NULL while open; `due_at` says when it is due). `is_done` is what the
-- catalog counts: every call, outgoing e-mails, completed meetings, completed tasks. Incremental:
-- each night merges the activities whose newest version landed after the last one merged.
with

calls as (
    select * from {{ ref('stg_hubspot__calls') }}
),

emails as (
    select * from {{ ref('stg_hubspot__emails') }}
),

meetings as (
    select * from {{ ref('stg_hubspot__meetings') }}
),

tasks as (
    select * from {{ ref('stg_hubspot__tasks') }}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
),

unioned as (
    select
        'call' as activity_type,
        activity_id,
        owner_id,
        occurred_at,
        cast(null as timestamp) as due_at,
        created_at,
        call_direction as direction,
        call_outcome as outcome,
        duration_seconds,
        true as is_done,
        is_archived,
        source_load_id
    from calls
    union all
    select
        'email' as activity_type,
        activity_id,
        owner_id,
        occurred_at,
        cast(null as timestamp) as due_at,
        created_at,
        email_direction as direction,
        email_status as outcome,
        cast(null as double) as duration_seconds,
        coalesce(is_outgoing, false) as is_done,
        is_archived,
        source_load_id
    from emails
    union all
    select
        'meeting' as activity_type,
        activity_id,
        owner_id,
        coalesce(starts_at, occurred_at) as occurred_at,
        coalesce(starts_at, occurred_at) as due_at,
        created_at,
        cast(null as varchar) as direction,
        meeting_outcome as outcome,
        {{ seconds_between('starts_at', 'ends_at') }} as duration_seconds,
        coalesce(meeting_outcome = 'COMPLETED', false) as is_done,
        is_archived,
        source_load_id
    from meetings
    union all
    select
        'task' as activity_type,
        activity_id,
        owner_id,
        case when task_status = 'COMPLETED' then coalesce(completed_at, occurred_at) end as occurred_at,
        occurred_at as due_at,
        created_at,
        cast(null as varchar) as direction,
        task_status as outcome,
        cast(null as double) as duration_seconds,
        coalesce(task_status = 'COMPLETED', false) as is_done,
        is_archived,
        source_load_id
    from tasks
),

new_versions as (
    select * from unioned
    {% if is_incremental() %}
        where {{ landed_since_last_merge('source_load_id') }}
    {% endif %}
),

first_links as (
    select
        from_object,
        from_id,
        min(case when to_object = 'deal' then to_id end) as deal_id,
        min(case when to_object = 'contact' then to_id end) as contact_id
    from associations
    where from_object in ('call', 'email', 'meeting', 'task')
    group by 1, 2
),

final as (
    select
        new_versions.activity_id,
        new_versions.activity_type,
        new_versions.owner_id,
        first_links.deal_id,
        first_links.contact_id,
        new_versions.occurred_at,
        {{ month_start('new_versions.occurred_at') }} as occurred_month,
        new_versions.due_at,
        new_versions.created_at,
        new_versions.direction,
        new_versions.outcome,
        new_versions.duration_seconds,
        new_versions.is_done,
        new_versions.is_archived,
        new_versions.source_load_id
    from new_versions
    left join first_links
        on new_versions.activity_type = first_links.from_object and new_versions.activity_id = first_links.from_id
)

select * from final

-- Week (Monday, UTC) × owner × activity type: what was done in the week (calls, outgoing e-mails,
-- completed meetings, completed tasks, dated when they happened), what was scheduled for the 7
-- days after it (meetings and tasks due then, created by the week's end), and call durations and
-- outcomes. Weeks cover the months of mart_kpis; activities outside them are left out.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

activities as (
    select * from {{ ref('fct_activities') }}
    where not is_archived
),

owners as (
    select * from {{ ref('dim_owners') }}
),

bounds as (
    select
        min(month) as first_month,
        cast({{ dbt.dateadd('month', 1, 'max(month)') }} as date) as end_month
    from months
),

week_bounds as (
    select
        {{ week_start('first_month') }} as first_week,
        {{ week_start(dbt.dateadd('day', -1, 'end_month')) }} as last_week
    from bounds
),

days as (
    {{ day_series('week_bounds', 'first_week', 'last_week') }}
),

weeks as (
    select distinct {{ week_start('date_day') }} as week_start
    from days
),

types as (
    select 'call' as activity_type
    union all
    select 'email'
    union all
    select 'meeting'
    union all
    select 'task'
),

owner_ids as (
    select owner_id from owners
    union
    select coalesce(owner_id, 'unknown') from activities
),

grid as (
    select
        weeks.week_start,
        owner_ids.owner_id,
        types.activity_type
    from weeks
    cross join owner_ids
    cross join types
),

done as (
    select
        {{ week_start('activities.occurred_at') }} as week_start,
        coalesce(activities.owner_id, 'unknown') as owner_id,
        activities.activity_type,
        sum(case when activities.is_done then 1 else 0 end) as activities_done,
        sum(case when activities.outcome = 'connected' then 1 else 0 end) as connected_calls,
        sum(case when activities.outcome = 'connected' then activities.duration_seconds end) as connected_call_seconds,
        sum(case when activities.outcome = 'no_answer' then 1 else 0 end) as calls_no_answer,
        sum(case when activities.outcome = 'voicemail' then 1 else 0 end) as calls_voicemail,
        sum(case when activities.outcome = 'busy' then 1 else 0 end) as calls_busy,
        sum(case when activities.outcome = 'wrong_number' then 1 else 0 end) as calls_wrong_number
    from activities
    inner join bounds
        on activities.occurred_at >= bounds.first_month and activities.occurred_at < bounds.end_month
    where activities.occurred_at is not null
    group by 1, 2, 3
),

scheduled as (
    select
        grid.week_start,
        grid.owner_id,
        grid.activity_type,
        count(*) as scheduled_next_7_days
    from grid
    inner join activities
        on
            grid.owner_id = coalesce(activities.owner_id, 'unknown')
            and grid.activity_type = activities.activity_type
            and activities.activity_type in ('meeting', 'task')
            and activities.due_at >= {{ dbt.dateadd('day', 7, 'grid.week_start') }}
            and activities.due_at < {{ dbt.dateadd('day', 14, 'grid.week_start') }}
            and activities.created_at < {{ dbt.dateadd('day', 7, 'grid.week_start') }}
    group by 1, 2, 3
),

final as (
    select
        grid.week_start,
        grid.owner_id,
        owners.owner_name,
        grid.activity_type,
        coalesce(done.activities_done, 0) as activities_done,
        coalesce(scheduled.scheduled_next_7_days, 0) as scheduled_next_7_days,
        coalesce(done.connected_calls, 0) as connected_calls,
        done.connected_call_seconds / nullif(done.connected_calls, 0) as avg_connected_call_seconds,
        coalesce(done.calls_no_answer, 0) as calls_no_answer,
        coalesce(done.calls_voicemail, 0) as calls_voicemail,
        coalesce(done.calls_busy, 0) as calls_busy,
        coalesce(done.calls_wrong_number, 0) as calls_wrong_number
    from grid
    left join owners on grid.owner_id = owners.owner_id
    left join done
        on grid.week_start = done.week_start and grid.owner_id = done.owner_id and grid.activity_type = done.activity_type
    left join scheduled
        on
            grid.week_start = scheduled.week_start
            and grid.owner_id = scheduled.owner_id
            and grid.activity_type = scheduled.activity_type
)

select * from final

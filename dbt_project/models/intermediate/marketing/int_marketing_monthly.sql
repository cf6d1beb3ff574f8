-- Month: mailing-list movements and web traffic (sessions by start month), with a row per month.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

memberships as (
    select * from {{ ref('fct_list_memberships') }}
),

sessions as (
    select * from {{ ref('fct_web_sessions') }}
),

started as (
    select
        {{ month_start('subscribed_at') }} as month,
        count(*) as subscriptions_started
    from memberships
    where subscribed_at is not null
    group by 1
),

ended as (
    select
        {{ month_start('unsubscribed_at') }} as month,
        count(*) as subscriptions_ended
    from memberships
    where unsubscribed_at is not null
    group by 1
),

active_at_start as (
    select
        months.month,
        count(*) as subscriptions_at_start
    from months
    inner join memberships
        on
            cast(months.month as timestamp) > memberships.subscribed_at
            and (memberships.unsubscribed_at is null or cast(months.month as timestamp) <= memberships.unsubscribed_at)
    group by 1
),

traffic as (
    select
        started_month as month,
        count(*) as web_sessions,
        sum(page_views) as web_page_views,
        count(distinct visitor_id) as web_unique_visitors,
        sum(duration_seconds) as session_seconds_sum,
        count(duration_seconds) as sessions_with_duration,
        sum(case when has_goal_completion then 1 else 0 end) as goal_sessions
    from sessions
    group by 1
),

final as (
    select
        months.month,
        coalesce(started.subscriptions_started, 0) as subscriptions_started,
        coalesce(ended.subscriptions_ended, 0) as subscriptions_ended,
        coalesce(active_at_start.subscriptions_at_start, 0) as subscriptions_at_start,
        coalesce(traffic.web_sessions, 0) as web_sessions,
        coalesce(traffic.web_page_views, 0) as web_page_views,
        coalesce(traffic.web_unique_visitors, 0) as web_unique_visitors,
        coalesce(traffic.session_seconds_sum, 0) as session_seconds_sum,
        coalesce(traffic.sessions_with_duration, 0) as sessions_with_duration,
        coalesce(traffic.goal_sessions, 0) as goal_sessions
    from months
    left join started on months.month = started.month
    left join ended on months.month = ended.month
    left join active_at_start on months.month = active_at_start.month
    left join traffic on months.month = traffic.month
)

select * from final

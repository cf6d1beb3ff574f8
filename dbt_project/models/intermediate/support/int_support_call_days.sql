-- Inbound support calls per UTC day, every day of every metric month: calls of any outcome,
-- abandoned (in the IVR, the queue or on hold), answered with their handle seconds, and
-- callbacks (a known caller who made another inbound call in the 7 days before).
with

months as (
    select * from {{ ref('int_metric_months') }}
),

calls as (
    select * from {{ ref('fct_service_calls') }}
    where is_inbound
),

bounds as (
    select
        min(month) as first_day,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'max(month)')) }} as date) as last_day
    from months
),

days as (
    {{ day_series('bounds', 'first_day', 'last_day') }}
),

daily as (
    select
        created_date as date_day,
        count(*) as service_calls,
        sum(case when is_abandoned then 1 else 0 end) as abandoned_calls,
        sum(case when is_answered then 1 else 0 end) as answered_calls,
        sum(case when is_answered then handle_seconds else 0 end) as handle_seconds_sum,
        sum(case when is_repeat_call then 1 else 0 end) as callbacks
    from calls
    group by 1
),

final as (
    select
        days.date_day,
        {{ month_start('days.date_day') }} as month,
        coalesce(daily.service_calls, 0) as service_calls,
        coalesce(daily.abandoned_calls, 0) as abandoned_calls,
        coalesce(daily.answered_calls, 0) as answered_calls,
        coalesce(daily.handle_seconds_sum, 0) as handle_seconds_sum,
        coalesce(daily.callbacks, 0) as callbacks
    from days
    left join daily on days.date_day = daily.date_day
)

select * from final

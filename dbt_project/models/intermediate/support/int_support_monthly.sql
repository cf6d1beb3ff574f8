-- Company-wide support figures per month (metrics.md "Support"): the single source of
-- int_kpis_support's company-wide rows. Counts are 0 when empty; means and ratios are NULL over
-- nothing; cost_per_interaction is NULL for months the support-cost drop does not cover.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

case_months as (
    select * from {{ ref('int_support_case_months') }}
),

call_days as (
    select * from {{ ref('int_support_call_days') }}
),

support_costs as (
    select * from {{ ref('fct_support_costs') }}
),

cases as (
    select
        month,
        sum(cases_created) as cases_created,
        sum(cases_solved) as cases_solved,
        sum(cases_solved_same_day) as cases_solved_same_day,
        sum(resolution_hours_sum) as resolution_hours_sum,
        sum(complaints_solved) as complaints_solved,
        sum(complaint_resolution_hours_sum) as complaint_resolution_hours_sum,
        sum(first_replies) as first_replies,
        sum(first_reply_hours_sum) as first_reply_hours_sum,
        sum(sla_cases) as sla_cases,
        sum(sla_met_cases) as sla_met_cases,
        sum(reopened_cases) as reopened_cases,
        sum(ratings_good) as ratings_good,
        sum(ratings_bad) as ratings_bad
    from case_months
    group by 1
),

calls as (
    select
        month,
        sum(service_calls) as service_calls,
        sum(abandoned_calls) as abandoned_calls,
        sum(answered_calls) as answered_calls,
        sum(handle_seconds_sum) as handle_seconds_sum,
        sum(callbacks) as callbacks
    from call_days
    group by 1
),

joined as (
    select
        months.month,
        {{ days_in_month('months.month') }} as days_in_month,
        coalesce(cases.cases_created, 0) as cases_created,
        coalesce(cases.cases_solved, 0) as cases_solved,
        coalesce(cases.cases_solved_same_day, 0) as cases_solved_same_day,
        coalesce(cases.resolution_hours_sum, 0) as resolution_hours_sum,
        coalesce(cases.complaints_solved, 0) as complaints_solved,
        coalesce(cases.complaint_resolution_hours_sum, 0) as complaint_resolution_hours_sum,
        coalesce(cases.first_replies, 0) as first_replies,
        coalesce(cases.first_reply_hours_sum, 0) as first_reply_hours_sum,
        coalesce(cases.sla_cases, 0) as sla_cases,
        coalesce(cases.sla_met_cases, 0) as sla_met_cases,
        coalesce(cases.reopened_cases, 0) as reopened_cases,
        coalesce(cases.ratings_good, 0) as ratings_good,
        coalesce(cases.ratings_bad, 0) as ratings_bad,
        coalesce(calls.service_calls, 0) as service_calls,
        coalesce(calls.abandoned_calls, 0) as abandoned_calls,
        coalesce(calls.answered_calls, 0) as answered_calls,
        coalesce(calls.handle_seconds_sum, 0) as handle_seconds_sum,
        coalesce(calls.callbacks, 0) as callbacks,
        support_costs.amount_reporting as support_cost
    from months
    left join cases on months.month = cases.month
    left join calls on months.month = calls.month
    left join support_costs on months.month = support_costs.month
),

final as (
    select
        *,
        {{ as_double('cases_solved_same_day') }} / nullif(cases_solved, 0) as same_day_rate,
        {{ as_double('resolution_hours_sum') }} / nullif(cases_solved, 0) as avg_resolution_hours,
        {{ as_double('complaint_resolution_hours_sum') }} / nullif(complaints_solved, 0) as complaint_resolution_hours,
        {{ as_double('first_reply_hours_sum') }} / nullif(first_replies, 0) as avg_first_reply_hours,
        {{ as_double('sla_met_cases') }} / nullif(sla_cases, 0) as sla_compliance_rate,
        {{ as_double('service_calls') }} / days_in_month as service_calls_per_day,
        {{ as_double('abandoned_calls') }} / nullif(service_calls, 0) as abandonment_rate,
        {{ as_double('handle_seconds_sum') }} / nullif(answered_calls, 0) as avg_handle_seconds,
        {{ as_double('support_cost') }} / nullif(cases_solved + answered_calls, 0) as cost_per_interaction,
        {{ as_double('ratings_good') }} / nullif(ratings_good + ratings_bad, 0) as csat_rate
    from joined
)

select * from final

-- Support desk performance per month, channel and priority ('none' when unset): tickets created
-- and first solved, same-day closure, resolution and first-reply hours (means and medians),
-- complaint resolution, SLA compliance, reopened tickets and CSAT. The additive counts and sums
-- add up to the company-wide metrics; cost_per_interaction is the month's company-wide figure
-- (support cost is not split by channel).
with

case_months as (
    select * from {{ ref('int_support_case_months') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

monthly as (
    select * from {{ ref('int_support_monthly') }}
),

resolution_medians as (
    select
        first_solved_month as month,
        channel,
        priority,
        {{ median_of('resolution_hours') }} as median_resolution_hours
    from cases
    where first_solved_month is not null
    group by 1, 2, 3
),

first_reply_medians as (
    select
        first_reply_month as month,
        channel,
        priority,
        {{ median_of('first_reply_hours') }} as median_first_reply_hours
    from cases
    where first_reply_month is not null
    group by 1, 2, 3
),

final as (
    select
        case_months.month,
        case_months.channel,
        case_months.priority,
        case_months.cases_created,
        case_months.cases_solved,
        case_months.cases_solved_same_day,
        {{ as_double('case_months.cases_solved_same_day') }} / nullif(case_months.cases_solved, 0) as same_day_rate,
        case_months.resolution_hours_sum,
        case_months.resolution_hours_sum / nullif(case_months.cases_solved, 0) as avg_resolution_hours,
        resolution_medians.median_resolution_hours,
        case_months.first_replies,
        case_months.first_reply_hours_sum,
        case_months.first_reply_hours_sum / nullif(case_months.first_replies, 0) as avg_first_reply_hours,
        first_reply_medians.median_first_reply_hours,
        case_months.complaints_solved,
        case_months.complaint_resolution_hours_sum,
        case_months.complaint_resolution_hours_sum / nullif(case_months.complaints_solved, 0) as complaint_resolution_hours,
        case_months.sla_cases,
        case_months.sla_met_cases,
        {{ as_double('case_months.sla_met_cases') }} / nullif(case_months.sla_cases, 0) as sla_compliance_rate,
        case_months.reopened_cases,
        case_months.ratings_good,
        case_months.ratings_bad,
        {{ as_double('case_months.ratings_good') }}
        / nullif(case_months.ratings_good + case_months.ratings_bad, 0) as csat_rate,
        monthly.cost_per_interaction
    from case_months
    inner join monthly on case_months.month = monthly.month
    left join resolution_medians
        on
            case_months.month = resolution_medians.month
            and case_months.channel = resolution_medians.channel
            and case_months.priority = resolution_medians.priority
    left join first_reply_medians
        on
            case_months.month = first_reply_medians.month
            and case_months.channel = first_reply_medians.channel
            and case_months.priority = first_reply_medians.priority
)

select * from final

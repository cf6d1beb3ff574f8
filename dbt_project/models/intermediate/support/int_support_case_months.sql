-- Ticket figures per month, channel and priority as additive counts and sums (every month ×
-- every channel and priority pair seen): the base of mart_support and of the company-wide
-- support metrics, so the two always agree.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

reopens as (
    select * from {{ ref('int_support_reopens') }}
),

ratings as (
    select * from {{ ref('int_support_ratings') }}
),

created as (
    select
        created_month as month,
        channel,
        priority,
        count(*) as cases_created
    from cases
    group by 1, 2, 3
),

solved as (
    select
        first_solved_month as month,
        channel,
        priority,
        count(*) as cases_solved,
        sum(case when is_solved_same_day then 1 else 0 end) as cases_solved_same_day,
        sum(resolution_hours) as resolution_hours_sum,
        sum(case when is_complaint then 1 else 0 end) as complaints_solved,
        sum(case when is_complaint then resolution_hours else 0 end) as complaint_resolution_hours_sum,
        sum(case when has_sla_targets then 1 else 0 end) as sla_cases,
        sum(case when is_sla_met then 1 else 0 end) as sla_met_cases
    from cases
    where first_solved_month is not null
    group by 1, 2, 3
),

replied as (
    select
        first_reply_month as month,
        channel,
        priority,
        count(*) as first_replies,
        sum(first_reply_hours) as first_reply_hours_sum
    from cases
    where first_reply_month is not null
    group by 1, 2, 3
),

reopened as (
    select
        month,
        channel,
        priority,
        count(*) as reopened_cases
    from reopens
    group by 1, 2, 3
),

rated as (
    select
        month,
        channel,
        priority,
        sum(case when is_good then 1 else 0 end) as ratings_good,
        sum(case when is_good then 0 else 1 end) as ratings_bad
    from ratings
    group by 1, 2, 3
),

pairs as (
    select
        channel,
        priority
    from cases
    union
    select
        channel,
        priority
    from ratings
),

grid as (
    select
        months.month,
        pairs.channel,
        pairs.priority
    from months
    cross join pairs
),

final as (
    select
        grid.month,
        grid.channel,
        grid.priority,
        coalesce(created.cases_created, 0) as cases_created,
        coalesce(solved.cases_solved, 0) as cases_solved,
        coalesce(solved.cases_solved_same_day, 0) as cases_solved_same_day,
        coalesce(solved.resolution_hours_sum, 0) as resolution_hours_sum,
        coalesce(solved.complaints_solved, 0) as complaints_solved,
        coalesce(solved.complaint_resolution_hours_sum, 0) as complaint_resolution_hours_sum,
        coalesce(replied.first_replies, 0) as first_replies,
        coalesce(replied.first_reply_hours_sum, 0) as first_reply_hours_sum,
        coalesce(solved.sla_cases, 0) as sla_cases,
        coalesce(solved.sla_met_cases, 0) as sla_met_cases,
        coalesce(reopened.reopened_cases, 0) as reopened_cases,
        coalesce(rated.ratings_good, 0) as ratings_good,
        coalesce(rated.ratings_bad, 0) as ratings_bad
    from grid
    left join created on grid.month = created.month and grid.channel = created.channel and grid.priority = created.priority
    left join solved on grid.month = solved.month and grid.channel = solved.channel and grid.priority = solved.priority
    left join replied on grid.month = replied.month and grid.channel = replied.channel and grid.priority = replied.priority
    left join reopened
        on grid.month = reopened.month and grid.channel = reopened.channel and grid.priority = reopened.priority
    left join rated on grid.month = rated.month and grid.channel = rated.channel and grid.priority = rated.priority
)

select * from final

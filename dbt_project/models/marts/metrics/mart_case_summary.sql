-- The case summary report (why customers contact support): tickets created and first solved per
-- month, contact reason and channel, with the reason's share of the month's tickets. The reason is
-- 'complaint' for a ticket of type or tag complaint, else its ticket type ('none' when unset).
with

months as (
    select * from {{ ref('int_metric_months') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

pairs as (
    select distinct
        reason,
        channel
    from cases
),

created as (
    select
        created_month as month,
        reason,
        channel,
        count(*) as cases_created
    from cases
    group by 1, 2, 3
),

solved as (
    select
        first_solved_month as month,
        reason,
        channel,
        count(*) as cases_solved
    from cases
    where first_solved_month is not null
    group by 1, 2, 3
),

counted as (
    select
        months.month,
        pairs.reason,
        pairs.channel,
        coalesce(created.cases_created, 0) as cases_created,
        coalesce(solved.cases_solved, 0) as cases_solved
    from months
    cross join pairs
    left join created on months.month = created.month and pairs.reason = created.reason and pairs.channel = created.channel
    left join solved on months.month = solved.month and pairs.reason = solved.reason and pairs.channel = solved.channel
),

final as (
    select
        *,
        {{ as_double('cases_created') }} / nullif(sum(cases_created) over (partition by month), 0) as share_of_cases_created
    from counted
)

select * from final

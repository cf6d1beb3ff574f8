-- The month's support cost allocated to customers by their share of the month's interactions
-- linked to a customer: cases first solved plus answered inbound calls (the profitability
-- report). Months the finance drop does not cover allocate nothing (allocated_cost is NULL).
with

cases as (
    select * from {{ ref('fct_cases') }}
),

calls as (
    select * from {{ ref('fct_service_calls') }}
),

support_costs as (
    select * from {{ ref('fct_support_costs') }}
),

interactions as (
    select
        customer_key,
        first_solved_month as month,
        1 as solved_cases,
        0 as answered_calls
    from cases
    where first_solved_month is not null and customer_key is not null
    union all
    select
        customer_key,
        created_month as month,
        0 as solved_cases,
        1 as answered_calls
    from calls
    where is_inbound and is_answered and customer_key is not null
),

per_customer as (
    select
        customer_key,
        month,
        sum(solved_cases) as solved_cases,
        sum(answered_calls) as answered_calls,
        sum(solved_cases + answered_calls) as interactions
    from interactions
    group by 1, 2
),

shares as (
    select
        *,
        {{ as_double('interactions') }} / sum(interactions) over (partition by month) as interaction_share
    from per_customer
),

final as (
    select
        shares.customer_key,
        shares.month,
        shares.solved_cases,
        shares.answered_calls,
        shares.interactions,
        shares.interaction_share,
        support_costs.amount_reporting * shares.interaction_share as allocated_cost
    from shares
    left join support_costs on shares.month = support_costs.month
)

select * from final

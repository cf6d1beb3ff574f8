-- Every month from the first with source data to the last: each metric gets a row in each.
with

data_months as (
    select created_month as month from {{ ref('fct_deals') }}
    union all
    select entered_month from {{ ref('fct_deal_stage_transitions') }}
    union all
    select occurred_month from {{ ref('fct_payments') }}
    union all
    select created_month from {{ ref('fct_cases') }}
    union all
    select first_solved_month from {{ ref('fct_cases') }}
),

bounds as (
    select
        min(month) as first_month,
        max(month) as last_month
    from data_months
),

months as (
    {{ month_series('bounds', 'first_month', 'last_month') }}
)

select * from months

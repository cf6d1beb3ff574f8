-- Support cost per month from the finance drop (months it does not cover have no row).
with

costs as (
    select * from {{ ref('stg_files__support_costs') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

final as (
    select
        costs.month,
        sum(costs.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting)) as amount_reporting
    from costs
    left join fx on costs.currency_code = fx.currency_code
    left join fx_monthly on costs.currency_code = fx_monthly.currency_code and costs.month = fx_monthly.month
    group by 1
)

select * from final

-- Revenue goals (quotas) per CRM owner and month, in the reporting currency at that month's rate.
with

goals as (
    select * from {{ ref('stg_files__goals') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

final as (
    select
        goals.owner_id,
        goals.month,
        goals.currency_code,
        goals.goal_amount,
        cast(goals.goal_amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8))
            as goal_amount_reporting
    from goals
    left join fx on goals.currency_code = fx.currency_code
    left join fx_monthly on goals.currency_code = fx_monthly.currency_code and goals.month = fx_monthly.month
)

select * from final

-- Campaign spend dated by spend date, in its currency and the reporting currency at that month's rate.
with

costs as (
    select * from {{ ref('stg_files__campaign_costs') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

final as (
    select
        costs.campaign_id,
        costs.spend_date,
        {{ month_start('costs.spend_date') }} as spend_month,
        costs.currency_code,
        costs.amount,
        cast(costs.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8))
            as amount_reporting
    from costs
    left join fx on costs.currency_code = fx.currency_code
    left join fx_monthly
        on costs.currency_code = fx_monthly.currency_code and {{ month_start('costs.spend_date') }} = fx_monthly.month
)

select * from final

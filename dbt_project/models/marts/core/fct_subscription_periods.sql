-- Subscription billing periods, one row per invoice line of a subscription: the period billed,
-- product and price, the recurring amount normalised to a month, whether it was paid, whether the
-- next period was paid (renewal) and plan changes against the previous period.
with

periods as (
    select * from {{ ref('int_subscription_periods') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

final as (
    select
        periods.invoice_line_id,
        periods.invoice_id,
        periods.subscription_id,
        periods.customer_id,
        periods.product_id,
        periods.price_id,
        periods.quantity,
        periods.currency_code,
        periods.amount,
        cast(periods.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8))
            as amount_reporting,
        periods.monthly_amount,
        periods.subscription_monthly_amount,
        periods.previous_subscription_monthly_amount,
        periods.is_proration,
        periods.period_start_at,
        periods.period_end_at,
        {{ month_start('periods.period_end_at') }} as period_end_month,
        periods.period_number,
        periods.invoice_status,
        periods.is_paid,
        periods.paid_at,
        periods.invoiced_at,
        {{ month_start('periods.invoiced_at') }} as invoiced_month,
        periods.has_paid_next_period,
        periods.is_upgrade,
        periods.is_downgrade
    from periods
    left join fx on periods.currency_code = fx.currency_code
    left join fx_monthly
        on periods.currency_code = fx_monthly.currency_code and {{ month_start('periods.invoiced_at') }} = fx_monthly.month
)

select * from final

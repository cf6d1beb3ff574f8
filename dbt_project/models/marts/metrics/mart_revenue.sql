-- Revenue by month in the reporting currency (each month's rate): successful charges, refunds,
-- processor fees, net revenue (gross − refunds − fees), the month's support cost and gross profit
-- (net revenue − support cost; NULL for months the support-cost drop does not cover).
with

monthly as (
    select * from {{ ref('int_customers_monthly') }}
),

final as (
    select
        month,
        '{{ var("reporting_currency") }}' as currency_code,
        cast(gross_revenue as decimal(18, 2)) as gross_revenue,
        cast(refunds as decimal(18, 2)) as refunds,
        cast(payment_fees as decimal(18, 2)) as payment_fees,
        cast(net_revenue as decimal(18, 2)) as net_revenue,
        cast(support_cost as decimal(18, 2)) as support_cost,
        cast(gross_profit as decimal(18, 2)) as gross_profit
    from monthly
)

select * from final

-- Customer retention by month: active customers at start and end, new, churned and retained
-- customers, churn rate and the churned-to-acquired ratio, renewals, retention cost, cross-sell
-- and upsell ratios, and the mean customer lifetime value (metrics.md, Customers and revenue).
with

monthly as (
    select * from {{ ref('int_customers_monthly') }}
),

final as (
    select
        month,
        active_at_start as active_customers_at_start,
        active_customers,
        new_customers,
        churned_customers,
        retained_customers,
        churn_rate,
        churn_to_acquisition_ratio,
        renewals_due,
        renewals,
        renewal_rate,
        cast(support_cost as decimal(18, 2)) as support_cost,
        cast(customer_campaign_cost as decimal(18, 2)) as customer_campaign_cost,
        cast(retention_cost as decimal(18, 2)) as retention_cost,
        retention_cost_per_customer,
        purchasing_customers,
        cross_sold_customers,
        cross_sell_ratio,
        upgraded_customers,
        upsell_ratio,
        paying_customers,
        clv as mean_clv
    from monthly
)

select * from final

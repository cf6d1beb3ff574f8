-- Company-wide customer and revenue figures per month (metrics.md "Customers and revenue", plus
-- new and retained customers): the single source of int_kpis_customers, mart_retention and
-- mart_revenue. Counts and sums are 0 when empty; ratios are NULL over a zero denominator; cost
-- based figures are NULL for months the support-cost drop does not cover.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

customer_months as (
    select * from {{ ref('int_customer_months') }}
),

first_purchases as (
    select * from {{ ref('int_customer_first_purchases') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

periods as (
    select * from {{ ref('fct_subscription_periods') }}
),

support_costs as (
    select * from {{ ref('fct_support_costs') }}
),

campaign_costs as (
    select * from {{ ref('fct_campaign_costs') }}
),

campaigns as (
    select * from {{ ref('dim_campaigns') }}
),

customers as (
    select
        month,
        sum(case when is_active_at_start then 1 else 0 end) as active_at_start,
        sum(case when is_active_at_end then 1 else 0 end) as active_customers,
        sum(case when is_active_at_start and not is_active_at_end then 1 else 0 end) as churned_customers,
        sum(case when is_active_at_start and is_active_at_end then 1 else 0 end) as retained_customers,
        sum(case when has_upgrade then 1 else 0 end) as upgraded_customers,
        sum(case when paid_products > 0 then 1 else 0 end) as purchasing_customers,
        sum(case when paid_products >= 2 then 1 else 0 end) as cross_sold_customers,
        sum(case when has_paid then 1 else 0 end) as paying_customers,
        sum(case when has_paid then lifetime_net_revenue else 0 end) as lifetime_net_revenue_sum
    from customer_months
    group by 1
),

new_customers as (
    select
        first_purchase_month as month,
        count(*) as new_customers
    from first_purchases
    group by 1
),

-- every payment counts, whether or not its payment customer is known
revenue as (
    select
        occurred_month as month,
        sum(case when is_successful_charge then amount_reporting else 0 end) as gross_revenue,
        sum(case when payment_type = 'refund' then -net_amount_reporting else 0 end) as refunds,
        sum(case when payment_type = 'fee' then -net_amount_reporting else 0 end) as payment_fees,
        sum(net_amount_reporting) as net_revenue
    from payments
    group by 1
),

-- a billing period is one (subscription, period start); renewed when the next period was paid
billing_periods as (
    select
        subscription_id,
        period_start_at,
        max(period_end_month) as period_end_month,
        max(case when has_paid_next_period then 1 else 0 end) as is_renewed
    from periods
    where not is_proration
    group by 1, 2
),

renewals as (
    select
        period_end_month as month,
        count(*) as renewals_due,
        sum(is_renewed) as renewals
    from billing_periods
    group by 1
),

customer_campaign_costs as (
    select
        campaign_costs.spend_month as month,
        sum(campaign_costs.amount_reporting) as customer_campaign_cost
    from campaign_costs
    inner join campaigns on campaign_costs.campaign_id = campaigns.campaign_id
    where campaigns.audience = 'customers'
    group by 1
),

joined as (
    select
        months.month,
        coalesce(customers.active_at_start, 0) as active_at_start,
        coalesce(customers.active_customers, 0) as active_customers,
        coalesce(new_customers.new_customers, 0) as new_customers,
        coalesce(customers.churned_customers, 0) as churned_customers,
        coalesce(customers.retained_customers, 0) as retained_customers,
        coalesce(customers.upgraded_customers, 0) as upgraded_customers,
        coalesce(customers.purchasing_customers, 0) as purchasing_customers,
        coalesce(customers.cross_sold_customers, 0) as cross_sold_customers,
        coalesce(customers.paying_customers, 0) as paying_customers,
        coalesce(customers.lifetime_net_revenue_sum, 0) as lifetime_net_revenue_sum,
        coalesce(renewals.renewals_due, 0) as renewals_due,
        coalesce(renewals.renewals, 0) as renewals,
        round(coalesce(revenue.gross_revenue, 0), 2) as gross_revenue,
        round(coalesce(revenue.refunds, 0), 2) as refunds,
        round(coalesce(revenue.payment_fees, 0), 2) as payment_fees,
        round(coalesce(revenue.net_revenue, 0), 2) as net_revenue,
        round(support_costs.amount_reporting, 2) as support_cost,
        coalesce(customer_campaign_costs.customer_campaign_cost, 0) as customer_campaign_cost
    from months
    left join customers on months.month = customers.month
    left join new_customers on months.month = new_customers.month
    left join revenue on months.month = revenue.month
    left join renewals on months.month = renewals.month
    left join support_costs on months.month = support_costs.month
    left join customer_campaign_costs on months.month = customer_campaign_costs.month
),

final as (
    select
        *,
        {{ as_double('churned_customers') }} / nullif(active_at_start, 0) as churn_rate,
        {{ as_double('churned_customers') }} / nullif(new_customers, 0) as churn_to_acquisition_ratio,
        {{ as_double('renewals') }} / nullif(renewals_due, 0) as renewal_rate,
        lifetime_net_revenue_sum / nullif(paying_customers, 0) as clv,
        {{ as_double('cross_sold_customers') }} / nullif(purchasing_customers, 0) as cross_sell_ratio,
        {{ as_double('upgraded_customers') }} / nullif(active_at_start, 0) as upsell_ratio,
        round(support_cost + customer_campaign_cost, 2) as retention_cost,
        (support_cost + customer_campaign_cost) / nullif(retained_customers, 0) as retention_cost_per_customer,
        net_revenue - support_cost as gross_profit
    from joined
)

select * from final

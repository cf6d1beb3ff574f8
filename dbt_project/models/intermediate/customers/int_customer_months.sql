-- One row per unified customer with a payment account and month: active at start and at end
-- of the month, money of the month and lifetime (net = charges - refunds - fees, reporting
-- currency), distinct products paid for so far, and whether a subscription was upgraded.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

spans as (
    select * from {{ ref('int_customer_activity_spans') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

periods as (
    select * from {{ ref('fct_subscription_periods') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
    where source_system = 'stripe_customer'
),

invoice_lines as (
    select * from {{ ref('stg_stripe__invoice_lines') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

prices as (
    select * from {{ ref('stg_stripe__prices') }}
),

instants as (
    select
        month,
        {{ month_start_at('month') }} as month_start_at,
        {{ month_end_at('month') }} as month_end_at
    from months
),

grid as (
    select
        customers.customer_key,
        instants.month,
        instants.month_start_at,
        instants.month_end_at
    from (select distinct customer_key from identities) as customers
    cross join instants
),

-- a span covers an instant t when active_from_at <= t < active_to_at
activity as (
    select
        grid.customer_key,
        grid.month,
        max(
            case
                when spans.active_from_at <= grid.month_start_at and coalesce(grid.month_start_at < spans.active_to_at, true)
                    then 1
                else 0
            end
        ) as active_at_start,
        max(
            case
                when spans.active_from_at <= grid.month_end_at and coalesce(grid.month_end_at < spans.active_to_at, true)
                    then 1
                else 0
            end
        ) as active_at_end
    from grid
    inner join spans
        on
            grid.customer_key = spans.customer_key
            and grid.month_end_at >= spans.active_from_at
            and coalesce(grid.month_start_at < spans.active_to_at, true)
    group by 1, 2
),

money as (
    select
        identities.customer_key,
        payments.occurred_month as month,
        sum(case when payments.is_successful_charge then payments.amount_reporting else 0 end) as gross_revenue,
        sum(case when payments.payment_type = 'refund' then -payments.net_amount_reporting else 0 end) as refunds,
        sum(case when payments.payment_type = 'fee' then -payments.net_amount_reporting else 0 end) as payment_fees,
        sum(payments.net_amount_reporting) as net_revenue
    from payments
    inner join identities on payments.customer_id = identities.source_id
    group by 1, 2
),

first_payments as (
    select
        identities.customer_key,
        min(payments.occurred_at) as first_payment_at
    from payments
    inner join identities on payments.customer_id = identities.source_id
    where payments.is_successful_charge
    group by 1
),

-- products (not prices) on paid invoices, by when the customer first paid for each
paid_products as (
    select
        identities.customer_key,
        coalesce(invoice_lines.product_id, prices.product_id) as product_id,
        min(invoices.paid_at) as first_paid_at
    from invoice_lines
    inner join invoices on invoice_lines.invoice_id = invoices.invoice_id
    inner join identities on invoices.customer_id = identities.source_id
    left join prices on invoice_lines.price_id = prices.price_id
    where
        invoices.is_paid
        and invoices.paid_at is not null
        and invoice_lines.amount > 0
        and coalesce(invoice_lines.product_id, prices.product_id) is not null
    group by 1, 2
),

products_to_date as (
    select
        grid.customer_key,
        grid.month,
        count(*) as paid_products
    from grid
    inner join paid_products
        on grid.customer_key = paid_products.customer_key and grid.month_end_at > paid_products.first_paid_at
    group by 1, 2
),

upgrades as (
    select distinct
        identities.customer_key,
        periods.invoiced_month as month
    from periods
    inner join identities on periods.customer_id = identities.source_id
    where periods.is_upgrade
),

final as (
    select
        grid.customer_key,
        grid.month,
        coalesce(activity.active_at_start = 1, false) as is_active_at_start,
        coalesce(activity.active_at_end = 1, false) as is_active_at_end,
        coalesce(money.gross_revenue, 0) as gross_revenue,
        coalesce(money.refunds, 0) as refunds,
        coalesce(money.payment_fees, 0) as payment_fees,
        coalesce(money.net_revenue, 0) as net_revenue,
        sum(coalesce(money.net_revenue, 0)) over (
            partition by grid.customer_key order by grid.month rows between unbounded preceding and current row
        ) as lifetime_net_revenue,
        coalesce(first_payments.first_payment_at < grid.month_end_at, false) as has_paid,
        coalesce(products_to_date.paid_products, 0) as paid_products,
        upgrades.customer_key is not null as has_upgrade
    from grid
    left join activity on grid.customer_key = activity.customer_key and grid.month = activity.month
    left join money on grid.customer_key = money.customer_key and grid.month = money.month
    left join first_payments on grid.customer_key = first_payments.customer_key
    left join products_to_date on grid.customer_key = products_to_date.customer_key and grid.month = products_to_date.month
    left join upgrades on grid.customer_key = upgrades.customer_key and grid.month = upgrades.month
)

select * from final

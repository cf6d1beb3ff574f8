-- The per-customer net revenue of mart_customers adds up to the company's net revenue (every
-- payment belongs to a customer); each side rounds to cents per row, so they may differ by half a
-- cent per row summed.
with

customers as (
    select
        sum(net_revenue) as net_revenue,
        count(*) as rows_summed
    from {{ ref('mart_customers') }}
),

company as (
    select
        sum(net_revenue) as net_revenue,
        count(*) as rows_summed
    from {{ ref('mart_revenue') }}
)

select
    customers.net_revenue as customers_net_revenue,
    company.net_revenue as company_net_revenue
from customers
cross join company
where abs(customers.net_revenue - company.net_revenue) > 0.005 * (customers.rows_summed + company.rows_summed)

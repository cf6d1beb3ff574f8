-- Customers and revenue metrics of the catalog in mart_kpis' long format.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

revenue as (
    select
        occurred_month as month,
        sum(amount_reporting) as gross_revenue
    from payments
    where is_successful_charge
    group by 1
),

monthly as (
    select
        months.month,
        coalesce(revenue.gross_revenue, 0) as gross_revenue
    from months
    left join revenue on months.month = revenue.month
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('gross_revenue', 'round(gross_revenue, 2)'),
    ]) }}
)

select * from long_format

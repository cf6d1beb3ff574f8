-- Customers and revenue metrics of the catalog in mart_kpis' long format (company-wide rows).
-- new_customers and retained_customers are Sales ids: int_kpis_sales publishes them.
with

monthly as (
    select * from {{ ref('int_customers_monthly') }}
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('active_customers', 'active_customers'),
        ('churned_customers', 'churned_customers'),
        ('churn_rate', 'churn_rate'),
        ('churn_to_acquisition_ratio', 'churn_to_acquisition_ratio'),
        ('renewals_due', 'renewals_due'),
        ('renewals', 'renewals'),
        ('renewal_rate', 'renewal_rate'),
        ('gross_revenue', 'gross_revenue'),
        ('refunds', 'refunds'),
        ('payment_fees', 'payment_fees'),
        ('net_revenue', 'net_revenue'),
        ('clv', 'clv'),
        ('cross_sell_ratio', 'cross_sell_ratio'),
        ('upsell_ratio', 'upsell_ratio'),
        ('retention_cost_per_customer', 'retention_cost_per_customer'),
        ('gross_profit', 'gross_profit'),
    ]) }}
)

select * from long_format

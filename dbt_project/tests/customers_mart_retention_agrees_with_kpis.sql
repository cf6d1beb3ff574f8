-- mart_retention and mart_kpis carry the same customer numbers for every month (new_customers and
-- retained_customers are compared where the Sales section publishes them).
{%- set metric_ids = [
    'active_customers', 'churned_customers', 'churn_rate', 'churn_to_acquisition_ratio', 'renewals_due',
    'renewals', 'renewal_rate', 'clv', 'cross_sell_ratio', 'upsell_ratio', 'retention_cost_per_customer',
] %}
with

retention as (
    select * from {{ ref('mart_retention') }}
),

wide as (
    {{ unpivot_kpis('retention', [
        ('active_customers', 'active_customers'),
        ('churned_customers', 'churned_customers'),
        ('churn_rate', 'churn_rate'),
        ('churn_to_acquisition_ratio', 'churn_to_acquisition_ratio'),
        ('renewals_due', 'renewals_due'),
        ('renewals', 'renewals'),
        ('renewal_rate', 'renewal_rate'),
        ('clv', 'mean_clv'),
        ('cross_sell_ratio', 'cross_sell_ratio'),
        ('upsell_ratio', 'upsell_ratio'),
        ('retention_cost_per_customer', 'retention_cost_per_customer'),
    ]) }}
),

sales_ids as (
    {{ unpivot_kpis('retention', [
        ('new_customers', 'new_customers'),
        ('retained_customers', 'retained_customers'),
    ]) }}
),

published_sales_ids as (
    select sales_ids.*
    from sales_ids
    inner join {{ ref('mart_kpis') }} as kpis
        on
            sales_ids.month = kpis.month
            and sales_ids.metric_id = kpis.metric_id
            and kpis.dimension = 'all'
    where (sales_ids.value is null) <> (kpis.value is null) or abs(sales_ids.value - kpis.value) > 0.000001
),

disagreements as (
    {{ kpis_disagreements('wide', metric_ids) }}
)

select
    month,
    metric_id,
    value as wide_mart_value
from published_sales_ids
union all
select
    month,
    metric_id,
    wide_mart_value
from disagreements

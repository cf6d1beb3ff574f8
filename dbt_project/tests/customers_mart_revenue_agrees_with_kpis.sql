-- mart_revenue and mart_kpis carry the same revenue numbers for every month.
with

revenue as (
    select * from {{ ref('mart_revenue') }}
),

wide as (
    {{ unpivot_kpis('revenue', [
        ('gross_revenue', 'gross_revenue'),
        ('refunds', 'refunds'),
        ('payment_fees', 'payment_fees'),
        ('net_revenue', 'net_revenue'),
        ('gross_profit', 'gross_profit'),
    ]) }}
)

{{ kpis_disagreements('wide', ['gross_revenue', 'refunds', 'payment_fees', 'net_revenue', 'gross_profit']) }}

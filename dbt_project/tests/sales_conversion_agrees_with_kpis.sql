-- mart_conversion's lead source rows equal mart_kpis' lead_source rows, and its sums the company rows.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where dimension in ('lead_source', 'all')
),

conversion as (
    select * from {{ ref('mart_conversion') }}
),

long_format as (
    {% for column in ['leads_created', 'deals_created', 'deals_won', 'lead_to_deal_rate', 'lead_to_customer_rate'] %}
        select
            month,
            'lead_source' as dimension,
            lead_source as dimension_value,
            '{{ column }}' as metric_id,
            cast({{ column }} as double) as mart_value
        from conversion
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
    union all
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        'leads_created' as metric_id,
        cast(sum(leads_created) as double) as mart_value
    from conversion
    group by 1
    union all
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        'referrals' as metric_id,
        cast(sum(referrals) as double) as mart_value
    from conversion
    group by 1
),

compared as (
    {{ beside_kpis('long_format', 'kpis') }}
)

select * from compared
where
    (mart_value is null) <> (kpi_value is null)
    or abs(mart_value - kpi_value) > 0.000001

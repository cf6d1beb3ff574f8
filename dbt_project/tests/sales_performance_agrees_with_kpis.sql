-- mart_sales_performance's owner rows equal mart_kpis' owner rows, and its sums the company rows.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where dimension in ('owner', 'all')
),

performance as (
    select * from {{ ref('mart_sales_performance') }}
),

long_format as (
    {% set columns = ['deals_created', 'deals_won', 'deals_lost', 'new_revenue', 'proposals_sent', 'sales_calls',
        'sales_activities', 'goal_amount'] %}
    {% for column in columns %}
        select
            month,
            'owner' as dimension,
            owner_id as dimension_value,
            '{{ column }}' as metric_id,
            cast({{ column }} as double) as mart_value
        from performance
        union all
        select
            month,
            'all' as dimension,
            'all' as dimension_value,
            '{{ column }}' as metric_id,
            cast(sum({{ column }}) as double) as mart_value
        from performance
        group by 1
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

compared as (
    {{ beside_kpis('long_format', 'kpis') }}
)

select * from compared
where kpi_value is null or abs(mart_value - kpi_value) > 0.05 * (case when dimension = 'all' then 10 else 1 end)

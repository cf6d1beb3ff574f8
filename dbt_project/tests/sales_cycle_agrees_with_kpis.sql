-- mart_sales_cycle's means equal mart_kpis' sales_cycle_days and stage_duration_days (company-wide,
-- by lead source and by stage).
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where metric_id in ('sales_cycle_days', 'stage_duration_days')
),

cycle as (
    select * from {{ ref('mart_sales_cycle') }}
),

long_format as (
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        'sales_cycle_days' as metric_id,
        sales_cycle_days as mart_value
    from cycle
    where breakdown = 'all'
    union all
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        'stage_duration_days' as metric_id,
        stage_duration_days as mart_value
    from cycle
    where breakdown = 'all'
    union all
    select
        month,
        'lead_source' as dimension,
        lead_source as dimension_value,
        'sales_cycle_days' as metric_id,
        sales_cycle_days as mart_value
    from cycle
    where breakdown = 'lead_source'
    union all
    select
        month,
        'stage' as dimension,
        stage_id as dimension_value,
        'stage_duration_days' as metric_id,
        stage_duration_days as mart_value
    from cycle
    where breakdown = 'stage'
),

compared as (
    {{ beside_kpis('long_format', 'kpis') }}
)

select * from compared
where (mart_value is null) <> (kpi_value is null) or abs(mart_value - kpi_value) > 0.000001

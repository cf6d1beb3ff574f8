-- mart_pipeline's month-end snapshots equal mart_kpis' open pipeline figures (by stage and in total).
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where metric_id in ('open_opportunities', 'open_pipeline_amount', 'weighted_pipeline_amount')
),

pipeline as (
    select * from {{ ref('mart_pipeline') }}
    where is_month_end
),

by_stage as (
    select
        {{ month_start('snapshot_date') }} as month,
        'stage' as dimension,
        stage_id as dimension_value,
        sum(open_deals) as open_opportunities,
        sum(open_amount) as open_pipeline_amount,
        sum(weighted_amount) as weighted_pipeline_amount
    from pipeline
    group by 1, 2, 3
),

company as (
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        sum(open_opportunities) as open_opportunities,
        sum(open_pipeline_amount) as open_pipeline_amount,
        sum(weighted_pipeline_amount) as weighted_pipeline_amount
    from by_stage
    group by 1
),

mart as (
    select * from by_stage
    union all
    select * from company
),

compared as (
    select
        mart.month,
        mart.dimension,
        mart.dimension_value,
        kpis.metric_id,
        case kpis.metric_id
            when 'open_opportunities' then mart.open_opportunities
            when 'open_pipeline_amount' then mart.open_pipeline_amount
            else mart.weighted_pipeline_amount
        end as mart_value,
        coalesce(kpis.value, 0) as kpi_value
    from mart
    left join kpis
        on mart.month = kpis.month and mart.dimension = kpis.dimension and mart.dimension_value = kpis.dimension_value
)

select * from compared
where abs(coalesce(mart_value, 0) - kpi_value) > 0.05 and not (mart_value = 0 and metric_id is null)

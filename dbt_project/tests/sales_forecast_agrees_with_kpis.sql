-- mart_forecast's forecast and goal per owner equal mart_kpis' owner rows.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where dimension = 'owner' and metric_id in ('forecast_amount', 'goal_amount')
),

forecast as (
    select * from {{ ref('mart_forecast') }}
),

compared as (
    select
        forecast.month,
        forecast.owner_id,
        kpis.metric_id,
        case kpis.metric_id when 'forecast_amount' then forecast.forecast_amount else forecast.goal_amount end as mart_value,
        kpis.value as kpi_value
    from forecast
    inner join kpis on forecast.month = kpis.month and forecast.owner_id = kpis.dimension_value
)

select * from compared
where abs(mart_value - kpi_value) > 0.005
union all
select
    forecast.month,
    forecast.owner_id,
    'missing' as metric_id,
    forecast.forecast_amount as mart_value,
    null as kpi_value
from forecast
left join kpis on forecast.month = kpis.month and forecast.owner_id = kpis.dimension_value
where kpis.metric_id is null

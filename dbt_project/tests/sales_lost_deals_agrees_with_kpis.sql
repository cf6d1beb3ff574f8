-- mart_lost_deals summed by reason, by stage and in total equals mart_kpis' deals_lost and lost_amount.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where metric_id in ('deals_lost', 'lost_amount')
),

lost as (
    select * from {{ ref('mart_lost_deals') }}
),

rolled_up as (
    select
        month,
        'lost_reason' as dimension,
        lost_reason as dimension_value,
        sum(deals_lost) as deals_lost,
        sum(lost_amount) as lost_amount
    from lost
    group by 1, 2, 3
    union all
    select
        month,
        'stage' as dimension,
        stage_id as dimension_value,
        sum(deals_lost) as deals_lost,
        sum(lost_amount) as lost_amount
    from lost
    group by 1, 2, 3
    union all
    select
        month,
        'all' as dimension,
        'all' as dimension_value,
        sum(deals_lost) as deals_lost,
        sum(lost_amount) as lost_amount
    from lost
    group by 1, 2, 3
),

compared as (
    select
        rolled_up.month,
        rolled_up.dimension,
        rolled_up.dimension_value,
        kpis.metric_id,
        case kpis.metric_id when 'deals_lost' then rolled_up.deals_lost else rolled_up.lost_amount end as mart_value,
        kpis.value as kpi_value
    from rolled_up
    left join kpis
        on
            rolled_up.month = kpis.month
            and rolled_up.dimension = kpis.dimension
            and rolled_up.dimension_value = kpis.dimension_value
)

select * from compared
where kpi_value is null or abs(mart_value - kpi_value) > 0.05

-- mart_activity's weekly counts, summed over all weeks, equal mart_kpis' monthly sales_activities by
-- activity type and by owner, sales_calls by owner and the call outcome counts.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where
        (metric_id = 'sales_activities' and dimension in ('activity_type', 'owner'))
        or (metric_id = 'sales_calls' and dimension = 'owner')
        or (metric_id = 'call_duration_seconds' and dimension = 'call_outcome')
),

activity as (
    select * from {{ ref('mart_activity') }}
),

kpi_totals as (
    select
        metric_id,
        dimension,
        dimension_value,
        sum(value) as kpi_value
    from kpis
    group by 1, 2, 3
),

mart_totals as (
    select
        'sales_activities' as metric_id,
        'activity_type' as dimension,
        activity_type as dimension_value,
        sum(activities_done) as mart_value
    from activity
    group by 1, 2, 3
    union all
    select
        'sales_activities' as metric_id,
        'owner' as dimension,
        owner_id as dimension_value,
        sum(activities_done) as mart_value
    from activity
    group by 1, 2, 3
    union all
    select
        'sales_calls' as metric_id,
        'owner' as dimension,
        owner_id as dimension_value,
        sum(activities_done) as mart_value
    from activity
    where activity_type = 'call'
    group by 1, 2, 3
    union all
    select
        'call_duration_seconds' as metric_id,
        'call_outcome' as dimension,
        'connected' as dimension_value,
        sum(connected_calls) as mart_value
    from activity
    group by 1, 2, 3
),

compared as (
    select
        mart_totals.*,
        coalesce(kpi_totals.kpi_value, 0) as kpi_value
    from mart_totals
    left join kpi_totals
        on
            mart_totals.metric_id = kpi_totals.metric_id
            and mart_totals.dimension = kpi_totals.dimension
            and mart_totals.dimension_value = kpi_totals.dimension_value
)

select * from compared
where mart_value <> kpi_value

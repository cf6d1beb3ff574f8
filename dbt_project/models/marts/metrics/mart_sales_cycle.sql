-- Sales cycle length (create → won, days) and time spent in open stages, per month: company-wide
-- (`breakdown` = 'all'), by lead source and by pipeline × stage; means and medians.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

closings as (
    select * from {{ ref('int_sales_deal_closings') }}
    where is_won
),

transitions as (
    select * from {{ ref('fct_deal_stage_transitions') }}
    where is_open_stage and exited_at is not null
),

cycle_all as (
    select
        month,
        count(*) as deals_won,
        avg(cycle_days) as sales_cycle_days,
        {{ sales_median('cycle_days') }} as sales_cycle_days_median
    from closings
    group by 1
),

stage_all as (
    select
        exited_month as month,
        count(*) as stage_exits,
        avg(duration_days) as stage_duration_days,
        {{ sales_median('duration_days') }} as stage_duration_days_median
    from transitions
    group by 1
),

company as (
    select
        months.month,
        'all' as breakdown,
        cast(null as varchar) as lead_source,
        cast(null as varchar) as pipeline_id,
        cast(null as varchar) as stage_id,
        coalesce(cycle_all.deals_won, 0) as deals_won,
        cycle_all.sales_cycle_days,
        cycle_all.sales_cycle_days_median,
        coalesce(stage_all.stage_exits, 0) as stage_exits,
        stage_all.stage_duration_days,
        stage_all.stage_duration_days_median
    from months
    left join cycle_all on months.month = cycle_all.month
    left join stage_all on months.month = stage_all.month
),

by_source as (
    select
        month,
        'lead_source' as breakdown,
        lead_source,
        cast(null as varchar) as pipeline_id,
        cast(null as varchar) as stage_id,
        count(*) as deals_won,
        avg(cycle_days) as sales_cycle_days,
        {{ sales_median('cycle_days') }} as sales_cycle_days_median,
        0 as stage_exits,
        cast(null as double) as stage_duration_days,
        cast(null as double) as stage_duration_days_median
    from closings
    group by 1, 3
),

by_stage as (
    select
        exited_month as month,
        'stage' as breakdown,
        cast(null as varchar) as lead_source,
        pipeline_id,
        stage_id,
        0 as deals_won,
        cast(null as double) as sales_cycle_days,
        cast(null as double) as sales_cycle_days_median,
        count(*) as stage_exits,
        avg(duration_days) as stage_duration_days,
        {{ sales_median('duration_days') }} as stage_duration_days_median
    from transitions
    group by 1, 4, 5
),

final as (
    select * from company
    union all
    select * from by_source
    union all
    select * from by_stage
)

select * from final

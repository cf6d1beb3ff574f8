-- Snapshot date × pipeline × open stage: the deals open at the end of each day (00:00 UTC of the
-- next day) by the stage they were in then, their amount, weighted amount and the stage's share of
-- the pipeline's open deals. The last day of a month is the month's "as at the end" in mart_kpis.
with

open_deals as (
    select * from {{ ref('int_sales_open_deals_daily') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
    where is_open
),

days as (
    select distinct
        snapshot_date,
        is_month_end
    from open_deals
),

grid as (
    select
        days.snapshot_date,
        days.is_month_end,
        stages.pipeline_id,
        stages.pipeline_label,
        stages.stage_id,
        stages.stage_label,
        stages.display_order,
        stages.probability
    from days
    cross join stages
),

by_stage as (
    select
        snapshot_date,
        pipeline_id,
        stage_id,
        count(*) as open_deals,
        sum(amount_reporting) as open_amount,
        sum(amount_reporting * stage_probability) as weighted_amount
    from open_deals
    group by 1, 2, 3
),

joined as (
    select
        grid.snapshot_date,
        grid.is_month_end,
        grid.pipeline_id,
        grid.pipeline_label,
        grid.stage_id,
        grid.stage_label,
        grid.display_order,
        grid.probability,
        coalesce(by_stage.open_deals, 0) as open_deals,
        round(coalesce(by_stage.open_amount, 0), 2) as open_amount,
        round(coalesce(by_stage.weighted_amount, 0), 2) as weighted_amount
    from grid
    left join by_stage
        on
            grid.snapshot_date = by_stage.snapshot_date
            and grid.pipeline_id = by_stage.pipeline_id
            and grid.stage_id = by_stage.stage_id
),

final as (
    select
        *,
        cast(open_deals as double)
        / nullif(sum(open_deals) over (partition by snapshot_date, pipeline_id), 0) as share_of_active_deals
    from joined
)

select * from final

-- Month × lost reason × stage lost from: deals lost and their amount at the loss (the lost-deals
-- report). Only combinations with a loss have a row.
with

closings as (
    select * from {{ ref('int_sales_deal_closings') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
),

final as (
    select
        closings.month,
        closings.lost_reason,
        closings.pipeline_id,
        closings.lost_from_stage_id as stage_id,
        max(stages.stage_label) as stage_label,
        count(*) as deals_lost,
        round(sum(closings.amount_reporting), 2) as lost_amount
    from closings
    left join stages on closings.pipeline_id = stages.pipeline_id and closings.lost_from_stage_id = stages.stage_id
    where closings.is_lost
    group by 1, 2, 3, 4
)

select * from final

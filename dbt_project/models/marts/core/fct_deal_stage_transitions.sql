-- One row per time a deal entered a stage, with when it left it (NULL while still there) and how
-- long it stayed; a deal reopened and closed again has two closings.
with

intervals as (
    select * from {{ ref('int_deal_stage_intervals') }}
),

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
),

final as (
    select
        {{ dbt.concat(["intervals.deal_id", "'-'", dbt.cast("intervals.entry_number", api.Column.translate_type("string"))]) }}
            as transition_id,
        intervals.deal_id,
        intervals.pipeline_id,
        intervals.stage_id,
        intervals.previous_stage_id,
        intervals.entry_number,
        deals.owner_id,
        intervals.valid_from as entered_at,
        intervals.valid_to as exited_at,
        {{ month_start('intervals.valid_from') }} as entered_month,
        {{ month_start('intervals.valid_to') }} as exited_month,
        intervals.duration_days,
        intervals.stage_probability,
        intervals.is_won_stage,
        intervals.is_lost_stage,
        intervals.is_open_stage,
        intervals.is_unknown_stage,
        coalesce(stages.is_proposal_stage, false) as is_proposal_stage
    from intervals
    inner join deals on intervals.deal_id = deals.deal_id
    left join stages on intervals.pipeline_id = stages.pipeline_id and intervals.stage_id = stages.stage_id
)

select * from final

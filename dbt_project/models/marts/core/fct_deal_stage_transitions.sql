-- One row per time a deal entered a stage; a deal reopened and closed again has two closings.
with

history as (
    select * from {{ ref('stg_hubspot__deal_stage_history') }}
),

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
),

ordered as (
    select
        deal_id,
        stage_id,
        entered_at,
        lag(stage_id) over (partition by deal_id order by entered_at, stage_id) as previous_stage_id
    from history
),

-- Setting the stage to the value it already had is not a move.
moves as (
    select * from ordered
    where previous_stage_id is null or previous_stage_id <> stage_id
),

transitions as (
    select
        moves.deal_id,
        deals.pipeline_id,
        moves.stage_id,
        moves.previous_stage_id,
        moves.entered_at,
        lead(moves.entered_at) over (partition by moves.deal_id order by moves.entered_at, moves.stage_id) as exited_at,
        {{ month_start('moves.entered_at') }} as entered_month,
        coalesce(stages.is_won, false) as is_won_stage,
        coalesce(stages.is_lost, false) as is_lost_stage,
        coalesce(stages.is_open, false) as is_open_stage,
        stages.stage_id is null as is_unknown_stage
    from moves
    inner join deals on moves.deal_id = deals.deal_id
    left join stages on deals.pipeline_id = stages.pipeline_id and moves.stage_id = stages.stage_id
),

numbered as (
    select
        *,
        row_number() over (partition by deal_id order by entered_at, stage_id) as entry_number
    from transitions
)

select
    {{ dbt.concat(["deal_id", "'-'", dbt.cast("entry_number", api.Column.translate_type("string"))]) }} as transition_id,
    *
from numbered

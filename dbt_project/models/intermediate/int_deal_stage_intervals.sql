-- Each stage a deal was in, as a validity interval [valid_from, valid_to); valid_to is NULL while
-- the deal is still in the stage. Setting the stage to the value it already had is not a move.
with

history as (
    select * from {{ ref('stg_hubspot__deal_stage_history') }}
),

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

stages as (
    select * from {{ ref('stg_hubspot__pipeline_stages') }}
),

ordered as (
    select
        deal_id,
        stage_id,
        entered_at,
        lag(stage_id) over (partition by deal_id order by entered_at, stage_id) as previous_stage_id
    from history
    where entered_at is not null
),

moves as (
    select * from ordered
    where previous_stage_id is null or previous_stage_id <> stage_id
),

intervals as (
    select
        moves.deal_id,
        deals.pipeline_id,
        moves.stage_id,
        moves.previous_stage_id,
        moves.entered_at as valid_from,
        lead(moves.entered_at) over (partition by moves.deal_id order by moves.entered_at, moves.stage_id) as valid_to,
        row_number() over (partition by moves.deal_id order by moves.entered_at, moves.stage_id) as entry_number
    from moves
    inner join deals on moves.deal_id = deals.deal_id
    where not deals.is_archived
),

final as (
    select
        intervals.*,
        {{ seconds_between('intervals.valid_from', 'intervals.valid_to') }} / 86400.0 as duration_days,
        coalesce(stages.is_closed and stages.probability >= 1.0, false) as is_won_stage,
        coalesce(stages.is_closed and stages.probability <= 0.0, false) as is_lost_stage,
        coalesce(not stages.is_closed, false) as is_open_stage,
        stages.stage_id is null as is_unknown_stage,
        stages.probability as stage_probability
    from intervals
    left join stages on intervals.pipeline_id = stages.pipeline_id and intervals.stage_id = stages.stage_id
)

select * from final

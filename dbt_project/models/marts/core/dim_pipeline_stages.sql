-- Deal pipeline stages; open/won/lost from the CRM's pipeline definitions. A stage is a proposal
-- stage when its label says "proposal" or "quote", unless the proposal_stage_flags seed says otherwise.
with

stages as (
    select * from {{ ref('stg_hubspot__pipeline_stages') }}
),

flags as (
    select * from {{ ref('proposal_stage_flags') }}
),

final as (
    select
        stages.pipeline_id,
        stages.pipeline_label,
        stages.stage_id,
        stages.stage_label,
        stages.display_order,
        stages.probability,
        stages.is_closed,
        stages.is_won,
        stages.is_lost,
        not stages.is_closed as is_open,
        coalesce(
            flags.is_proposal_stage,
            lower(stages.stage_label) like '%proposal%' or lower(stages.stage_label) like '%quote%'
        ) as is_proposal_stage
    from stages
    left join flags on stages.pipeline_id = flags.pipeline_id and stages.stage_id = flags.stage_id
)

select * from final

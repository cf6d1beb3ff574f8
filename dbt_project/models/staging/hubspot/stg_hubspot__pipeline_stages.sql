-- Won, lost and open come from the pipeline definitions, never from stage names.
with

pipelines as (
    select * from {{ source('hubspot', 'pipelines') }}
),

stages as (
    select * from {{ source('hubspot', 'pipeline_stages') }}
),

latest_pipelines as (
    select
        *,
        row_number() over (partition by id order by cast(_dlt_load_id as double) desc, _dlt_id) as version_rank
    from pipelines
),

renamed as (
    select
        cast(latest_pipelines.id as varchar) as pipeline_id,
        latest_pipelines.label as pipeline_label,
        cast(stages.id as varchar) as stage_id,
        stages.label as stage_label,
        cast(stages.display_order as integer) as display_order,
        cast(stages.metadata__probability as double) as probability,
        lower(cast(stages.metadata__is_closed as varchar)) = 'true' as is_closed
    from stages
    inner join latest_pipelines on stages._dlt_parent_id = latest_pipelines._dlt_id
    where latest_pipelines.version_rank = 1
)

select
    *,
    is_closed and probability >= 1.0 as is_won,
    is_closed and probability <= 0.0 as is_lost
from renamed

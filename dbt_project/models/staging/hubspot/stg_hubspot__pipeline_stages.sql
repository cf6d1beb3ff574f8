-- Won, lost and open come from the pipeline definitions, never from stage names.
with

pipelines as (
    {{ source_columns('hubspot', 'pipelines', {'id': 'varchar', 'label': 'varchar', 'display_order': 'integer'}) }}
),

stages as (
    {{ source_columns('hubspot', 'pipeline_stages', {
        'id': 'varchar',
        'label': 'varchar',
        'display_order': 'integer',
        'metadata__probability': 'varchar',
        'metadata__is_closed': 'varchar',
    }, child=true) }}
),

latest_pipelines as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from pipelines
),

renamed as (
    select
        latest_pipelines.id as pipeline_id,
        latest_pipelines.label as pipeline_label,
        stages.id as stage_id,
        stages.label as stage_label,
        stages.display_order,
        cast(stages.metadata__probability as double) as probability,
        lower(trim(stages.metadata__is_closed)) = 'true' as is_closed
    from stages
    inner join latest_pipelines on stages._dlt_parent_id = latest_pipelines._dlt_id
    where latest_pipelines.version_rank = 1
)

select
    *,
    is_closed and probability >= 1.0 as is_won,
    is_closed and probability <= 0.0 as is_lost
from renamed

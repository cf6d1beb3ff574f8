select
    pipeline_id,
    pipeline_label,
    stage_id,
    stage_label,
    display_order,
    probability,
    is_closed,
    is_won,
    is_lost,
    not is_closed as is_open
from {{ ref('stg_hubspot__pipeline_stages') }}

with

source as (
    select * from {{ source('zendesk', 'tickets') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by id order by cast(_dlt_load_id as double) desc, updated_at desc, _dlt_id asc
        ) as version_rank
    from source
),

renamed as (
    select
        cast(id as bigint) as ticket_id,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,
        status,
        priority,
        type as ticket_type,
        via__channel as channel,
        cast(requester_id as bigint) as requester_id,
        cast(metric_set__solved_at as timestamp) as solved_at,
        status = 'deleted' as is_deleted
    from ranked
    where version_rank = 1
)

select * from renamed

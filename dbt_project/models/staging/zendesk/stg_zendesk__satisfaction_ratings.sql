-- Satisfaction ratings; `offered` means asked and never answered.
with

source as (
    {{ source_columns('zendesk', 'satisfaction_ratings', {
        'id': 'bigint',
        'ticket_id': 'bigint',
        'requester_id': 'bigint',
        'assignee_id': 'bigint',
        'score': 'varchar',
        'created_at': 'timestamp with time zone',
        'updated_at': 'timestamp with time zone',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

renamed as (
    select
        id as rating_id,
        ticket_id,
        requester_id,
        assignee_id,
        lower(score) as score,
        {{ to_utc_timestamp('created_at') }} as created_at,
        {{ to_utc_timestamp('updated_at') }} as updated_at
    from ranked
    where version_rank = 1
)

select * from renamed

-- Zendesk Talk calls; the export repeats the boundary call, so a call id is kept once.
with

source as (
    {{ source_columns('zendesk', 'talk_calls', {
        'id': 'bigint',
        'created_at': 'timestamp with time zone',
        'updated_at': 'timestamp with time zone',
        'direction': 'varchar',
        'completion_status': 'varchar',
        'duration': 'integer',
        'wait_time': 'integer',
        'hold_time': 'integer',
        'talk_time': 'integer',
        'wrap_up_time': 'integer',
        'time_to_answer': 'integer',
        'agent_id': 'bigint',
        'customer_id': 'bigint',
        'ticket_id': 'bigint',
        'callback': 'boolean',
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
        id as call_id,
        {{ to_utc_timestamp('created_at') }} as created_at,
        lower(direction) as direction,
        lower(completion_status) as completion_status,
        duration as duration_seconds,
        wait_time as wait_seconds,
        hold_time as hold_seconds,
        talk_time as talk_seconds,
        wrap_up_time as wrap_up_seconds,
        time_to_answer as time_to_answer_seconds,
        agent_id,
        customer_id as caller_id,
        ticket_id,
        coalesce(callback, false) as is_callback_request,
        _dlt_load_id as source_load_id
    from ranked
    where version_rank = 1
)

select * from renamed

-- Zendesk Talk calls. Abandoned = ended unanswered in the IVR, the queue or on hold (a voicemail
-- or a callback request is not). A callback is an inbound call whose known caller made another
-- inbound call in the 7 days before (not the desk's own callback-request flag).
with

calls as (
    select * from {{ ref('stg_zendesk__talk_calls') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

previous_calls as (
    select
        call_id,
        lag(created_at) over (partition by caller_id, direction order by created_at, call_id) as previous_call_at
    from calls
    where caller_id is not null
),

final as (
    select
        calls.call_id,
        identities.customer_key,
        calls.caller_id,
        calls.agent_id,
        calls.ticket_id as case_id,
        calls.created_at,
        {{ month_start('calls.created_at') }} as created_month,
        cast(calls.created_at as date) as created_date,
        calls.direction,
        calls.direction = 'inbound' as is_inbound,
        calls.completion_status,
        calls.completion_status = 'completed' as is_answered,
        calls.completion_status in ('abandoned_in_ivr', 'abandoned_in_queue', 'abandoned_on_hold') as is_abandoned,
        calls.is_callback_request,
        calls.duration_seconds,
        calls.wait_seconds,
        calls.talk_seconds,
        calls.hold_seconds,
        calls.wrap_up_seconds,
        coalesce(calls.talk_seconds, 0) + coalesce(calls.hold_seconds, 0) + coalesce(calls.wrap_up_seconds, 0)
            as handle_seconds,
        coalesce(
            calls.direction = 'inbound'
            and previous_calls.previous_call_at >= {{ dbt.dateadd('day', -7, 'calls.created_at') }},
            false
        ) as is_repeat_call
    from calls
    left join previous_calls on calls.call_id = previous_calls.call_id
    left join identities
        on identities.source_system = 'zendesk_user' and cast(calls.caller_id as varchar) = identities.source_id
)

select * from final

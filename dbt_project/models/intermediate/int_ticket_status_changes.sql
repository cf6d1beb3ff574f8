-- Every change of a ticket's status from the audit log, with solve and reopen flags. A reopen is a
-- move from solved back to an open status (new, open, pending, hold); solved -> closed is not one.
with

events as (
    select * from {{ ref('stg_zendesk__ticket_events') }}
),

status_events as (
    select
        event_id,
        ticket_id,
        occurred_at,
        lower(value) as status,
        lower(previous_value) as previous_status
    from events
    where
        field_name = 'status'
        and event_type in ('Change', 'Create')
),

ordered as (
    select
        event_id,
        ticket_id,
        occurred_at,
        status,
        -- the event's own previous value, else the status the log showed last
        coalesce(
            previous_status,
            lag(status) over (partition by ticket_id order by occurred_at, event_id)
        ) as previous_status
    from status_events
),

final as (
    select
        *,
        status = 'solved' and coalesce(previous_status, '') not in ('solved', 'closed') as is_solve,
        coalesce(previous_status = 'solved' and status in ('new', 'open', 'pending', 'hold'), false) as is_reopen
    from ordered
)

select * from final

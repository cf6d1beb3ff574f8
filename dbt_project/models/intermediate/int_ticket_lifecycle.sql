-- Per ticket from its events: first public agent reply, first and last solve, reopenings.
-- The ticket's creating comment is not a reply, whoever wrote it.
with

tickets as (
    select * from {{ ref('stg_zendesk__tickets') }}
),

events as (
    select * from {{ ref('stg_zendesk__ticket_events') }}
),

users as (
    select * from {{ ref('stg_zendesk__users') }}
),

status_changes as (
    select * from {{ ref('int_ticket_status_changes') }}
),

replies as (
    select
        events.ticket_id,
        min(events.occurred_at) as first_public_agent_reply_at,
        count(*) as public_agent_replies
    from events
    inner join users on events.actor_id = users.user_id
    where
        events.event_type = 'Comment'
        and events.is_public
        and users.is_agent
        and coalesce(events.audit_type, '') <> 'Create'
    group by 1
),

solves as (
    select
        ticket_id,
        min(case when is_solve then occurred_at end) as first_solved_at,
        max(case when is_solve then occurred_at end) as last_solved_at,
        sum(case when is_solve then 1 else 0 end) as solves,
        sum(case when is_reopen then 1 else 0 end) as reopens,
        max(case when is_reopen then occurred_at end) as last_reopened_at
    from status_changes
    group by 1
),

final as (
    select
        tickets.ticket_id,
        tickets.created_at,
        replies.first_public_agent_reply_at,
        coalesce(replies.public_agent_replies, 0) as public_agent_replies,
        -- tickets whose events have not landed fall back to the ticket's own metric set
        case when solves.ticket_id is not null then solves.first_solved_at else tickets.metric_solved_at end as first_solved_at,
        case when solves.ticket_id is not null then solves.last_solved_at else tickets.metric_solved_at end as last_solved_at,
        coalesce(solves.solves, case when tickets.metric_solved_at is not null then 1 else 0 end) as solves,
        coalesce(solves.reopens, tickets.metric_reopens, 0) as reopens,
        solves.last_reopened_at,
        solves.ticket_id is not null as has_status_events
    from tickets
    left join replies on tickets.ticket_id = replies.ticket_id
    left join solves on tickets.ticket_id = solves.ticket_id
)

select * from final

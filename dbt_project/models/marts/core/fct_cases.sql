-- One row per support ticket (deleted and merged-away tickets excluded): when it was created,
-- first answered publicly by an agent, first solved, reopened, and whether it met its SLA targets
-- (calendar hours from creation; solved with no public reply = missed).
with

tickets as (
    select * from {{ ref('stg_zendesk__tickets') }}
),

lifecycle as (
    select * from {{ ref('int_ticket_lifecycle') }}
),

sla as (
    select * from {{ ref('sla_targets') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

measured as (
    select
        tickets.ticket_id as case_id,
        identities.customer_key,
        tickets.requester_id,
        tickets.organization_id,
        tickets.assignee_id,
        tickets.channel,
        tickets.priority,
        tickets.ticket_type,
        tickets.status,
        tickets.is_complaint,
        tickets.created_at,
        lifecycle.first_public_agent_reply_at,
        lifecycle.first_solved_at,
        lifecycle.last_solved_at,
        lifecycle.reopens,
        lifecycle.last_reopened_at,
        {{ seconds_between('tickets.created_at', 'lifecycle.first_public_agent_reply_at') }} / 3600.0 as first_reply_hours,
        {{ seconds_between('tickets.created_at', 'lifecycle.first_solved_at') }} / 3600.0 as resolution_hours,
        sla.first_reply_target_hours,
        sla.resolution_target_hours
    from tickets
    inner join lifecycle on tickets.ticket_id = lifecycle.ticket_id
    left join sla on tickets.priority = sla.priority
    left join identities
        on identities.source_system = 'zendesk_user' and cast(tickets.requester_id as varchar) = identities.source_id
    where not tickets.is_deleted and not tickets.is_merged
),

final as (
    select
        *,
        {{ month_start('created_at') }} as created_month,
        {{ month_start('first_public_agent_reply_at') }} as first_reply_month,
        {{ month_start('first_solved_at') }} as first_solved_month,
        first_solved_at is not null
        and cast(first_solved_at as date) = cast(created_at as date) as is_solved_same_day,
        reopens > 0 as is_reopened,
        first_reply_target_hours is not null as has_sla_targets,
        case
            when first_reply_target_hours is null or first_solved_at is null then null
            else coalesce(
                first_reply_hours <= first_reply_target_hours and resolution_hours <= resolution_target_hours, false
            )
        end as is_sla_met
    from measured
)

select * from final

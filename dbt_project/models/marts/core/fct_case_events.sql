{{ config(
    materialized='incremental',
    unique_key='event_id',
    incremental_strategy='merge',
    on_schema_change='fail',
) }}
-- Every event of a ticket's audit log (status changes, comments), with solve / reopen flags and
-- whether it is a public agent reply. Incremental: events are immutable; new ones are merged.
with

events as (
    select * from {{ ref('stg_zendesk__ticket_events') }}
),

status_changes as (
    select * from {{ ref('int_ticket_status_changes') }}
),

users as (
    select * from {{ ref('stg_zendesk__users') }}
),

new_events as (
    select * from events
    {% if is_incremental() %}
        where {{ landed_since_last_merge('source_load_id') }}
    {% endif %}
),

final as (
    select
        new_events.event_id,
        new_events.audit_id,
        new_events.ticket_id as case_id,
        new_events.event_type,
        new_events.field_name,
        new_events.value,
        new_events.previous_value,
        new_events.is_public,
        new_events.actor_id,
        coalesce(users.is_agent, false) as is_agent_actor,
        new_events.occurred_at,
        {{ month_start('new_events.occurred_at') }} as occurred_month,
        coalesce(status_changes.is_solve, false) as is_solve,
        coalesce(status_changes.is_reopen, false) as is_reopen,
        coalesce(
            new_events.event_type = 'Comment' and new_events.is_public and users.is_agent
            and coalesce(new_events.audit_type, '') <> 'Create',
            false
        ) as is_public_agent_reply,
        new_events.source_load_id
    from new_events
    left join status_changes on new_events.event_id = status_changes.event_id
    left join users on new_events.actor_id = users.user_id
)

select * from final

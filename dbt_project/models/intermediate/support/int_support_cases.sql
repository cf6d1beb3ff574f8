-- Support tickets with the labels their breakdowns use: channel, priority ('none' when unset),
-- ticket type, agent (the assignee's id) and the contact reason of the case summary report
-- ('complaint' for a ticket of type or tag complaint, else its ticket type).
with

cases as (
    select * from {{ ref('fct_cases') }}
),

final as (
    select
        case_id,
        customer_key,
        coalesce(channel, 'unknown') as channel,
        coalesce(priority, 'none') as priority,
        coalesce(ticket_type, 'none') as ticket_type,
        coalesce({{ dbt.cast('assignee_id', api.Column.translate_type('string')) }}, 'unassigned') as agent,
        case when is_complaint then 'complaint' else coalesce(ticket_type, 'none') end as reason,
        is_complaint,
        created_at,
        created_month,
        first_public_agent_reply_at,
        first_reply_month,
        first_reply_hours,
        first_solved_at,
        first_solved_month,
        resolution_hours,
        -- the UTC calendar day: solved at 23:59 on the day of creation is same-day, at 00:01 next day is not
        case when first_solved_at is not null then cast(first_solved_at as date) = cast(created_at as date) end
            as is_solved_same_day,
        has_sla_targets,
        is_sla_met
    from cases
)

select * from final

with

tickets as (
    select * from {{ ref('stg_zendesk__tickets') }}
),

final as (
    select
        ticket_id as case_id,
        requester_id,
        channel,
        priority,
        ticket_type,
        status,
        created_at,
        {{ month_start('created_at') }} as created_month,
        solved_at as first_solved_at,
        {{ month_start('solved_at') }} as first_solved_month
    from tickets
    where not is_deleted
)

select * from final

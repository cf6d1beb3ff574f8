-- Support-desk satisfaction ratings answered good or bad, dated by the rating's creation (when
-- it was offered), with the rated ticket's channel and priority.
with

ratings as (
    select * from {{ ref('stg_zendesk__satisfaction_ratings') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

final as (
    select
        ratings.rating_id,
        ratings.ticket_id as case_id,
        coalesce(cases.channel, 'unknown') as channel,
        coalesce(cases.priority, 'none') as priority,
        {{ month_start('ratings.created_at') }} as month,
        ratings.score = 'good' as is_good
    from ratings
    left join cases on ratings.ticket_id = cases.case_id
    where ratings.score in ('good', 'bad')
)

select * from final

-- Each ticket reopened (moved from solved back to an open status), once per month of reopening.
with

events as (
    select * from {{ ref('fct_case_events') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

final as (
    select distinct
        cases.case_id,
        cases.channel,
        cases.priority,
        events.occurred_month as month
    from events
    inner join cases on events.case_id = cases.case_id
    where events.is_reopen
)

select * from final

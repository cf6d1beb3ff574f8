-- Campaign responses: every e-mail click, plus form submissions that carry a campaign. The same
-- e-mail submitting the same form again within 10 minutes is a duplicate and is collapsed.
with

email_events as (
    select * from {{ ref('stg_files__email_events') }}
),

submissions as (
    select * from {{ ref('stg_files__form_submissions') }}
),

sequenced_submissions as (
    select
        *,
        lag(submitted_at) over (partition by email, form_id order by submitted_at, submission_id) as previous_submitted_at
    from submissions
),

responses as (
    select
        {{ dbt.concat(["'click_'", "event_id"]) }} as response_id,
        'email_click' as response_type,
        campaign_id,
        cast(null as varchar) as form_id,
        email,
        occurred_at as responded_at
    from email_events
    where event_type = 'click' and campaign_id is not null
    union all
    select
        {{ dbt.concat(["'form_'", "submission_id"]) }} as response_id,
        'form_submission' as response_type,
        campaign_id,
        form_id,
        email,
        submitted_at as responded_at
    from sequenced_submissions
    where
        campaign_id is not null
        and (
            previous_submitted_at is null
            or email is null
            or previous_submitted_at < {{ dbt.dateadd('minute', -10, 'submitted_at') }}
        )
),

final as (
    select
        response_id,
        response_type,
        campaign_id,
        form_id,
        {{ dbt.hash('email') }} as email_key,
        responded_at,
        {{ month_start('responded_at') }} as responded_month
    from responses
)

select * from final

-- Every web form submission (with or without a campaign), duplicates within 10 minutes collapsed.
with

submissions as (
    select * from {{ ref('stg_files__form_submissions') }}
),

sequenced as (
    select
        *,
        lag(submitted_at) over (partition by email, form_id order by submitted_at, submission_id) as previous_submitted_at
    from submissions
),

final as (
    select
        submission_id,
        form_id,
        campaign_id,
        {{ dbt.hash('email') }} as email_key,
        submitted_at,
        {{ month_start('submitted_at') }} as submitted_month
    from sequenced
    where
        previous_submitted_at is null
        or email is null
        or previous_submitted_at < {{ dbt.dateadd('minute', -10, 'submitted_at') }}
)

select * from final

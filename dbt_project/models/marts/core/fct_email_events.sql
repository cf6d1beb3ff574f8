-- Marketing e-mail events (sent, delivered, open, click, bounce, unsubscribe) by campaign.
with

events as (
    select * from {{ ref('stg_files__email_events') }}
),

final as (
    select
        event_id,
        campaign_id,
        {{ dbt.hash('email') }} as email_key,
        event_type,
        occurred_at,
        {{ month_start('occurred_at') }} as occurred_month
    from events
)

select * from final

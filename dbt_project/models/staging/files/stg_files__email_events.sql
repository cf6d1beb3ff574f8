-- Marketing e-mail events (sent, delivered, open, click, bounce, unsubscribe).
with

source as (
    {{ source_columns('files', 'email_events', {
        'event_id': 'varchar',
        'campaign_id': 'varchar',
        'contact_email': 'varchar',
        'event_type': 'varchar',
        'occurred_at': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("event_id") }} as version_rank
    from source
),

renamed as (
    select
        trim(event_id) as event_id,
        nullif(trim(campaign_id), '') as campaign_id,
        {{ normalise_email('contact_email') }} as email,
        lower(trim(event_type)) as event_type,
        {{ to_utc_timestamp('trim(occurred_at)') }} as occurred_at,
        _dlt_load_id as source_load_id
    from ranked
    where version_rank = 1
)

select * from renamed

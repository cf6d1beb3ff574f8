-- Mailing list memberships; an empty unsubscribed_at means still subscribed.
with

source as (
    {{ source_columns('files', 'list_memberships', {
        'list_id': 'varchar',
        'contact_email': 'varchar',
        'subscribed_at': 'varchar',
        'unsubscribed_at': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("list_id, contact_email, subscribed_at") }} as version_rank
    from source
),

renamed as (
    select
        trim(list_id) as list_id,
        {{ normalise_email('contact_email') }} as email,
        {{ to_utc_timestamp("nullif(trim(subscribed_at), '')") }} as subscribed_at,
        {{ to_utc_timestamp("nullif(trim(unsubscribed_at), '')") }} as unsubscribed_at
    from ranked
    where version_rank = 1
)

select * from renamed

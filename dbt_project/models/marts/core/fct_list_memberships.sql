-- Mailing list memberships: when each address subscribed and, if it did, unsubscribed.
select
    list_id,
    {{ dbt.hash('email') }} as email_key,
    subscribed_at,
    unsubscribed_at
from {{ ref('stg_files__list_memberships') }}

-- Subscriptions (listed with status=all). `canceled_at` is when cancelling was asked; `ended_at`
-- is when it stopped.
with

source as (
    {{ source_columns('stripe', 'subscriptions', {
        'id': 'varchar',
        'customer': 'varchar',
        'status': 'varchar',
        'currency': 'varchar',
        'created': 'bigint',
        'start_date': 'bigint',
        'trial_start': 'bigint',
        'trial_end': 'bigint',
        'current_period_start': 'bigint',
        'current_period_end': 'bigint',
        'cancel_at_period_end': 'boolean',
        'canceled_at': 'bigint',
        'ended_at': 'bigint',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from source
),

renamed as (
    select
        id as subscription_id,
        customer as customer_id,
        status,
        upper(currency) as currency_code,
        coalesce(cancel_at_period_end, false) as is_cancel_at_period_end,
        {{ from_unix_seconds('created') }} as created_at,
        {{ from_unix_seconds('coalesce(start_date, created)') }} as started_at,
        {{ from_unix_seconds('trial_start') }} as trial_started_at,
        {{ from_unix_seconds('trial_end') }} as trial_ended_at,
        {{ from_unix_seconds('current_period_start') }} as current_period_started_at,
        {{ from_unix_seconds('current_period_end') }} as current_period_ends_at,
        {{ from_unix_seconds('canceled_at') }} as canceled_at,
        {{ from_unix_seconds('ended_at') }} as ended_at
    from ranked
    where version_rank = 1
)

select * from renamed

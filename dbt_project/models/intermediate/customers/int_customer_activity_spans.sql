-- The intervals [active_from_at, active_to_at) in which a unified customer counts as active
-- (metrics.md, active_customers): a subscription from the end of its trial (else its first paid
-- invoice) until it ended (trialing and incomplete ones have no interval), and every successful
-- charge for the 30 days after it. active_to_at is NULL while a subscription has not ended.
with

subscriptions as (
    select * from {{ ref('fct_subscriptions') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
    where source_system = 'stripe_customer'
),

subscription_spans as (
    select
        identities.customer_key,
        'subscription' as span_type,
        subscriptions.subscription_id as source_id,
        subscriptions.active_from_at,
        subscriptions.ended_at as active_to_at
    from subscriptions
    inner join identities on subscriptions.customer_id = identities.source_id
    where
        subscriptions.active_from_at is not null
        and coalesce(subscriptions.ended_at > subscriptions.active_from_at, true)
),

payment_spans as (
    select
        identities.customer_key,
        'payment' as span_type,
        payments.payment_id as source_id,
        payments.occurred_at as active_from_at,
        {{ dbt.dateadd('day', 30, 'payments.occurred_at') }} as active_to_at
    from payments
    inner join identities on payments.customer_id = identities.source_id
    where payments.is_successful_charge
),

final as (
    select * from subscription_spans
    union all
    select * from payment_spans
)

select * from final

-- One row per subscription with the interval in which it makes its customer active: from the end
-- of its trial (else its first paid invoice) until it ended. Subscriptions that never got past
-- trialing or incomplete have no active interval (active_from_at is NULL).
with

subscriptions as (
    select * from {{ ref('stg_stripe__subscriptions') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

first_paid as (
    select
        subscription_id,
        min(paid_at) as first_paid_at
    from invoices
    where is_paid and subscription_id is not null
    group by 1
),

final as (
    select
        subscriptions.subscription_id,
        subscriptions.customer_id,
        subscriptions.status,
        subscriptions.currency_code,
        subscriptions.created_at,
        subscriptions.started_at,
        subscriptions.trial_ended_at,
        subscriptions.canceled_at,
        subscriptions.ended_at,
        subscriptions.is_cancel_at_period_end,
        case
            when subscriptions.status in ('incomplete', 'incomplete_expired') then null
            when subscriptions.status = 'trialing' then null
            when
                subscriptions.trial_ended_at is not null
                and coalesce(subscriptions.ended_at > subscriptions.trial_ended_at, true)
                then subscriptions.trial_ended_at
            when subscriptions.trial_ended_at is null then coalesce(first_paid.first_paid_at, subscriptions.started_at)
        end as active_from_at
    from subscriptions
    left join first_paid on subscriptions.subscription_id = first_paid.subscription_id
)

select * from final

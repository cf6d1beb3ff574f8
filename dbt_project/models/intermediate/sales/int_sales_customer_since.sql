-- When each unified customer became a customer: the earlier of its first won deal (first entry
-- into a won stage, any pipeline) and its first successful payment.
with

transitions as (
    select * from {{ ref('fct_deal_stage_transitions') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

signals as (
    select
        deals.customer_key,
        transitions.entered_at as signal_at
    from transitions
    inner join deals on transitions.deal_id = deals.deal_id
    where transitions.is_won_stage and deals.customer_key is not null
    union all
    select
        identities.customer_key,
        payments.occurred_at as signal_at
    from payments
    inner join identities
        on identities.source_system = 'stripe_customer' and payments.customer_id = identities.source_id
    where payments.is_successful_charge
),

final as (
    select
        customer_key,
        min(signal_at) as customer_since_at
    from signals
    group by 1
)

select * from final

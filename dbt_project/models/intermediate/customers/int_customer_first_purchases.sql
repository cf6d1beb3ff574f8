-- Each unified customer's first purchase signal: the earlier of its first won deal (the first
-- entry of any of its deals into a closed-won stage) and its first successful payment.
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
    where source_system = 'stripe_customer'
),

signals as (
    select
        deals.customer_key,
        transitions.entered_at as signal_at,
        'won_deal' as signal_type
    from transitions
    inner join deals on transitions.deal_id = deals.deal_id
    where transitions.is_won_stage and deals.customer_key is not null
    union all
    select
        identities.customer_key,
        payments.occurred_at as signal_at,
        'payment' as signal_type
    from payments
    inner join identities on payments.customer_id = identities.source_id
    where payments.is_successful_charge
),

firsts as (
    select
        customer_key,
        min(signal_at) as first_purchase_at,
        min(case when signal_type = 'won_deal' then signal_at end) as first_won_deal_at,
        min(case when signal_type = 'payment' then signal_at end) as first_payment_at
    from signals
    group by 1
),

final as (
    select
        *,
        {{ month_start('first_purchase_at') }} as first_purchase_month
    from firsts
)

select * from final

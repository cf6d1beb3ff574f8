-- Money movements from the payment processor, in the charge currency and the reporting currency.
with

charges as (
    select * from {{ ref('stg_stripe__charges') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

final as (
    select
        charges.charge_id as payment_id,
        'charge' as payment_type,
        charges.customer_id,
        charges.created_at as occurred_at,
        {{ month_start('charges.created_at') }} as occurred_month,
        charges.currency_code,
        charges.amount,
        cast(charges.amount * fx.rate_to_reporting as decimal(24, 8)) as amount_reporting,
        charges.is_successful
    from charges
    left join fx on charges.currency_code = fx.currency_code
)

select * from final

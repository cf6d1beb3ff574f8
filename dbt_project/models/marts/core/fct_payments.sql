{{ config(
    materialized='incremental',
    unique_key='payment_id',
    incremental_strategy='merge',
    on_schema_change='fail',
) }}
-- Money movements from the payment processor: charges, refunds and processor fees (from balance
-- transactions), in their currency and the reporting currency at the month's rate. Amounts are
-- positive; `net_amount_reporting` signs them (+ successful charge, - refund, - fee). Customers are
-- payment-system ids: join bridge_customer_identities ('stripe_customer') for the customer_key.
-- Incremental: merges the rows whose newest version landed after the last one merged.
with

charges as (
    select * from {{ ref('stg_stripe__charges') }}
),

refunds as (
    select * from {{ ref('stg_stripe__refunds') }}
),

balance_transactions as (
    select * from {{ ref('stg_stripe__balance_transactions') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

movements as (
    select
        charge_id as payment_id,
        'charge' as payment_type,
        charge_id,
        customer_id,
        invoice_id,
        created_at as occurred_at,
        currency_code,
        amount,
        status,
        is_successful as is_successful_charge,
        case when is_successful then 1 else 0 end as net_sign,
        source_load_id
    from charges
    union all
    select
        refunds.refund_id as payment_id,
        'refund' as payment_type,
        refunds.charge_id,
        charges.customer_id,
        charges.invoice_id,
        refunds.created_at as occurred_at,
        refunds.currency_code,
        refunds.amount,
        refunds.status,
        false as is_successful_charge,
        case when refunds.status in ('succeeded', 'pending') then -1 else 0 end as net_sign,
        refunds.source_load_id
    from refunds
    left join charges on refunds.charge_id = charges.charge_id
    union all
    select
        {{ dbt.concat(["'fee_'", "balance_transactions.balance_transaction_id"]) }} as payment_id,
        'fee' as payment_type,
        charges.charge_id,
        charges.customer_id,
        charges.invoice_id,
        balance_transactions.created_at as occurred_at,
        balance_transactions.currency_code,
        balance_transactions.fee_amount as amount,
        balance_transactions.status,
        false as is_successful_charge,
        -1 as net_sign,
        balance_transactions.source_load_id
    from balance_transactions
    left join charges on balance_transactions.source_id = charges.charge_id
    where balance_transactions.fee_amount <> 0
),

new_versions as (
    select * from movements
    {% if is_incremental() %}
        where
            {{ landed_since_last_merge('source_load_id') }}
            -- a month's FX rate that landed since re-prices that month's movements
            or {{ month_start('occurred_at') }} in (
                select fx_monthly.month from fx_monthly
                where {{ landed_since_last_merge('fx_monthly.source_load_id') }}
            )
    {% endif %}
),

final as (
    select
        new_versions.payment_id,
        new_versions.payment_type,
        new_versions.charge_id,
        new_versions.customer_id,
        new_versions.invoice_id,
        new_versions.occurred_at,
        {{ month_start('new_versions.occurred_at') }} as occurred_month,
        new_versions.currency_code,
        new_versions.amount,
        cast(
            new_versions.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8)
        ) as amount_reporting,
        cast(
            new_versions.net_sign * new_versions.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting)
            as decimal(24, 8)
        ) as net_amount_reporting,
        new_versions.status,
        new_versions.is_successful_charge,
        new_versions.source_load_id
    from new_versions
    left join fx on new_versions.currency_code = fx.currency_code
    left join fx_monthly
        on
            new_versions.currency_code = fx_monthly.currency_code
            and {{ month_start('new_versions.occurred_at') }} = fx_monthly.month
)

select * from final

-- Charges in major units: Stripe sends integers in the currency's minor unit.
with

source as (
    {{ source_columns('stripe', 'charges', {
        'id': 'varchar',
        'customer': 'varchar',
        'invoice': 'varchar',
        'amount': 'bigint',
        'amount_refunded': 'bigint',
        'currency': 'varchar',
        'status': 'varchar',
        'paid': 'boolean',
        'balance_transaction': 'varchar',
        'created': 'bigint',
    }) }}
),

currencies as (
    select * from {{ ref('currencies') }}
),

ranked as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from source
),

renamed as (
    select
        ranked.id as charge_id,
        ranked.customer as customer_id,
        ranked.invoice as invoice_id,
        ranked.balance_transaction as balance_transaction_id,
        upper(ranked.currency) as currency_code,
        ranked.amount as amount_minor,
        {{ minor_to_major('ranked.amount', 'currencies.minor_unit_exponent') }} as amount,
        {{ minor_to_major('coalesce(ranked.amount_refunded, 0)', 'currencies.minor_unit_exponent') }} as amount_refunded,
        ranked.status,
        ranked.status = 'succeeded' as is_successful,
        {{ from_unix_seconds('ranked.created') }} as created_at,
        ranked._dlt_load_id as source_load_id
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

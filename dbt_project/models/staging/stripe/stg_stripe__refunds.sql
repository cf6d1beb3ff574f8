-- Refunds in major units of their currency.
with

source as (
    {{ source_columns('stripe', 'refunds', {
        'id': 'varchar',
        'charge': 'varchar',
        'amount': 'bigint',
        'currency': 'varchar',
        'status': 'varchar',
        'reason': 'varchar',
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
        ranked.id as refund_id,
        ranked.charge as charge_id,
        ranked.balance_transaction as balance_transaction_id,
        upper(ranked.currency) as currency_code,
        ranked.amount as amount_minor,
        {{ minor_to_major('ranked.amount', 'currencies.minor_unit_exponent') }} as amount,
        ranked.status,
        ranked.status = 'succeeded' as is_successful,
        ranked.reason,
        {{ from_unix_seconds('ranked.created') }} as created_at,
        ranked._dlt_load_id as source_load_id
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

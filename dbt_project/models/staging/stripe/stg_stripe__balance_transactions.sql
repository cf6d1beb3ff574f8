-- Balance transactions carry the processor's fee for each charge (and refund) in major units.
with

source as (
    {{ source_columns('stripe', 'balance_transactions', {
        'id': 'varchar',
        'source': 'varchar',
        'type': 'varchar',
        'reporting_category': 'varchar',
        'amount': 'bigint',
        'fee': 'bigint',
        'net': 'bigint',
        'currency': 'varchar',
        'status': 'varchar',
        'created': 'bigint',
        'available_on': 'bigint',
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
        ranked.id as balance_transaction_id,
        ranked.source as source_id,
        ranked.type as transaction_type,
        ranked.reporting_category,
        upper(ranked.currency) as currency_code,
        {{ minor_to_major('ranked.amount', 'currencies.minor_unit_exponent') }} as amount,
        {{ minor_to_major('coalesce(ranked.fee, 0)', 'currencies.minor_unit_exponent') }} as fee_amount,
        {{ minor_to_major('ranked.net', 'currencies.minor_unit_exponent') }} as net_amount,
        ranked.status,
        {{ from_unix_seconds('ranked.created') }} as created_at,
        ranked._dlt_load_id as source_load_id
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

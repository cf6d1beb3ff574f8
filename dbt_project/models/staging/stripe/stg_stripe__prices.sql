-- Prices with the recurring amount normalised to a month (unit amount ÷ interval months).
with

source as (
    {{ source_columns('stripe', 'prices', {
        'id': 'varchar',
        'product': 'varchar',
        'unit_amount': 'bigint',
        'currency': 'varchar',
        'type': 'varchar',
        'recurring__interval': 'varchar',
        'recurring__interval_count': 'integer',
        'active': 'boolean',
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
        ranked.id as price_id,
        ranked.product as product_id,
        upper(ranked.currency) as currency_code,
        {{ minor_to_major('ranked.unit_amount', 'currencies.minor_unit_exponent') }} as unit_amount,
        ranked.type as price_type,
        ranked.recurring__interval as billing_interval,
        coalesce(ranked.recurring__interval_count, 1) as billing_interval_count,
        {{ interval_months('ranked.recurring__interval', 'coalesce(ranked.recurring__interval_count, 1)') }} as interval_months,
        coalesce(ranked.active, true) as is_active,
        {{ from_unix_seconds('ranked.created') }} as created_at
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

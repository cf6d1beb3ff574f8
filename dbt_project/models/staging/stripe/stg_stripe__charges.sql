-- Charges in major units: Stripe sends integers in the currency's minor unit.
with

source as (
    select * from {{ source('stripe', 'charges') }}
),

currencies as (
    select * from {{ ref('currencies') }}
),

ranked as (
    select
        *,
        row_number() over (partition by id order by cast(_dlt_load_id as double) desc, _dlt_id) as version_rank
    from source
),

renamed as (
    select
        cast(ranked.id as varchar) as charge_id,
        cast(ranked.customer as varchar) as customer_id,
        upper(ranked.currency) as currency_code,
        cast(ranked.amount as bigint) as amount_minor,
        cast(ranked.amount as decimal(18, 2)) / power(10, currencies.minor_unit_exponent) as amount,
        cast(coalesce(ranked.amount_refunded, 0) as decimal(18, 2))
        / power(10, currencies.minor_unit_exponent) as amount_refunded,
        ranked.status,
        ranked.status = 'succeeded' as is_successful,
        {{ from_unix_seconds('ranked.created') }} as created_at
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

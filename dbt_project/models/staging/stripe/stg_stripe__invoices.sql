-- Invoices; `subscription` sits at the top level in the pinned API version.
with

source as (
    {{ source_columns('stripe', 'invoices', {
        'id': 'varchar',
        'customer': 'varchar',
        'subscription': 'varchar',
        'status': 'varchar',
        'billing_reason': 'varchar',
        'currency': 'varchar',
        'amount_due': 'bigint',
        'amount_paid': 'bigint',
        'total': 'bigint',
        'paid': 'boolean',
        'created': 'bigint',
        'period_start': 'bigint',
        'period_end': 'bigint',
        'status_transitions__paid_at': 'bigint',
        'status_transitions__marked_uncollectible_at': 'bigint',
        'status_transitions__voided_at': 'bigint',
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
        ranked.id as invoice_id,
        ranked.customer as customer_id,
        ranked.subscription as subscription_id,
        ranked.status,
        ranked.billing_reason,
        upper(ranked.currency) as currency_code,
        {{ minor_to_major('ranked.amount_due', 'currencies.minor_unit_exponent') }} as amount_due,
        {{ minor_to_major('ranked.amount_paid', 'currencies.minor_unit_exponent') }} as amount_paid,
        {{ minor_to_major('ranked.total', 'currencies.minor_unit_exponent') }} as total_amount,
        coalesce(ranked.paid, ranked.status = 'paid') as is_paid,
        {{ from_unix_seconds('ranked.created') }} as created_at,
        {{ from_unix_seconds('ranked.status_transitions__paid_at') }} as paid_at,
        {{ from_unix_seconds('ranked.status_transitions__marked_uncollectible_at') }} as marked_uncollectible_at,
        {{ from_unix_seconds('ranked.status_transitions__voided_at') }} as voided_at
    from ranked
    left join currencies on upper(ranked.currency) = currencies.currency_code
    where ranked.version_rank = 1
)

select * from renamed

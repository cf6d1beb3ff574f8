-- Invoice lines carry the billing period, price and quantity actually invoiced.
with

invoices as (
    {{ source_columns('stripe', 'invoices', {'id': 'varchar', 'currency': 'varchar'}) }}
),

lines as (
    {{ source_columns('stripe', 'invoice_lines', {
        'id': 'varchar',
        'type': 'varchar',
        'subscription': 'varchar',
        'amount': 'bigint',
        'currency': 'varchar',
        'quantity': 'integer',
        'proration': 'boolean',
        'price__id': 'varchar',
        'price__product': 'varchar',
        'period__start': 'bigint',
        'period__end': 'bigint',
    }, child=true) }}
),

currencies as (
    select * from {{ ref('currencies') }}
),

latest_invoices as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from invoices
),

renamed as (
    select
        lines.id as invoice_line_id,
        latest_invoices.id as invoice_id,
        lines.subscription as subscription_id,
        lines.type as line_type,
        upper(coalesce(lines.currency, latest_invoices.currency)) as currency_code,
        {{ minor_to_major('lines.amount', 'currencies.minor_unit_exponent') }} as amount,
        coalesce(lines.quantity, 1) as quantity,
        coalesce(lines.proration, false) as is_proration,
        lines.price__id as price_id,
        lines.price__product as product_id,
        {{ from_unix_seconds('lines.period__start') }} as period_start_at,
        {{ from_unix_seconds('lines.period__end') }} as period_end_at
    from lines
    inner join latest_invoices on lines._dlt_parent_id = latest_invoices._dlt_id
    left join currencies on upper(coalesce(lines.currency, latest_invoices.currency)) = currencies.currency_code
    where latest_invoices.version_rank = 1
)

select * from renamed

-- Subscription billing periods from invoice lines (Stripe's invoice-level period on a renewal
-- invoice is the previous period, so the line's period is the one billed). Plan changes compare
-- the recurring amount normalised to a month with the subscription's previous period.
with

lines as (
    select * from {{ ref('stg_stripe__invoice_lines') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

prices as (
    select * from {{ ref('stg_stripe__prices') }}
),

billed as (
    select
        lines.invoice_line_id,
        lines.invoice_id,
        coalesce(lines.subscription_id, invoices.subscription_id) as subscription_id,
        invoices.customer_id,
        coalesce(lines.product_id, prices.product_id) as product_id,
        lines.price_id,
        lines.quantity,
        lines.currency_code,
        lines.amount,
        lines.is_proration,
        lines.period_start_at,
        lines.period_end_at,
        invoices.status as invoice_status,
        invoices.is_paid,
        invoices.paid_at,
        invoices.created_at as invoiced_at,
        -- unit amount x quantity / interval months; a price we do not know: the line over its months
        coalesce(
            prices.unit_amount * lines.quantity / nullif(prices.interval_months, 0),
            lines.amount / nullif({{ seconds_between('lines.period_start_at', 'lines.period_end_at') }} / (86400 * 30.4375), 0)
        ) as monthly_amount
    from lines
    inner join invoices on lines.invoice_id = invoices.invoice_id
    left join prices on lines.price_id = prices.price_id
    where
        coalesce(lines.subscription_id, invoices.subscription_id) is not null
        and coalesce(invoices.status, '') not in ('draft', 'void')
),

periods as (
    select
        subscription_id,
        period_start_at,
        max(period_end_at) as period_end_at,
        min(invoiced_at) as invoiced_at,
        max(case when is_paid then 1 else 0 end) = 1 as is_paid,
        sum(monthly_amount) as monthly_amount
    from billed
    where not is_proration
    group by 1, 2
),

sequenced as (
    select
        subscription_id,
        period_start_at,
        monthly_amount,
        row_number() over (partition by subscription_id order by period_start_at) as period_number,
        lag(monthly_amount) over (partition by subscription_id order by period_start_at) as previous_monthly_amount,
        lead(is_paid) over (partition by subscription_id order by period_start_at) as is_next_period_paid
    from periods
),

final as (
    select
        billed.*,
        sequenced.period_number,
        sequenced.monthly_amount as subscription_monthly_amount,
        sequenced.previous_monthly_amount as previous_subscription_monthly_amount,
        coalesce(sequenced.monthly_amount > sequenced.previous_monthly_amount, false) as is_upgrade,
        coalesce(sequenced.monthly_amount < sequenced.previous_monthly_amount, false) as is_downgrade,
        coalesce(sequenced.is_next_period_paid, false) as has_paid_next_period
    from billed
    left join sequenced
        on
            billed.subscription_id = sequenced.subscription_id
            and billed.period_start_at = sequenced.period_start_at
)

select * from final

-- Per month, the deals open at its start (00:00 UTC on the 1st) whose expected close date, as at
-- that instant, falls in the month: amount as at the start × the deal's manual forecast probability
-- if set, else its stage's probability; reporting currency at the month's rate.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

transitions as (
    select * from {{ ref('fct_deal_stage_transitions') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

properties as (
    select * from {{ ref('int_deal_property_intervals') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

starts as (
    select
        month,
        cast(month as timestamp) as month_start_at,
        cast({{ dbt.dateadd('month', 1, 'month') }} as timestamp) as month_end_at
    from months
),

open_at_start as (
    select
        starts.month,
        starts.month_start_at,
        starts.month_end_at,
        transitions.deal_id,
        transitions.stage_probability
    from starts
    inner join transitions
        on
            starts.month_start_at >= transitions.entered_at
            and (transitions.exited_at is null or starts.month_start_at < transitions.exited_at)
    where transitions.is_open_stage
),

final as (
    select
        open_at_start.month,
        open_at_start.deal_id,
        coalesce(deals.owner_id, 'unknown') as owner_id,
        coalesce(deals.forecast_probability, open_at_start.stage_probability) as probability,
        cast(
            coalesce(amounts.amount, 0)
            * coalesce(deals.forecast_probability, open_at_start.stage_probability)
            * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8)
        ) as forecast_amount_reporting
    from open_at_start
    inner join deals on open_at_start.deal_id = deals.deal_id
    inner join properties as close_dates
        on
            open_at_start.deal_id = close_dates.deal_id
            and close_dates.property_name = 'closedate'
            and open_at_start.month_start_at >= close_dates.valid_from
            and (close_dates.valid_to is null or open_at_start.month_start_at < close_dates.valid_to)
    left join properties as amounts
        on
            open_at_start.deal_id = amounts.deal_id
            and amounts.property_name = 'amount'
            and open_at_start.month_start_at >= amounts.valid_from
            and (amounts.valid_to is null or open_at_start.month_start_at < amounts.valid_to)
    left join fx on deals.currency_code = fx.currency_code
    left join fx_monthly on deals.currency_code = fx_monthly.currency_code and open_at_start.month = fx_monthly.month
    where
        deals.created_at <= open_at_start.month_start_at
        and close_dates.expected_close_at >= open_at_start.month_start_at
        and close_dates.expected_close_at < open_at_start.month_end_at
)

select * from final

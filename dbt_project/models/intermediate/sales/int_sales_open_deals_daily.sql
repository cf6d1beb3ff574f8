-- Each deal open at the end of each day (00:00 UTC of the next day), with the stage and amount it
-- had at that instant and the stage's probability; amounts in the reporting currency at the rate of
-- the day's month. The end of the last day of a month is the month's "as at the end".
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

amounts as (
    select * from {{ ref('int_deal_property_intervals') }}
    where property_name = 'amount'
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

bounds as (
    select
        min(month) as first_day,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'max(month)')) }} as date) as last_day
    from months
),

days as (
    {{ day_series('bounds', 'first_day', 'last_day') }}
),

snapshots as (
    select
        date_day as snapshot_date,
        {{ month_start('date_day') }} as month,
        cast({{ dbt.dateadd('day', 1, 'date_day') }} as timestamp) as snapshot_at
    from days
),

open_at_snapshot as (
    select
        snapshots.snapshot_date,
        snapshots.month,
        snapshots.snapshot_at,
        transitions.deal_id,
        transitions.pipeline_id,
        transitions.stage_id,
        transitions.stage_probability
    from snapshots
    inner join transitions
        on
            snapshots.snapshot_at >= transitions.entered_at
            and (transitions.exited_at is null or snapshots.snapshot_at < transitions.exited_at)
    where transitions.is_open_stage
),

final as (
    select
        open_at_snapshot.snapshot_date,
        open_at_snapshot.month,
        {{ month_start(dbt.dateadd('day', 1, 'open_at_snapshot.snapshot_date')) }}
        = cast({{ dbt.dateadd('day', 1, 'open_at_snapshot.snapshot_date') }} as date) as is_month_end,
        open_at_snapshot.deal_id,
        open_at_snapshot.pipeline_id,
        open_at_snapshot.stage_id,
        coalesce(deals.owner_id, 'unknown') as owner_id,
        open_at_snapshot.stage_probability,
        cast(
            coalesce(amounts.amount, 0) * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8)
        ) as amount_reporting
    from open_at_snapshot
    inner join deals on open_at_snapshot.deal_id = deals.deal_id
    left join amounts
        on
            open_at_snapshot.deal_id = amounts.deal_id
            and open_at_snapshot.snapshot_at >= amounts.valid_from
            and (amounts.valid_to is null or open_at_snapshot.snapshot_at < amounts.valid_to)
    left join fx on deals.currency_code = fx.currency_code
    left join fx_monthly on deals.currency_code = fx_monthly.currency_code and open_at_snapshot.month = fx_monthly.month
    where deals.created_at < open_at_snapshot.snapshot_at
)

select * from final

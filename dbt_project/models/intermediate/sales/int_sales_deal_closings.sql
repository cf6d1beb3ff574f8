-- One row per time a deal entered a closed stage (won or lost). It counts in the month of that
-- entry with the amount it had at that instant (property history), in the reporting currency at
-- the rate of that month, so a past month never changes when the amount is edited later.
with

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

closings as (
    select
        transition_id,
        deal_id,
        pipeline_id,
        stage_id,
        previous_stage_id,
        entered_at as closed_at,
        entered_month as month,
        is_won_stage as is_won,
        is_lost_stage as is_lost
    from transitions
    where is_won_stage or is_lost_stage
),

final as (
    select
        closings.transition_id,
        closings.deal_id,
        closings.pipeline_id,
        closings.stage_id,
        closings.closed_at,
        closings.month,
        closings.is_won,
        closings.is_lost,
        coalesce(deals.owner_id, 'unknown') as owner_id,
        coalesce(deals.lead_source, 'unknown') as lead_source,
        case when closings.is_lost then coalesce(closings.previous_stage_id, 'unknown') end as lost_from_stage_id,
        case when closings.is_lost then coalesce(deals.closed_lost_reason, 'unknown') end as lost_reason,
        deals.created_at,
        {{ seconds_between('deals.created_at', 'closings.closed_at') }} / 86400.0 as cycle_days,
        amounts.amount,
        cast(
            coalesce(amounts.amount, 0) * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8)
        ) as amount_reporting
    from closings
    inner join deals on closings.deal_id = deals.deal_id
    left join amounts
        on
            closings.deal_id = amounts.deal_id
            and closings.closed_at >= amounts.valid_from
            and (amounts.valid_to is null or closings.closed_at < amounts.valid_to)
    left join fx on deals.currency_code = fx.currency_code
    left join fx_monthly on deals.currency_code = fx_monthly.currency_code and closings.month = fx_monthly.month
)

select * from final

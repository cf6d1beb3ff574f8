-- One row per live deal (archived and merged-away deals excluded): current stage, amounts in deal
-- and reporting currency, owner, customer. The reporting amount uses the rate of the month of the
-- deal's latest stage entry (its close month once closed), the seed default when the drop lacks it.
with

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

intervals as (
    select * from {{ ref('int_deal_stage_intervals') }}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

fx_monthly as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
),

latest_entry as (
    select
        deal_id,
        max(valid_from) as last_stage_entered_at,
        min(case when is_won_stage then valid_from end) as first_won_at,
        max(case when is_won_stage or is_lost_stage then valid_from end) as last_closed_at
    from intervals
    group by 1
),

-- the deal's customer: its company, else its first contact
deal_customers as (
    select
        associations.from_id as deal_id,
        identities.customer_key,
        row_number() over (
            partition by associations.from_id
            order by case when associations.to_object = 'company' then 0 else 1 end, associations.to_id
        ) as link_rank
    from associations
    inner join identities
        on
            identities.source_system = {{ dbt.concat(["'hubspot_'", "associations.to_object"]) }}
            and associations.to_id = identities.source_id
    where associations.from_object = 'deal' and associations.to_object in ('company', 'contact')
),

final as (
    select
        deals.deal_id,
        deal_customers.customer_key,
        deals.pipeline_id,
        deals.deal_stage_id as current_stage_id,
        deals.owner_id,
        deals.lead_source,
        deals.closed_lost_reason,
        deals.forecast_probability,
        deals.currency_code,
        deals.amount,
        cast(
            deals.amount * coalesce(fx_monthly.rate_to_reporting, fx.rate_to_reporting) as decimal(24, 8)
        ) as amount_reporting,
        deals.created_at,
        {{ month_start('deals.created_at') }} as created_month,
        deals.expected_close_at,
        latest_entry.first_won_at,
        latest_entry.last_closed_at,
        coalesce(stages.is_open, false) as is_open,
        coalesce(stages.is_won, false) as is_won,
        coalesce(stages.is_lost, false) as is_lost
    from deals
    left join latest_entry on deals.deal_id = latest_entry.deal_id
    left join deal_customers on deals.deal_id = deal_customers.deal_id and deal_customers.link_rank = 1
    left join fx on deals.currency_code = fx.currency_code
    left join fx_monthly
        on
            deals.currency_code = fx_monthly.currency_code
            and {{ month_start('coalesce(latest_entry.last_stage_entered_at, deals.created_at)') }} = fx_monthly.month
    left join stages on deals.pipeline_id = stages.pipeline_id and deals.deal_stage_id = stages.stage_id
    where not deals.is_archived
)

select * from final

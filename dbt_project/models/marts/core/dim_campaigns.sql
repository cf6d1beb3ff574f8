-- Marketing campaigns with their audience and total cost in the reporting currency.
with

campaigns as (
    select * from {{ ref('stg_files__campaigns') }}
),

costs as (
    select * from {{ ref('fct_campaign_costs') }}
),

cost_totals as (
    select
        campaign_id,
        sum(amount_reporting) as cost_reporting
    from costs
    group by 1
),

final as (
    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.start_date,
        campaigns.end_date,
        campaigns.audience,
        coalesce(cost_totals.cost_reporting, 0) as cost_reporting
    from campaigns
    left join cost_totals on campaigns.campaign_id = cost_totals.campaign_id
)

select * from final

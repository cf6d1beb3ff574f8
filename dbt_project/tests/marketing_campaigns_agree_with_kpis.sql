-- mart_campaigns' life totals equal the sums of mart_kpis' per-campaign monthly rows, and the sums
-- over campaigns of those equal the company-wide rows.
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where metric_id in ('campaign_responses', 'campaign_purchases', 'campaign_revenue', 'campaign_new_customers')
),

campaigns as (
    select * from {{ ref('mart_campaigns') }}
),

kpi_life as (
    select
        dimension_value as campaign_id,
        metric_id,
        sum(value) as kpi_value
    from kpis
    where dimension = 'campaign'
    group by 1, 2
),

mart_life as (
    select
        campaign_id,
        'campaign_responses' as metric_id,
        cast(responses as double) as mart_value
    from campaigns
    union all
    select
        campaign_id,
        'campaign_purchases' as metric_id,
        cast(purchases as double) as mart_value
    from campaigns
    union all
    select
        campaign_id,
        'campaign_revenue' as metric_id,
        cast(revenue as double) as mart_value
    from campaigns
    union all
    select
        campaign_id,
        'campaign_new_customers' as metric_id,
        cast(new_customers as double) as mart_value
    from campaigns
),

by_campaign as (
    select
        mart_life.campaign_id,
        mart_life.metric_id,
        mart_life.mart_value,
        coalesce(kpi_life.kpi_value, 0) as kpi_value
    from mart_life
    left join kpi_life on mart_life.campaign_id = kpi_life.campaign_id and mart_life.metric_id = kpi_life.metric_id
),

company as (
    select
        'all' as campaign_id,
        metric_id,
        sum(case when dimension = 'campaign' then value else 0 end) as mart_value,
        sum(case when dimension = 'all' then value else 0 end) as kpi_value
    from kpis
    group by 1, 2
)

select * from by_campaign
where abs(mart_value - kpi_value) > 0.05
union all
select * from company
where abs(mart_value - kpi_value) > 0.5

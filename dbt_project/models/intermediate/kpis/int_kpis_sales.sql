-- Sales metrics of the catalog in mart_kpis' long format (company-wide rows and breakdowns).
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

closings as (
    select
        transitions.entered_month as month,
        sum(case when transitions.is_won_stage then 1 else 0 end) as deals_won,
        sum(case when transitions.is_lost_stage then 1 else 0 end) as deals_lost,
        sum(case when transitions.is_won_stage then coalesce(deals.amount_reporting, 0) else 0 end) as new_revenue
    from transitions
    inner join deals on transitions.deal_id = deals.deal_id
    group by 1
),

created as (
    select
        created_month as month,
        count(*) as deals_created
    from deals
    group by 1
),

monthly as (
    select
        months.month,
        coalesce(created.deals_created, 0) as deals_created,
        coalesce(closings.deals_won, 0) as deals_won,
        coalesce(closings.deals_lost, 0) as deals_lost,
        coalesce(closings.new_revenue, 0) as new_revenue
    from months
    left join created on months.month = created.month
    left join closings on months.month = closings.month
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('deals_created', 'deals_created'),
        ('deals_won', 'deals_won'),
        ('deals_lost', 'deals_lost'),
        ('close_rate', 'cast(deals_won as double) / nullif(deals_won + deals_lost, 0)'),
        ('new_revenue', 'round(new_revenue, 2)'),
        ('avg_deal_size', 'round(new_revenue, 2) / nullif(deals_won, 0)'),
    ]) }}
)

select * from long_format

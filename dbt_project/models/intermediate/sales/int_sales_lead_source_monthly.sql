-- Month × lead source: leads and what became of them, deals created and won (the lead source
-- report), with a row for each lead source in each month. Leads by the contact's source, deals by
-- the deal's source.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

leads as (
    select * from {{ ref('int_sales_leads') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

closings as (
    select * from {{ ref('int_sales_deal_closings') }}
),

sources as (
    select lead_source from leads
    union
    select coalesce(lead_source, 'unknown') from deals
),

grid as (
    select
        months.month,
        sources.lead_source
    from months
    cross join sources
),

lead_counts as (
    select
        lead_month as month,
        lead_source,
        count(*) as leads_created,
        sum(case when is_referral then 1 else 0 end) as referrals,
        sum(case when has_deal_within_90_days then 1 else 0 end) as leads_with_deal,
        sum(case when was_customer_at_lead then 0 else 1 end) as leads_not_yet_customers,
        sum(case when became_customer_within_180_days then 1 else 0 end) as leads_became_customers,
        sum(case when became_customer_within_180_days then days_to_customer else 0 end) as days_to_customer_sum,
        sum(case when submitted_form_before_lead then 1 else 0 end) as leads_with_form
    from leads
    group by 1, 2
),

created as (
    select
        created_month as month,
        coalesce(lead_source, 'unknown') as lead_source,
        count(*) as deals_created
    from deals
    group by 1, 2
),

won as (
    select
        month,
        lead_source,
        count(*) as deals_won,
        sum(amount_reporting) as new_revenue,
        sum(cycle_days) as won_cycle_days_sum
    from closings
    where is_won
    group by 1, 2
),

final as (
    select
        grid.month,
        grid.lead_source,
        coalesce(lead_counts.leads_created, 0) as leads_created,
        coalesce(lead_counts.referrals, 0) as referrals,
        coalesce(lead_counts.leads_with_deal, 0) as leads_with_deal,
        coalesce(lead_counts.leads_not_yet_customers, 0) as leads_not_yet_customers,
        coalesce(lead_counts.leads_became_customers, 0) as leads_became_customers,
        coalesce(lead_counts.days_to_customer_sum, 0) as days_to_customer_sum,
        coalesce(lead_counts.leads_with_form, 0) as leads_with_form,
        coalesce(created.deals_created, 0) as deals_created,
        coalesce(won.deals_won, 0) as deals_won,
        coalesce(won.new_revenue, 0) as new_revenue,
        coalesce(won.won_cycle_days_sum, 0) as won_cycle_days_sum
    from grid
    left join lead_counts on grid.month = lead_counts.month and grid.lead_source = lead_counts.lead_source
    left join created on grid.month = created.month and grid.lead_source = created.lead_source
    left join won on grid.month = won.month and grid.lead_source = won.lead_source
)

select * from final

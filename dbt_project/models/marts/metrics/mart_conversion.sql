-- Month × lead source: leads, deals, customers, conversion rates, won amount and days to convert
-- (also the lead source report). Leads by the contact's source, deals by the deal's source.
with

by_source as (
    select * from {{ ref('int_sales_lead_source_monthly') }}
),

final as (
    select
        month,
        lead_source,
        leads_created,
        referrals,
        leads_with_deal,
        cast(leads_with_deal as double) / nullif(leads_created, 0) as lead_to_deal_rate,
        leads_not_yet_customers,
        leads_became_customers,
        cast(leads_became_customers as double) / nullif(leads_not_yet_customers, 0) as lead_to_customer_rate,
        days_to_customer_sum / nullif(leads_became_customers, 0) as avg_days_to_customer,
        deals_created,
        deals_won,
        round(new_revenue, 2) as new_revenue,
        round(new_revenue, 2) / nullif(deals_won, 0) as avg_deal_size,
        won_cycle_days_sum / nullif(deals_won, 0) as sales_cycle_days
    from by_source
)

select * from final

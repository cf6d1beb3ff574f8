-- The company's marketing figures per month (every month of the spine, zeros where nothing
-- happened): mart_marketing shows them, int_kpis_marketing unpivots them into mart_kpis.
with

marketing as (
    select * from {{ ref('int_marketing_monthly') }}
),

by_campaign as (
    select * from {{ ref('int_marketing_campaign_monthly') }}
),

by_source as (
    select * from {{ ref('int_sales_lead_source_monthly') }}
),

campaign_totals as (
    select
        month,
        sum(is_active) as campaigns_active,
        sum(responses) as campaign_responses,
        sum(contacts_responded) as contacts_responded,
        sum(contacts_sent) as contacts_sent,
        sum(purchases) as campaign_purchases,
        sum(revenue) as campaign_revenue,
        sum(new_customers) as campaign_new_customers,
        sum(cost) as campaign_cost
    from by_campaign
    group by 1
),

lead_totals as (
    select
        month,
        sum(leads_created) as leads_created,
        sum(referrals) as referrals,
        sum(leads_with_form) as leads_with_form
    from by_source
    group by 1
),

final as (
    select
        marketing.month,
        marketing.subscriptions_started,
        marketing.subscriptions_ended,
        marketing.subscriptions_at_start,
        cast(marketing.subscriptions_started - marketing.subscriptions_ended as double)
        / nullif(marketing.subscriptions_at_start, 0) as email_list_growth_rate,
        marketing.web_sessions,
        marketing.web_page_views,
        marketing.web_unique_visitors,
        cast(marketing.session_seconds_sum as double) / nullif(marketing.sessions_with_duration, 0) as avg_session_seconds,
        marketing.goal_sessions,
        cast(marketing.goal_sessions as double) / nullif(marketing.web_sessions, 0) as web_goal_completion_rate,
        coalesce(lead_totals.leads_created, 0) as leads_created,
        coalesce(lead_totals.leads_with_form, 0) as leads_with_form,
        cast(coalesce(lead_totals.leads_with_form, 0) as double) / nullif(marketing.web_unique_visitors, 0)
            as traffic_to_lead_rate,
        coalesce(lead_totals.referrals, 0) as referrals,
        coalesce(campaign_totals.campaigns_active, 0) as campaigns_active,
        coalesce(campaign_totals.campaign_responses, 0) as campaign_responses,
        coalesce(campaign_totals.contacts_responded, 0) as contacts_responded,
        coalesce(campaign_totals.contacts_sent, 0) as contacts_sent,
        cast(campaign_totals.contacts_responded as double) / nullif(campaign_totals.contacts_sent, 0)
            as campaign_response_rate,
        coalesce(campaign_totals.campaign_purchases, 0) as campaign_purchases,
        round(coalesce(campaign_totals.campaign_revenue, 0), 2) as campaign_revenue,
        coalesce(campaign_totals.campaign_new_customers, 0) as campaign_new_customers,
        round(coalesce(campaign_totals.campaign_cost, 0), 2) as campaign_cost,
        (campaign_totals.campaign_revenue - campaign_totals.campaign_cost) / nullif(campaign_totals.campaign_cost, 0)
            as marketing_roi
    from marketing
    -- left joins: a month without campaigns or leads still has its row, with zeros
    left join campaign_totals on marketing.month = campaign_totals.month
    left join lead_totals on marketing.month = lead_totals.month
)

select * from final

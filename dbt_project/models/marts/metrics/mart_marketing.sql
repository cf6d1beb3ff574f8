-- Month: list growth, web traffic, goal completion, traffic-to-lead, referrals and the month's
-- campaign figures (company-wide; attributed deals only).
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
        lead_totals.leads_created,
        lead_totals.leads_with_form,
        cast(lead_totals.leads_with_form as double) / nullif(marketing.web_unique_visitors, 0) as traffic_to_lead_rate,
        lead_totals.referrals,
        campaign_totals.campaigns_active,
        campaign_totals.campaign_responses,
        cast(campaign_totals.contacts_responded as double) / nullif(campaign_totals.contacts_sent, 0)
            as campaign_response_rate,
        campaign_totals.campaign_purchases,
        round(campaign_totals.campaign_revenue, 2) as campaign_revenue,
        campaign_totals.campaign_new_customers,
        round(campaign_totals.campaign_cost, 2) as campaign_cost,
        (campaign_totals.campaign_revenue - campaign_totals.campaign_cost) / nullif(campaign_totals.campaign_cost, 0)
            as marketing_roi
    from marketing
    inner join campaign_totals on marketing.month = campaign_totals.month
    inner join lead_totals on marketing.month = lead_totals.month
)

select * from final

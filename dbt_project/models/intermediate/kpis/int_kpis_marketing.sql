-- Marketing metrics of the catalog in mart_kpis' long format: company-wide rows for every month
-- and the per-campaign breakdowns. Company-wide campaign figures count attributed deals only.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

by_campaign as (
    select * from {{ ref('int_marketing_campaign_monthly') }}
),

marketing as (
    select * from {{ ref('int_marketing_monthly') }}
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
        sum(referrals) as referrals,
        sum(leads_with_form) as leads_with_form
    from by_source
    group by 1
),

monthly as (
    select
        months.month,
        campaign_totals.campaigns_active,
        campaign_totals.campaign_responses,
        campaign_totals.contacts_responded,
        campaign_totals.contacts_sent,
        campaign_totals.campaign_purchases,
        campaign_totals.campaign_revenue,
        campaign_totals.campaign_new_customers,
        campaign_totals.campaign_cost,
        lead_totals.referrals,
        lead_totals.leads_with_form,
        marketing.subscriptions_started,
        marketing.subscriptions_ended,
        marketing.subscriptions_at_start,
        marketing.web_sessions,
        marketing.web_page_views,
        marketing.web_unique_visitors,
        marketing.session_seconds_sum,
        marketing.sessions_with_duration,
        marketing.goal_sessions
    from months
    inner join campaign_totals on months.month = campaign_totals.month
    inner join lead_totals on months.month = lead_totals.month
    inner join marketing on months.month = marketing.month
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('campaigns_active', 'campaigns_active'),
        ('campaign_responses', 'campaign_responses'),
        ('campaign_response_rate', 'cast(contacts_responded as double) / nullif(contacts_sent, 0)'),
        ('campaign_purchases', 'campaign_purchases'),
        ('campaign_revenue', 'round(campaign_revenue, 2)'),
        ('campaign_new_customers', 'campaign_new_customers'),
        ('marketing_roi', '(campaign_revenue - campaign_cost) / nullif(campaign_cost, 0)'),
        ('referrals', 'referrals'),
        ('email_list_growth_rate',
            'cast(subscriptions_started - subscriptions_ended as double) / nullif(subscriptions_at_start, 0)'),
        ('web_sessions', 'web_sessions'),
        ('web_page_views', 'web_page_views'),
        ('web_unique_visitors', 'web_unique_visitors'),
        ('avg_session_seconds', 'cast(session_seconds_sum as double) / nullif(sessions_with_duration, 0)'),
        ('web_goal_completion_rate', 'cast(goal_sessions as double) / nullif(web_sessions, 0)'),
        ('traffic_to_lead_rate', 'cast(leads_with_form as double) / nullif(web_unique_visitors, 0)'),
    ]) }}
    union all
    {{ unpivot_kpis('by_campaign', [
        ('campaign_responses', 'responses'),
        ('campaign_response_rate', 'cast(contacts_responded as double) / nullif(contacts_sent, 0)'),
        ('campaign_purchases', 'purchases'),
        ('campaign_revenue', 'round(revenue, 2)'),
        ('campaign_new_customers', 'new_customers'),
    ], dimension='campaign', dimension_value_column='campaign_id') }}
)

select * from long_format

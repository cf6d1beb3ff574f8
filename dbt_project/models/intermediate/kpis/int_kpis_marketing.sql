-- Marketing metrics of the catalog in mart_kpis' long format: company-wide rows for every month
-- and the per-campaign breakdowns. Company-wide campaign figures count attributed deals only.
with

company as (
    select * from {{ ref('int_marketing_company_monthly') }}
),

by_campaign as (
    select * from {{ ref('int_marketing_campaign_monthly') }}
),

long_format as (
    {{ unpivot_kpis('company', [
        ('campaigns_active', 'campaigns_active'),
        ('campaign_responses', 'campaign_responses'),
        ('campaign_response_rate', 'campaign_response_rate'),
        ('campaign_purchases', 'campaign_purchases'),
        ('campaign_revenue', 'campaign_revenue'),
        ('campaign_new_customers', 'campaign_new_customers'),
        ('marketing_roi', 'marketing_roi'),
        ('referrals', 'referrals'),
        ('email_list_growth_rate', 'email_list_growth_rate'),
        ('web_sessions', 'web_sessions'),
        ('web_page_views', 'web_page_views'),
        ('web_unique_visitors', 'web_unique_visitors'),
        ('avg_session_seconds', 'avg_session_seconds'),
        ('web_goal_completion_rate', 'web_goal_completion_rate'),
        ('traffic_to_lead_rate', 'traffic_to_lead_rate'),
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

-- mart_marketing's monthly figures equal mart_kpis' company-wide marketing rows.
{% set columns = ['email_list_growth_rate', 'web_sessions', 'web_page_views', 'web_unique_visitors',
    'avg_session_seconds', 'web_goal_completion_rate', 'traffic_to_lead_rate', 'referrals', 'campaigns_active',
    'campaign_responses', 'campaign_response_rate', 'campaign_purchases', 'campaign_revenue',
    'campaign_new_customers', 'marketing_roi'] %}
with

kpis as (
    select * from {{ ref('mart_kpis') }}
    where dimension = 'all'
),

marketing as (
    select * from {{ ref('mart_marketing') }}
),

long_format as (
    {% for column in columns %}
        select
            month,
            '{{ column }}' as metric_id,
            cast({{ column }} as double) as mart_value
        from marketing
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

compared as (
    select
        long_format.*,
        kpis.value as kpi_value,
        kpis.metric_id as kpi_metric_id
    from long_format
    left join kpis on long_format.month = kpis.month and long_format.metric_id = kpis.metric_id
)

select * from compared
where
    kpi_metric_id is null
    or (mart_value is null) <> (kpi_value is null)
    or abs(mart_value - kpi_value) > 0.000001

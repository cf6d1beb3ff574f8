-- One row per campaign over its life: sends, responses, response rate, first-touch attributed
-- purchases, revenue and new customers, spend and ROI.
with

campaigns as (
    select * from {{ ref('dim_campaigns') }}
),

by_month as (
    select * from {{ ref('int_marketing_campaign_monthly') }}
),

email_events as (
    select * from {{ ref('fct_email_events') }}
),

responses as (
    select * from {{ ref('fct_campaign_responses') }}
),

life_totals as (
    select
        campaign_id,
        sum(emails_sent) as emails_sent,
        sum(responses) as responses,
        sum(purchases) as purchases,
        sum(revenue) as revenue,
        sum(new_customers) as new_customers,
        sum(cost) as cost
    from by_month
    group by 1
),

recipients as (
    select
        campaign_id,
        count(distinct email_key) as contacts_sent
    from email_events
    where event_type = 'sent'
    group by 1
),

responders as (
    select
        campaign_id,
        count(distinct email_key) as contacts_responded
    from responses
    group by 1
),

final as (
    select
        life_totals.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.audience,
        campaigns.start_date,
        campaigns.end_date,
        life_totals.emails_sent,
        coalesce(recipients.contacts_sent, 0) as contacts_sent,
        life_totals.responses,
        coalesce(responders.contacts_responded, 0) as contacts_responded,
        cast(responders.contacts_responded as double) / nullif(recipients.contacts_sent, 0) as response_rate,
        life_totals.purchases,
        round(life_totals.revenue, 2) as revenue,
        life_totals.new_customers,
        round(life_totals.cost, 2) as cost,
        (life_totals.revenue - life_totals.cost) / nullif(life_totals.cost, 0) as marketing_roi
    from life_totals
    left join campaigns on life_totals.campaign_id = campaigns.campaign_id
    left join recipients on life_totals.campaign_id = recipients.campaign_id
    left join responders on life_totals.campaign_id = responders.campaign_id
)

select * from final

-- Campaign × month: sends, responses, unique recipients and responders, attributed wins and
-- revenue, new customers and spend (by spend date); a row for each campaign in each month.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

campaigns as (
    select * from {{ ref('dim_campaigns') }}
),

email_events as (
    select * from {{ ref('fct_email_events') }}
),

responses as (
    select * from {{ ref('fct_campaign_responses') }}
),

attribution as (
    select * from {{ ref('int_marketing_deal_attribution') }}
    where campaign_id is not null
),

costs as (
    select * from {{ ref('fct_campaign_costs') }}
),

campaign_ids as (
    select campaign_id from campaigns
    union
    select campaign_id from email_events
    where campaign_id is not null
    union
    select campaign_id from responses
    union
    select campaign_id from costs
),

grid as (
    select
        months.month,
        campaign_ids.campaign_id
    from months
    cross join campaign_ids
),

sends as (
    select
        occurred_month as month,
        campaign_id,
        count(*) as emails_sent,
        count(distinct email_key) as contacts_sent
    from email_events
    where event_type = 'sent'
    group by 1, 2
),

responded as (
    select
        responded_month as month,
        campaign_id,
        count(*) as responses,
        count(distinct email_key) as contacts_responded
    from responses
    group by 1, 2
),

attributed as (
    select
        month,
        campaign_id,
        count(*) as purchases,
        sum(amount_reporting) as revenue,
        sum(case when is_first_win_of_customer then 1 else 0 end) as new_customers
    from attribution
    group by 1, 2
),

spend as (
    select
        spend_month as month,
        campaign_id,
        sum(amount_reporting) as cost
    from costs
    group by 1, 2
),

final as (
    select
        grid.month,
        grid.campaign_id,
        coalesce(sends.emails_sent, 0) as emails_sent,
        coalesce(sends.contacts_sent, 0) as contacts_sent,
        coalesce(responded.responses, 0) as responses,
        coalesce(responded.contacts_responded, 0) as contacts_responded,
        case when sends.campaign_id is not null or responded.campaign_id is not null then 1 else 0 end as is_active,
        coalesce(attributed.purchases, 0) as purchases,
        coalesce(attributed.revenue, 0) as revenue,
        coalesce(attributed.new_customers, 0) as new_customers,
        coalesce(spend.cost, 0) as cost
    from grid
    left join sends on grid.month = sends.month and grid.campaign_id = sends.campaign_id
    left join responded on grid.month = responded.month and grid.campaign_id = responded.campaign_id
    left join attributed on grid.month = attributed.month and grid.campaign_id = attributed.campaign_id
    left join spend on grid.month = spend.month and grid.campaign_id = spend.campaign_id
)

select * from final

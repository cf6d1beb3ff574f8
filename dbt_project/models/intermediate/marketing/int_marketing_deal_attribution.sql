-- First-touch attribution of each won closing: the campaign of the earliest response (e-mail click
-- or campaign form submission) by any contact associated with the deal, before the deal was
-- created; NULL ('unattributed') when there is none. Ties at the same instant go to the smaller
-- campaign id. A customer's first won closing says whether it is a new customer of that campaign.
with

closings as (
    select * from {{ ref('int_sales_deal_closings') }}
    where is_won
),

deals as (
    select * from {{ ref('fct_deals') }}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
),

contacts as (
    select * from {{ ref('dim_contacts') }}
),

responses as (
    select * from {{ ref('fct_campaign_responses') }}
),

deal_emails as (
    select distinct
        associations.from_id as deal_id,
        contacts.email_key
    from associations
    inner join contacts on associations.to_id = contacts.contact_id
    where associations.from_object = 'deal' and associations.to_object = 'contact' and contacts.email_key is not null
),

touches as (
    select
        deals.deal_id,
        responses.campaign_id,
        row_number() over (
            partition by deals.deal_id order by responses.responded_at, responses.campaign_id
        ) as touch_rank
    from deals
    inner join deal_emails on deals.deal_id = deal_emails.deal_id
    inner join responses on deal_emails.email_key = responses.email_key
    where responses.responded_at < deals.created_at
),

first_wins as (
    select
        closings.transition_id,
        row_number() over (
            partition by deals.customer_key order by closings.closed_at, closings.deal_id
        ) as win_rank
    from closings
    inner join deals on closings.deal_id = deals.deal_id
    where deals.customer_key is not null
),

final as (
    select
        closings.transition_id,
        closings.deal_id,
        closings.month,
        closings.closed_at,
        deals.customer_key,
        touches.campaign_id,
        closings.amount_reporting,
        coalesce(first_wins.win_rank = 1, false) as is_first_win_of_customer
    from closings
    inner join deals on closings.deal_id = deals.deal_id
    left join touches on closings.deal_id = touches.deal_id and touches.touch_rank = 1
    left join first_wins on closings.transition_id = first_wins.transition_id
)

select * from final

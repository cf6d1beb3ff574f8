-- One row per lead (a live CRM contact with a lead date; subscribers and merged-away contacts
-- excluded) with what became of it: a deal within 90 days, a customer within 180 days (unless it
-- already was one at the lead date), and whether it submitted a web form on or before its lead date.
with

contacts as (
    select * from {{ ref('dim_contacts') }}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

customer_since as (
    select
        customer_key,
        first_purchase_at as customer_since_at
    from {{ ref('int_customer_first_purchases') }}
),

submissions as (
    select * from {{ ref('fct_form_submissions') }}
),

leads as (
    select
        contact_id,
        customer_key,
        email_key,
        coalesce(lead_source, 'unknown') as lead_source,
        lead_at,
        lead_month
    from contacts
    where
        lead_at is not null
        and not coalesce(is_merged_away, false)
        and coalesce(lifecycle_stage, '') <> 'subscriber'
),

deals_in_90_days as (
    select distinct leads.contact_id
    from leads
    inner join associations
        on associations.from_object = 'deal' and associations.to_object = 'contact' and leads.contact_id = associations.to_id
    inner join deals on associations.from_id = deals.deal_id
    where
        deals.created_at >= leads.lead_at
        and deals.created_at <= {{ dbt.dateadd('day', 90, 'leads.lead_at') }}
),

forms_before_lead as (
    select distinct leads.contact_id
    from leads
    inner join submissions on leads.email_key = submissions.email_key
    where submissions.submitted_at <= leads.lead_at
),

final as (
    select
        leads.contact_id,
        leads.customer_key,
        leads.lead_source,
        leads.lead_at,
        leads.lead_month,
        upper(leads.lead_source) in ('REFERRALS', 'REFERRAL') as is_referral,
        deals_in_90_days.contact_id is not null as has_deal_within_90_days,
        coalesce(customer_since.customer_since_at <= leads.lead_at, false) as was_customer_at_lead,
        coalesce(
            customer_since.customer_since_at > leads.lead_at
            and customer_since.customer_since_at <= {{ dbt.dateadd('day', 180, 'leads.lead_at') }},
            false
        ) as became_customer_within_180_days,
        {{ seconds_between('leads.lead_at', 'customer_since.customer_since_at') }} / 86400.0 as days_to_customer,
        forms_before_lead.contact_id is not null as submitted_form_before_lead
    from leads
    left join customer_since on leads.customer_key = customer_since.customer_key
    left join deals_in_90_days on leads.contact_id = deals_in_90_days.contact_id
    left join forms_before_lead on leads.contact_id = forms_before_lead.contact_id
)

select * from final

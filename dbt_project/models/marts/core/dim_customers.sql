-- The unified customer: one row per connected component of the identity graph. No names, e-mails
-- or phones here (those are in restricted.pii_customer_records); attributes follow survivorship:
-- CRM before payments before support, then the earliest-created record, then the smallest id.
with

components as (
    select * from {{ ref('int_identity_components') }}
),

nodes as (
    select * from {{ ref('int_identity_nodes') }}
),

companies as (
    select * from {{ ref('stg_hubspot__companies') }}
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

members as (
    select
        components.customer_key,
        components.anchor_node_id,
        nodes.source_system,
        nodes.source_id,
        nodes.created_at,
        nodes.sort_key
    from components
    inner join nodes on components.node_id = nodes.node_id
),

summary as (
    select
        customer_key,
        min(anchor_node_id) as anchor_node_id,
        count(*) as member_records,
        sum(case when source_system = 'hubspot_company' then 1 else 0 end) as crm_companies,
        sum(case when source_system = 'hubspot_contact' then 1 else 0 end) as crm_contacts,
        sum(case when source_system = 'stripe_customer' then 1 else 0 end) as payment_customers,
        sum(case when source_system = 'zendesk_organization' then 1 else 0 end) as support_organizations,
        sum(case when source_system = 'zendesk_user' then 1 else 0 end) as support_users,
        min(created_at) as first_seen_at
    from members
    group by 1
),

-- survivorship: the first CRM contact with a lead source, the first CRM owner, the first payment currency
ranked_contacts as (
    select
        members.customer_key,
        contacts.lead_source,
        contacts.owner_id,
        row_number() over (
            partition by members.customer_key
            order by contacts.is_archived, contacts.created_at, members.sort_key
        ) as survivor_rank
    from members
    inner join contacts on members.source_system = 'hubspot_contact' and members.source_id = contacts.contact_id
    where contacts.lead_source is not null or contacts.owner_id is not null
),

ranked_companies as (
    select
        members.customer_key,
        companies.owner_id,
        row_number() over (
            partition by members.customer_key order by companies.is_archived, companies.created_at, members.sort_key
        ) as survivor_rank
    from members
    inner join companies on members.source_system = 'hubspot_company' and members.source_id = companies.company_id
),

ranked_payment_customers as (
    select
        members.customer_key,
        stripe_customers.currency_code,
        row_number() over (
            partition by members.customer_key order by stripe_customers.created_at, members.sort_key
        ) as survivor_rank
    from members
    inner join stripe_customers
        on members.source_system = 'stripe_customer' and members.source_id = stripe_customers.customer_id
    where stripe_customers.currency_code is not null
),

final as (
    select
        summary.customer_key,
        {{ dbt.split_part('summary.anchor_node_id', "':'", 1) }} as anchor_source_system,
        summary.member_records,
        summary.crm_companies,
        summary.crm_contacts,
        summary.payment_customers,
        summary.support_organizations,
        summary.support_users,
        summary.crm_companies + summary.crm_contacts > 0 as has_crm_record,
        summary.payment_customers > 0 as has_payment_account,
        summary.support_organizations + summary.support_users > 0 as has_support_account,
        summary.first_seen_at,
        ranked_contacts.lead_source,
        coalesce(ranked_companies.owner_id, ranked_contacts.owner_id) as owner_id,
        ranked_payment_customers.currency_code as payment_currency_code
    from summary
    left join ranked_contacts on summary.customer_key = ranked_contacts.customer_key and ranked_contacts.survivor_rank = 1
    left join ranked_companies on summary.customer_key = ranked_companies.customer_key and ranked_companies.survivor_rank = 1
    left join ranked_payment_customers
        on summary.customer_key = ranked_payment_customers.customer_key and ranked_payment_customers.survivor_rank = 1
)

select * from final

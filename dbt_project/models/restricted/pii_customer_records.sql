-- Names, e-mails and phones of every record of a unified customer, keyed by customer_key. This is
-- the only model with PII; schema `restricted` is never copied to the BI file. `is_survivor`
-- marks the record whose name and e-mail represent the customer (CRM company name, else the first
-- CRM contact, else the payment customer, else the support user).
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

zendesk_users as (
    select * from {{ ref('stg_zendesk__users') }}
),

zendesk_organizations as (
    select * from {{ ref('stg_zendesk__organizations') }}
),

details as (
    select
        'hubspot_company' as source_system,
        company_id as source_id,
        company_name as display_name,
        cast(null as varchar) as email,
        domain,
        cast(null as varchar) as phone
    from companies
    union all
    select
        'hubspot_contact' as source_system,
        contact_id as source_id,
        nullif(trim({{ dbt.concat(["coalesce(first_name, '')", "' '", "coalesce(last_name, '')"]) }}), '') as display_name,
        email,
        cast(null as varchar) as domain,
        phone
    from contacts
    union all
    select
        'stripe_customer' as source_system,
        customer_id as source_id,
        customer_name as display_name,
        email,
        cast(null as varchar) as domain,
        phone
    from stripe_customers
    union all
    select
        'zendesk_user' as source_system,
        cast(user_id as varchar) as source_id,
        user_name as display_name,
        email,
        cast(null as varchar) as domain,
        phone
    from zendesk_users
    union all
    select distinct
        'zendesk_organization' as source_system,
        cast(organization_id as varchar) as source_id,
        organization_name as display_name,
        cast(null as varchar) as email,
        min(domain) over (partition by organization_id) as domain,
        cast(null as varchar) as phone
    from zendesk_organizations
),

final as (
    select
        components.customer_key,
        components.source_system,
        components.source_id,
        details.display_name,
        details.email,
        details.domain,
        details.phone,
        row_number() over (partition by components.customer_key order by nodes.sort_key) = 1 as is_survivor
    from components
    inner join nodes on components.node_id = nodes.node_id
    inner join details on components.source_system = details.source_system and components.source_id = details.source_id
)

select * from final

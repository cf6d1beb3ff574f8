-- Which rule linked which two records (one row per pair and rule; node_a < node_b):
--   email            the same normalised e-mail address
--   email_domain     a person's business e-mail domain is a CRM company's or support org's domain
--   company_domain   a CRM company and a support organization share a domain
--   explicit_id      payment customer metadata names the CRM contact or company
--   crm_association  a CRM contact's associated company
--   crm_merge        a CRM contact merged into another
--   support_org      a support user's organization
-- A shared free-mail address is weak evidence (two people can share a name and a provider):
-- `is_weak` edges only join customers that do not already belong to different companies.
with

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

company_domains as (
    select
        {{ dbt.concat(["'hubspot_company:'", "company_id"]) }} as node_id,
        domain
    from companies
    where domain is not null
    union
    select
        {{ dbt.concat(["'zendesk_organization:'", "cast(organization_id as varchar)"]) }} as node_id,
        domain
    from zendesk_organizations
    where domain is not null
),

pairs as (
    select
        a.node_id as node_a,
        b.node_id as node_b,
        'email' as match_rule,
        a.email as match_value
    from nodes as a
    inner join nodes as b on a.email = b.email and a.node_id < b.node_id
    union all
    select
        persons.node_id as node_a,
        company_domains.node_id as node_b,
        'email_domain' as match_rule,
        persons.business_email_domain as match_value
    from nodes as persons
    inner join company_domains on persons.business_email_domain = company_domains.domain
    union all
    select
        a.node_id as node_a,
        b.node_id as node_b,
        'company_domain' as match_rule,
        a.domain as match_value
    from company_domains as a
    inner join company_domains as b on a.domain = b.domain and a.node_id < b.node_id
    union all
    select
        {{ dbt.concat(["'hubspot_contact:'", "hubspot_contact_id"]) }} as node_a,
        {{ dbt.concat(["'stripe_customer:'", "customer_id"]) }} as node_b,
        'explicit_id' as match_rule,
        'metadata.hubspot_contact_id' as match_value
    from stripe_customers
    where hubspot_contact_id is not null and not is_deleted
    union all
    select
        {{ dbt.concat(["'hubspot_company:'", "hubspot_company_id"]) }} as node_a,
        {{ dbt.concat(["'stripe_customer:'", "customer_id"]) }} as node_b,
        'explicit_id' as match_rule,
        'metadata.hubspot_company_id' as match_value
    from stripe_customers
    where hubspot_company_id is not null and not is_deleted
    union all
    select
        {{ dbt.concat(["'hubspot_company:'", "company_id"]) }} as node_a,
        {{ dbt.concat(["'hubspot_contact:'", "contact_id"]) }} as node_b,
        'crm_association' as match_rule,
        'associatedcompanyid' as match_value
    from contacts
    where company_id is not null
    union all
    select
        {{ dbt.concat(["'zendesk_organization:'", "cast(organization_id as varchar)"]) }} as node_a,
        {{ dbt.concat(["'zendesk_user:'", "cast(user_id as varchar)"]) }} as node_b,
        'support_org' as match_rule,
        'organization_id' as match_value
    from zendesk_users
    where organization_id is not null and not is_agent
),

merged_ids as (
    {{ split_to_rows('contacts', 'contact_id', 'merged_contact_ids', ';') }}
),

merge_pairs as (
    select
        {{ dbt.concat(["'hubspot_contact:'", "item"]) }} as node_a,
        {{ dbt.concat(["'hubspot_contact:'", "contact_id"]) }} as node_b,
        'crm_merge' as match_rule,
        'hs_merged_object_ids' as match_value
    from merged_ids
    where item <> contact_id
),

all_pairs as (
    select * from pairs
    union all
    select * from merge_pairs
),

-- both ends must be known records (an id in metadata may point at nothing we loaded)
final as (
    select distinct
        case when all_pairs.node_a < all_pairs.node_b then all_pairs.node_a else all_pairs.node_b end as node_a,
        case when all_pairs.node_a < all_pairs.node_b then all_pairs.node_b else all_pairs.node_a end as node_b,
        all_pairs.match_rule,
        all_pairs.match_value,
        all_pairs.match_rule = 'email' and known_a.business_email_domain is null as is_weak
    from all_pairs
    inner join nodes as known_a on all_pairs.node_a = known_a.node_id
    inner join nodes as known_b on all_pairs.node_b = known_b.node_id
    where all_pairs.node_a <> all_pairs.node_b
)

select * from final

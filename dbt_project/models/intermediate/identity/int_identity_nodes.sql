-- Every record that may stand for a customer, in one id space `<system>:<id>`: CRM companies and
-- contacts, payment customers, support organizations and end users. `sort_key` orders the id
-- space stably (CRM company first, then contact, payment customer, support organization, support
-- user; numeric ids by value): a customer is keyed by its smallest member.
with

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

free_mail as (
    select * from {{ ref('free_mail_domains') }}
),

records as (
    select
        'hubspot_company' as source_system,
        1 as system_rank,
        company_id as source_id,
        cast(null as varchar) as email,
        created_at
    from companies
    union all
    select
        'hubspot_contact' as source_system,
        2 as system_rank,
        contact_id as source_id,
        email,
        created_at
    from contacts
    union all
    select
        'stripe_customer' as source_system,
        3 as system_rank,
        customer_id as source_id,
        email,
        created_at
    from stripe_customers
    where not is_deleted
    union all
    select distinct
        'zendesk_organization' as source_system,
        4 as system_rank,
        cast(organization_id as varchar) as source_id,
        cast(null as varchar) as email,
        created_at
    from zendesk_organizations
    union all
    select
        'zendesk_user' as source_system,
        5 as system_rank,
        cast(user_id as varchar) as source_id,
        email,
        created_at
    from zendesk_users
    where not is_agent
),

final as (
    select
        {{ dbt.concat(["records.source_system", "':'", "records.source_id"]) }} as node_id,
        records.source_system,
        records.source_id,
        records.email,
        case when free_mail.domain is null then {{ email_domain('records.email') }} end as business_email_domain,
        records.created_at,
        {{ dbt.concat([
            "cast(records.system_rank as varchar)",
            "'|'",
            "lpad(cast(length(records.source_id) as varchar), 4, '0')",
            "'|'",
            "records.source_id",
        ]) }} as sort_key
    from records
    left join free_mail on {{ email_domain('records.email') }} = free_mail.domain
)

select * from final

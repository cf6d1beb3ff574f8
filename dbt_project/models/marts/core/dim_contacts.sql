-- CRM contacts without PII: lead date, lifecycle stage, lead source, the unified customer and an
-- `email_key` (hash of the normalised e-mail) that marketing facts join on. The lead date is the
-- lead-date property, else the create date of contacts at lead stage or later (never subscribers).
with

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

dated as (
    select
        *,
        coalesce(
            lead_at,
            case
                when lifecycle_stage in (
                    'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'
                ) then created_at
            end
        ) as resolved_lead_at
    from contacts
),

final as (
    select
        dated.contact_id,
        identities.customer_key,
        dated.company_id,
        dated.owner_id,
        {{ dbt.hash('dated.email') }} as email_key,
        dated.lifecycle_stage,
        dated.lead_source,
        dated.created_at,
        dated.lead_at as lead_date_property_at,
        dated.resolved_lead_at as lead_at,
        {{ month_start('dated.resolved_lead_at') }} as lead_month,
        dated.is_archived as is_merged_away
    from dated
    left join identities on identities.source_system = 'hubspot_contact' and dated.contact_id = identities.source_id
)

select * from final

-- CRM survey answers: NPS (0-10; promoters 9-10, passives 7-8, detractors 0-6), CES (1-7), CSAT.
with

surveys as (
    select * from {{ ref('stg_hubspot__feedback_submissions') }}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
),

identities as (
    select * from {{ ref('bridge_customer_identities') }}
),

survey_contacts as (
    select
        from_id as survey_response_id,
        min(to_id) as contact_id
    from associations
    where from_object = 'feedback_submission' and to_object = 'contact'
    group by 1
),

final as (
    select
        surveys.survey_response_id,
        surveys.survey_type,
        surveys.response_value,
        coalesce(surveys.contact_id, survey_contacts.contact_id) as contact_id,
        identities.customer_key,
        surveys.submitted_at,
        {{ month_start('surveys.submitted_at') }} as submitted_month,
        case
            when surveys.survey_type <> 'NPS' then null
            when surveys.response_value >= 9 then 'promoter'
            when surveys.response_value >= 7 then 'passive'
            else 'detractor'
        end as nps_category
    from surveys
    left join survey_contacts on surveys.survey_response_id = survey_contacts.survey_response_id
    left join identities
        on
            identities.source_system = 'hubspot_contact'
            and coalesce(surveys.contact_id, survey_contacts.contact_id) = identities.source_id
    where not surveys.is_archived
)

select * from final

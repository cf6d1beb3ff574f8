-- Survey answers (NPS 0-10, CES 1-7, CSAT) submitted through the CRM.
with

source as (
    {{ source_columns('hubspot', 'feedback_submissions', {
        'id': 'varchar',
        'properties__hs_survey_type': 'varchar',
        'properties__hs_response_value': 'varchar',
        'properties__hs_submission_timestamp': 'varchar',
        'properties__hs_contact_id': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

renamed as (
    select
        id as survey_response_id,
        upper(nullif(trim(properties__hs_survey_type), '')) as survey_type,
        cast(nullif(trim(properties__hs_response_value), '') as double) as response_value,
        nullif(trim(properties__hs_contact_id), '') as contact_id,
        coalesce(
            {{ hubspot_timestamp('properties__hs_submission_timestamp') }}, {{ hubspot_timestamp('created_at') }}
        ) as submitted_at,
        coalesce(archived, false) as is_archived
    from ranked
    where version_rank = 1
)

select * from renamed

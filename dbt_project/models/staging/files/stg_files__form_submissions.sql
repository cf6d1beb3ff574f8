-- Web form submissions; the campaign is empty when the form was not part of one.
with

source as (
    {{ source_columns('files', 'form_submissions', {
        'submission_id': 'varchar',
        'form_id': 'varchar',
        'campaign_id': 'varchar',
        'contact_email': 'varchar',
        'submitted_at': 'varchar',
        'page_url': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("submission_id") }} as version_rank
    from source
),

renamed as (
    select
        trim(submission_id) as submission_id,
        trim(form_id) as form_id,
        nullif(trim(campaign_id), '') as campaign_id,
        {{ normalise_email('contact_email') }} as email,
        {{ to_utc_timestamp('trim(submitted_at)') }} as submitted_at,
        nullif(trim(page_url), '') as page_url,
        _dlt_load_id as source_load_id
    from ranked
    where version_rank = 1
)

select * from renamed

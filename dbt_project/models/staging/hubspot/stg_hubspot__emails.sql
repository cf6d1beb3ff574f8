-- Sales e-mails logged in the CRM (EMAIL is outgoing, INCOMING_EMAIL a reply).
with

source as (
    {{ source_columns('hubspot', 'emails', {
        'id': 'varchar',
        'properties__hs_timestamp': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_createdate': 'varchar',
        'properties__createdate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'created_at': 'varchar',
        'updated_at': 'varchar',
        'archived': 'boolean',
        'properties__hs_email_direction': 'varchar',
        'properties__hs_email_status': 'varchar',
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
        {{ hubspot_activity_columns() }},
        upper(nullif(trim(properties__hs_email_direction), '')) as email_direction,
        upper(nullif(trim(properties__hs_email_direction), '')) in ('EMAIL', 'FORWARDED_EMAIL') as is_outgoing,
        upper(nullif(trim(properties__hs_email_status), '')) as email_status
    from ranked
    where version_rank = 1
)

select * from renamed

-- Marketing campaigns: audience is prospects or customers.
with

source as (
    {{ source_columns('files', 'campaigns', {
        'campaign_id': 'varchar',
        'name': 'varchar',
        'channel': 'varchar',
        'start_date': 'varchar',
        'end_date': 'varchar',
        'audience': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("campaign_id") }} as version_rank
    from source
),

renamed as (
    select
        trim(campaign_id) as campaign_id,
        trim(name) as campaign_name,
        lower(trim(channel)) as channel,
        cast(nullif(trim(start_date), '') as date) as start_date,
        cast(nullif(trim(end_date), '') as date) as end_date,
        lower(trim(audience)) as audience
    from ranked
    where version_rank = 1
)

select * from renamed

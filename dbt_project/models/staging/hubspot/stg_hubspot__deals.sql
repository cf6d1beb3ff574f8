-- One row per deal: its latest landed version (raw is append-only, one version per load).
with

source as (
    select * from {{ source('hubspot', 'deals') }}
),

ranked as (
    select
        *,
        row_number() over (partition by id order by cast(_dlt_load_id as double) desc, _dlt_id) as version_rank
    from source
),

renamed as (
    select
        cast(id as varchar) as deal_id,
        properties__dealname as deal_name,
        properties__pipeline as pipeline_id,
        properties__dealstage as deal_stage_id,
        cast(nullif(trim(properties__amount), '') as decimal(18, 2)) as amount,
        upper(coalesce(nullif(trim(properties__deal_currency_code), ''), '{{ var("reporting_currency") }}')) as currency_code,
        nullif(properties__hubspot_owner_id, '') as owner_id,
        cast(properties__createdate as timestamp) as created_at,
        cast(properties__closedate as timestamp) as expected_close_at,
        cast(properties__hs_lastmodifieddate as timestamp) as last_modified_at,
        coalesce(archived, false) as is_archived,
        _dlt_id as source_row_id
    from ranked
    where version_rank = 1
)

select * from renamed

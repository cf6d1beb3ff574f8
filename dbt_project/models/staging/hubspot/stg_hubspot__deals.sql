-- One row per deal: its latest landed version (raw is append-only, one version per load).
with

source as (
    {{ source_columns('hubspot', 'deals', {
        'id': 'varchar',
        'properties__dealname': 'varchar',
        'properties__amount': 'varchar',
        'properties__deal_currency_code': 'varchar',
        'properties__dealstage': 'varchar',
        'properties__pipeline': 'varchar',
        'properties__createdate': 'varchar',
        'properties__closedate': 'varchar',
        'properties__hs_lastmodifieddate': 'varchar',
        'properties__hubspot_owner_id': 'varchar',
        'properties__hs_deal_stage_probability': 'varchar',
        'properties__hs_forecast_probability': 'varchar',
        'properties__closed_lost_reason': 'varchar',
        'properties__hs_analytics_source': 'varchar',
        'properties__hs_merged_object_ids': 'varchar',
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
        cast(id as varchar) as deal_id,
        properties__dealname as deal_name,
        properties__pipeline as pipeline_id,
        properties__dealstage as deal_stage_id,
        cast(nullif(trim(properties__amount), '') as decimal(18, 2)) as amount,
        upper(coalesce(nullif(trim(properties__deal_currency_code), ''), '{{ var("reporting_currency") }}')) as currency_code,
        nullif(trim(properties__hubspot_owner_id), '') as owner_id,
        cast(nullif(trim(properties__hs_deal_stage_probability), '') as double) as stage_probability,
        cast(nullif(trim(properties__hs_forecast_probability), '') as double) as forecast_probability,
        nullif(trim(properties__closed_lost_reason), '') as closed_lost_reason,
        nullif(trim(properties__hs_analytics_source), '') as lead_source,
        coalesce(
            {{ hubspot_timestamp('properties__createdate') }},
            {{ hubspot_timestamp('created_at') }}
        ) as created_at,
        {{ hubspot_timestamp('properties__closedate') }} as expected_close_at,
        coalesce(
            {{ hubspot_timestamp('properties__hs_lastmodifieddate') }},
            {{ hubspot_timestamp('updated_at') }}
        ) as last_modified_at,
        coalesce(archived, false) as is_archived,
        _dlt_load_id as source_load_id,
        _dlt_id as source_row_id
    from ranked
    where version_rank = 1
)

select * from renamed

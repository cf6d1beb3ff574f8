-- Every recorded value of `dealstage`, from the latest landed version of each deal.
with

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

history as (
    {{ source_columns('hubspot', 'deal_stage_history', {
        'value': 'varchar',
        'timestamp': 'varchar',
        'source_type': 'varchar',
    }, child=true) }}
),

renamed as (
    select
        deals.deal_id,
        history.value as stage_id,
        {{ hubspot_timestamp('history.timestamp') }} as entered_at,
        history.source_type
    from history
    inner join deals on history._dlt_parent_id = deals.source_row_id
)

select * from renamed

-- The recorded values of a deal's amount and expected close date ("as at an instant" reads these).
with

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

amounts as (
    {{ source_columns('hubspot', 'deal_amount_history', {'value': 'varchar', 'timestamp': 'varchar'}, child=true) }}
),

close_dates as (
    {{ source_columns('hubspot', 'deal_close_date_history', {'value': 'varchar', 'timestamp': 'varchar'}, child=true) }}
),

unioned as (
    select
        'amount' as property_name,
        _dlt_parent_id,
        value,
        timestamp
    from amounts
    union all
    select
        'closedate' as property_name,
        _dlt_parent_id,
        value,
        timestamp
    from close_dates
),

renamed as (
    select
        deals.deal_id,
        unioned.property_name,
        nullif(trim(unioned.value), '') as value_text,
        case
            when unioned.property_name = 'amount' then cast(nullif(trim(unioned.value), '') as decimal(18, 2))
        end as amount,
        case
            when unioned.property_name = 'closedate' then {{ hubspot_timestamp('unioned.value') }}
        end as expected_close_at,
        {{ hubspot_timestamp('unioned.timestamp') }} as changed_at
    from unioned
    inner join deals on unioned._dlt_parent_id = deals.source_row_id
)

select * from renamed

-- The amount and expected close date a deal had over time, as validity intervals, so a metric can
-- read them "as at an instant". A deal without history has one interval from its creation.
with

history as (
    select * from {{ ref('stg_hubspot__deal_property_history') }}
),

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

with_history as (
    select distinct
        deal_id,
        property_name
    from history
),

current_values as (
    select
        deals.deal_id,
        'amount' as property_name,
        deals.amount,
        cast(null as timestamp) as expected_close_at,
        deals.created_at as changed_at
    from deals
    left join with_history on deals.deal_id = with_history.deal_id and with_history.property_name = 'amount'
    where with_history.deal_id is null
    union all
    select
        deals.deal_id,
        'closedate' as property_name,
        cast(null as decimal(18, 2)) as amount,
        deals.expected_close_at,
        deals.created_at as changed_at
    from deals
    left join with_history on deals.deal_id = with_history.deal_id and with_history.property_name = 'closedate'
    where with_history.deal_id is null
),

changes as (
    select
        deal_id,
        property_name,
        amount,
        expected_close_at,
        changed_at
    from history
    where changed_at is not null
    union all
    select * from current_values
),

final as (
    select
        changes.deal_id,
        changes.property_name,
        changes.amount,
        changes.expected_close_at,
        changes.changed_at as valid_from,
        lead(changes.changed_at) over (
            partition by changes.deal_id, changes.property_name order by changes.changed_at
        ) as valid_to
    from changes
    inner join deals on changes.deal_id = deals.deal_id
    where not deals.is_archived
)

select * from final

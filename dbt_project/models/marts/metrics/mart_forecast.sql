-- Month × owner: the forecast as at the start of the month against the quota and what was won in
-- the month to date (for a past month, the whole month).
with

by_owner as (
    select * from {{ ref('int_sales_owner_monthly') }}
),

owners as (
    select * from {{ ref('dim_owners') }}
),

final as (
    select
        by_owner.month,
        by_owner.owner_id,
        owners.owner_name,
        round(by_owner.forecast_amount, 2) as forecast_amount,
        round(by_owner.goal_amount, 2) as goal_amount,
        round(by_owner.new_revenue, 2) as won_amount,
        by_owner.deals_won,
        round(by_owner.forecast_amount, 2) / nullif(round(by_owner.goal_amount, 2), 0) as forecast_to_goal,
        round(by_owner.new_revenue, 2) / nullif(round(by_owner.goal_amount, 2), 0) as goal_attainment
    from by_owner
    left join owners on by_owner.owner_id = owners.owner_id
)

select * from final

-- Month × owner: deals created, won and lost, won amount, close rate, cycle days, activities by
-- type, quota and attainment (the sales performance report). Same numbers as mart_kpis' owner rows.
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
        by_owner.deals_created,
        by_owner.deals_won,
        by_owner.deals_lost,
        cast(by_owner.deals_won as double) / nullif(by_owner.deals_won + by_owner.deals_lost, 0) as close_rate,
        round(by_owner.new_revenue, 2) as new_revenue,
        round(by_owner.new_revenue, 2) / nullif(by_owner.deals_won, 0) as avg_deal_size,
        round(by_owner.lost_amount, 2) as lost_amount,
        by_owner.won_cycle_days_sum / nullif(by_owner.deals_won, 0) as sales_cycle_days,
        by_owner.proposals_sent,
        by_owner.open_opportunities,
        round(by_owner.open_pipeline_amount, 2) as open_pipeline_amount,
        round(by_owner.weighted_pipeline_amount, 2) as weighted_pipeline_amount,
        cast(by_owner.calls_on_closed_deals as double) / nullif(by_owner.deals_closed_distinct, 0) as calls_per_opportunity,
        by_owner.sales_calls,
        by_owner.call_activities,
        by_owner.email_activities,
        by_owner.meeting_activities,
        by_owner.task_activities,
        by_owner.sales_activities,
        by_owner.is_active_user = 1 as is_active_user,
        round(by_owner.goal_amount, 2) as goal_amount,
        round(by_owner.new_revenue, 2) / nullif(round(by_owner.goal_amount, 2), 0) as goal_attainment
    from by_owner
    left join owners on by_owner.owner_id = owners.owner_id
)

select * from final

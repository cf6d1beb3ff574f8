-- Month × owner: every additive sales counter the catalog needs (counts and unrounded sums), with a
-- row for each owner in each month. Company-wide figures are the sums over owners; ratios are built
-- from the sums (deals without an owner sit under 'unknown').
with

months as (
    select * from {{ ref('int_metric_months') }}
),

owners as (
    select * from {{ ref('dim_owners') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

transitions as (
    select * from {{ ref('fct_deal_stage_transitions') }}
),

closings as (
    select * from {{ ref('int_sales_deal_closings') }}
),

open_deals as (
    select * from {{ ref('int_sales_open_deals_daily') }}
),

forecast as (
    select * from {{ ref('int_sales_forecast') }}
),

activities as (
    select * from {{ ref('fct_activities') }}
    where not is_archived
),

goals as (
    select * from {{ ref('fct_goals') }}
),

owner_ids as (
    select owner_id from owners
    union
    select coalesce(owner_id, 'unknown') from deals
    union
    select coalesce(owner_id, 'unknown') from activities
    union
    select owner_id from goals
),

grid as (
    select
        months.month,
        owner_ids.owner_id
    from months
    cross join owner_ids
),

created as (
    select
        created_month as month,
        coalesce(owner_id, 'unknown') as owner_id,
        count(*) as deals_created
    from deals
    group by 1, 2
),

closed as (
    select
        month,
        owner_id,
        sum(case when is_won then 1 else 0 end) as deals_won,
        sum(case when is_lost then 1 else 0 end) as deals_lost,
        sum(case when is_won then amount_reporting else 0 end) as new_revenue,
        sum(case when is_lost then amount_reporting else 0 end) as lost_amount,
        sum(case when is_won then cycle_days else 0 end) as won_cycle_days_sum
    from closings
    group by 1, 2
),

-- calls logged against each deal closed in the month, dated before the month's end
closed_deals as (
    select distinct
        month,
        owner_id,
        deal_id
    from closings
),

calls_on_closed as (
    select
        closed_deals.month,
        closed_deals.owner_id,
        count(distinct closed_deals.deal_id) as deals_closed_distinct,
        count(activities.activity_id) as calls_on_closed_deals
    from closed_deals
    left join activities
        on
            closed_deals.deal_id = activities.deal_id
            and activities.activity_type = 'call'
            and activities.occurred_at < {{ dbt.dateadd('month', 1, 'closed_deals.month') }}
    group by 1, 2
),

proposals as (
    select
        transitions.entered_month as month,
        coalesce(transitions.owner_id, 'unknown') as owner_id,
        count(distinct transitions.deal_id) as proposals_sent
    from transitions
    where transitions.is_proposal_stage
    group by 1, 2
),

month_end_pipeline as (
    select
        month,
        owner_id,
        count(*) as open_opportunities,
        sum(amount_reporting) as open_pipeline_amount,
        sum(amount_reporting * stage_probability) as weighted_pipeline_amount
    from open_deals
    where is_month_end
    group by 1, 2
),

forecasts as (
    select
        month,
        owner_id,
        sum(forecast_amount_reporting) as forecast_amount
    from forecast
    group by 1, 2
),

done as (
    select
        occurred_month as month,
        coalesce(owner_id, 'unknown') as owner_id,
        sum(case when activity_type = 'call' then 1 else 0 end) as sales_calls,
        sum(case when activity_type = 'call' and outcome = 'connected' then 1 else 0 end) as connected_calls,
        sum(case when activity_type = 'call' and outcome = 'connected' then duration_seconds else 0 end)
            as connected_call_seconds_sum,
        sum(case when is_done and activity_type = 'call' then 1 else 0 end) as call_activities,
        sum(case when is_done and activity_type = 'email' then 1 else 0 end) as email_activities,
        sum(case when is_done and activity_type = 'meeting' then 1 else 0 end) as meeting_activities,
        sum(case when is_done and activity_type = 'task' then 1 else 0 end) as task_activities
    from activities
    where occurred_at is not null
    group by 1, 2
),

-- a user is active in a month with any activity dated in it or a stage move (not the create)
active_users as (
    select distinct
        occurred_month as month,
        owner_id
    from activities
    where occurred_at is not null and owner_id is not null
    union
    select distinct
        entered_month as month,
        owner_id
    from transitions
    where entry_number > 1 and owner_id is not null
),

goal_amounts as (
    select
        month,
        owner_id,
        sum(goal_amount_reporting) as goal_amount
    from goals
    group by 1, 2
),

final as (
    select
        grid.month,
        grid.owner_id,
        coalesce(created.deals_created, 0) as deals_created,
        coalesce(closed.deals_won, 0) as deals_won,
        coalesce(closed.deals_lost, 0) as deals_lost,
        coalesce(closed.new_revenue, 0) as new_revenue,
        coalesce(closed.lost_amount, 0) as lost_amount,
        coalesce(closed.won_cycle_days_sum, 0) as won_cycle_days_sum,
        coalesce(calls_on_closed.deals_closed_distinct, 0) as deals_closed_distinct,
        coalesce(calls_on_closed.calls_on_closed_deals, 0) as calls_on_closed_deals,
        coalesce(proposals.proposals_sent, 0) as proposals_sent,
        coalesce(month_end_pipeline.open_opportunities, 0) as open_opportunities,
        coalesce(month_end_pipeline.open_pipeline_amount, 0) as open_pipeline_amount,
        coalesce(month_end_pipeline.weighted_pipeline_amount, 0) as weighted_pipeline_amount,
        coalesce(forecasts.forecast_amount, 0) as forecast_amount,
        coalesce(done.sales_calls, 0) as sales_calls,
        coalesce(done.connected_calls, 0) as connected_calls,
        coalesce(done.connected_call_seconds_sum, 0) as connected_call_seconds_sum,
        coalesce(done.call_activities, 0) as call_activities,
        coalesce(done.email_activities, 0) as email_activities,
        coalesce(done.meeting_activities, 0) as meeting_activities,
        coalesce(done.task_activities, 0) as task_activities,
        coalesce(done.call_activities, 0) + coalesce(done.email_activities, 0)
        + coalesce(done.meeting_activities, 0) + coalesce(done.task_activities, 0) as sales_activities,
        case when active_users.owner_id is null then 0 else 1 end as is_active_user,
        coalesce(goal_amounts.goal_amount, 0) as goal_amount
    from grid
    left join created on grid.month = created.month and grid.owner_id = created.owner_id
    left join closed on grid.month = closed.month and grid.owner_id = closed.owner_id
    left join calls_on_closed on grid.month = calls_on_closed.month and grid.owner_id = calls_on_closed.owner_id
    left join proposals on grid.month = proposals.month and grid.owner_id = proposals.owner_id
    left join month_end_pipeline on grid.month = month_end_pipeline.month and grid.owner_id = month_end_pipeline.owner_id
    left join forecasts on grid.month = forecasts.month and grid.owner_id = forecasts.owner_id
    left join done on grid.month = done.month and grid.owner_id = done.owner_id
    left join active_users on grid.month = active_users.month and grid.owner_id = active_users.owner_id
    left join goal_amounts on grid.month = goal_amounts.month and grid.owner_id = goal_amounts.owner_id
)

select * from final

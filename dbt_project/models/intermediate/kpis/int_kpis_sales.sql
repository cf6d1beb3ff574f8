-- Sales metrics of the catalog in mart_kpis' long format: company-wide rows for every month and
-- the breakdowns by owner, lead source, pipeline, stage, lost reason, activity type and call outcome.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

by_owner as (
    select * from {{ ref('int_sales_owner_monthly') }}
),

by_source as (
    select * from {{ ref('int_sales_lead_source_monthly') }}
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

activities as (
    select * from {{ ref('fct_activities') }}
    where not is_archived and occurred_at is not null
),

-- new and retained customers are counted where "active customer" is defined (customers section)
customers as (
    select * from {{ ref('int_customers_monthly') }}
),

stage_exits as (
    select
        exited_month as month,
        stage_id,
        count(*) as exits,
        sum(duration_days) as days_sum
    from transitions
    where is_open_stage and exited_at is not null
    group by 1, 2
),

owner_totals as (
    select
        month,
        sum(deals_created) as deals_created,
        sum(deals_won) as deals_won,
        sum(deals_lost) as deals_lost,
        sum(new_revenue) as new_revenue,
        sum(lost_amount) as lost_amount,
        sum(won_cycle_days_sum) as won_cycle_days_sum,
        sum(deals_closed_distinct) as deals_closed_distinct,
        sum(calls_on_closed_deals) as calls_on_closed_deals,
        sum(proposals_sent) as proposals_sent,
        sum(open_opportunities) as open_opportunities,
        sum(open_pipeline_amount) as open_pipeline_amount,
        sum(weighted_pipeline_amount) as weighted_pipeline_amount,
        sum(forecast_amount) as forecast_amount,
        sum(sales_calls) as sales_calls,
        sum(connected_calls) as connected_calls,
        sum(connected_call_seconds_sum) as connected_call_seconds_sum,
        sum(sales_activities) as sales_activities,
        sum(case when owner_id <> 'unknown' then is_active_user else 0 end) as crm_active_users,
        sum(goal_amount) as goal_amount
    from by_owner
    group by 1
),

source_totals as (
    select
        month,
        sum(leads_created) as leads_created,
        sum(leads_with_deal) as leads_with_deal,
        sum(leads_not_yet_customers) as leads_not_yet_customers,
        sum(leads_became_customers) as leads_became_customers
    from by_source
    group by 1
),

exit_totals as (
    select
        month,
        sum(exits) as exits,
        sum(days_sum) as days_sum
    from stage_exits
    group by 1
),

monthly as (
    select
        months.month,
        owner_totals.deals_created,
        owner_totals.deals_won,
        owner_totals.deals_lost,
        round(owner_totals.new_revenue, 2) as new_revenue,
        round(owner_totals.lost_amount, 2) as lost_amount,
        owner_totals.won_cycle_days_sum,
        owner_totals.deals_closed_distinct,
        owner_totals.calls_on_closed_deals,
        owner_totals.proposals_sent,
        owner_totals.open_opportunities,
        round(owner_totals.open_pipeline_amount, 2) as open_pipeline_amount,
        round(owner_totals.weighted_pipeline_amount, 2) as weighted_pipeline_amount,
        round(owner_totals.forecast_amount, 2) as forecast_amount,
        owner_totals.sales_calls,
        owner_totals.connected_calls,
        owner_totals.connected_call_seconds_sum,
        owner_totals.sales_activities,
        owner_totals.crm_active_users,
        round(owner_totals.goal_amount, 2) as goal_amount,
        source_totals.leads_created,
        source_totals.leads_with_deal,
        source_totals.leads_not_yet_customers,
        source_totals.leads_became_customers,
        coalesce(exit_totals.exits, 0) as stage_exits,
        coalesce(exit_totals.days_sum, 0) as stage_days_sum
    from months
    inner join owner_totals on months.month = owner_totals.month
    inner join source_totals on months.month = source_totals.month
    left join exit_totals on months.month = exit_totals.month
),

owner_rows as (
    select
        *,
        round(new_revenue, 2) as new_revenue_rounded,
        round(goal_amount, 2) as goal_amount_rounded
    from by_owner
),

source_rows as (
    select
        *,
        round(new_revenue, 2) as new_revenue_rounded
    from by_source
),

created_by_pipeline as (
    select
        created_month as month,
        coalesce(pipeline_id, 'unknown') as pipeline_id,
        count(*) as deals_created
    from deals
    group by 1, 2
),

open_by_stage as (
    select
        month,
        stage_id,
        count(*) as open_opportunities,
        round(sum(amount_reporting), 2) as open_pipeline_amount,
        round(sum(amount_reporting * stage_probability), 2) as weighted_pipeline_amount
    from open_deals
    where is_month_end
    group by 1, 2
),

lost_by_reason as (
    select
        month,
        lost_reason,
        count(*) as deals_lost,
        round(sum(amount_reporting), 2) as lost_amount
    from closings
    where is_lost
    group by 1, 2
),

lost_by_stage as (
    select
        month,
        lost_from_stage_id,
        count(*) as deals_lost,
        round(sum(amount_reporting), 2) as lost_amount
    from closings
    where is_lost
    group by 1, 2
),

activities_by_type as (
    select
        occurred_month as month,
        activity_type,
        count(*) as sales_activities
    from activities
    where is_done
    group by 1, 2
),

calls_by_outcome as (
    select
        occurred_month as month,
        coalesce(outcome, 'unknown') as call_outcome,
        count(*) as calls
    from activities
    where activity_type = 'call'
    group by 1, 2
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('deals_created', 'deals_created'),
        ('deals_won', 'deals_won'),
        ('deals_lost', 'deals_lost'),
        ('close_rate', 'cast(deals_won as double) / nullif(deals_won + deals_lost, 0)'),
        ('new_revenue', 'new_revenue'),
        ('avg_deal_size', 'new_revenue / nullif(deals_won, 0)'),
        ('open_opportunities', 'open_opportunities'),
        ('open_pipeline_amount', 'open_pipeline_amount'),
        ('weighted_pipeline_amount', 'weighted_pipeline_amount'),
        ('sales_cycle_days', 'won_cycle_days_sum / nullif(deals_won, 0)'),
        ('stage_duration_days', 'stage_days_sum / nullif(stage_exits, 0)'),
        ('proposals_sent', 'proposals_sent'),
        ('sales_calls', 'sales_calls'),
        ('calls_per_opportunity', 'cast(calls_on_closed_deals as double) / nullif(deals_closed_distinct, 0)'),
        ('sales_activities', 'sales_activities'),
        ('call_duration_seconds', 'connected_call_seconds_sum / nullif(connected_calls, 0)'),
        ('forecast_amount', 'forecast_amount'),
        ('goal_amount', 'goal_amount'),
        ('goal_attainment', 'new_revenue / nullif(goal_amount, 0)'),
        ('sales_velocity_per_day', 'open_opportunities * (new_revenue / nullif(deals_won, 0))'
            ~ ' * (cast(deals_won as double) / nullif(deals_won + deals_lost, 0))'
            ~ ' / nullif(won_cycle_days_sum / nullif(deals_won, 0), 0)'),
        ('leads_created', 'leads_created'),
        ('lead_to_deal_rate', 'cast(leads_with_deal as double) / nullif(leads_created, 0)'),
        ('lead_to_customer_rate', 'cast(leads_became_customers as double) / nullif(leads_not_yet_customers, 0)'),
        ('lost_amount', 'lost_amount'),
        ('crm_active_users', 'crm_active_users'),
    ]) }}
    union all
    {{ unpivot_kpis('customers', [
        ('new_customers', 'new_customers'),
        ('retained_customers', 'retained_customers'),
    ]) }}
    union all
    {{ unpivot_kpis('owner_rows', [
        ('deals_created', 'deals_created'),
        ('deals_won', 'deals_won'),
        ('deals_lost', 'deals_lost'),
        ('close_rate', 'cast(deals_won as double) / nullif(deals_won + deals_lost, 0)'),
        ('new_revenue', 'new_revenue_rounded'),
        ('avg_deal_size', 'new_revenue_rounded / nullif(deals_won, 0)'),
        ('sales_cycle_days', 'won_cycle_days_sum / nullif(deals_won, 0)'),
        ('proposals_sent', 'proposals_sent'),
        ('calls_per_opportunity', 'cast(calls_on_closed_deals as double) / nullif(deals_closed_distinct, 0)'),
        ('sales_calls', 'sales_calls'),
        ('sales_activities', 'sales_activities'),
        ('forecast_amount', 'round(forecast_amount, 2)'),
        ('goal_amount', 'goal_amount_rounded'),
        ('goal_attainment', 'new_revenue_rounded / nullif(goal_amount_rounded, 0)'),
    ], dimension='owner', dimension_value_column='owner_id') }}
    union all
    {{ unpivot_kpis('source_rows', [
        ('leads_created', 'leads_created'),
        ('lead_to_deal_rate', 'cast(leads_with_deal as double) / nullif(leads_created, 0)'),
        ('lead_to_customer_rate', 'cast(leads_became_customers as double) / nullif(leads_not_yet_customers, 0)'),
        ('deals_created', 'deals_created'),
        ('deals_won', 'deals_won'),
        ('new_revenue', 'new_revenue_rounded'),
        ('avg_deal_size', 'new_revenue_rounded / nullif(deals_won, 0)'),
        ('sales_cycle_days', 'won_cycle_days_sum / nullif(deals_won, 0)'),
    ], dimension='lead_source', dimension_value_column='lead_source') }}
    union all
    {{ unpivot_kpis('created_by_pipeline', [('deals_created', 'deals_created')],
        dimension='pipeline', dimension_value_column='pipeline_id') }}
    union all
    {{ unpivot_kpis('open_by_stage', [
        ('open_opportunities', 'open_opportunities'),
        ('open_pipeline_amount', 'open_pipeline_amount'),
        ('weighted_pipeline_amount', 'weighted_pipeline_amount'),
    ], dimension='stage', dimension_value_column='stage_id') }}
    union all
    {{ unpivot_kpis('stage_exits', [('stage_duration_days', 'days_sum / nullif(exits, 0)')],
        dimension='stage', dimension_value_column='stage_id') }}
    union all
    {{ unpivot_kpis('lost_by_reason', [('deals_lost', 'deals_lost'), ('lost_amount', 'lost_amount')],
        dimension='lost_reason', dimension_value_column='lost_reason') }}
    union all
    {{ unpivot_kpis('lost_by_stage', [('deals_lost', 'deals_lost'), ('lost_amount', 'lost_amount')],
        dimension='stage', dimension_value_column='lost_from_stage_id') }}
    union all
    {{ unpivot_kpis('activities_by_type', [('sales_activities', 'sales_activities')],
        dimension='activity_type', dimension_value_column='activity_type') }}
    union all
    {{ unpivot_kpis('calls_by_outcome', [('call_duration_seconds', 'calls')],
        dimension='call_outcome', dimension_value_column='call_outcome') }}
),

final as (
    select long_format.*
    from long_format
    inner join months on long_format.month = months.month
)

select * from final

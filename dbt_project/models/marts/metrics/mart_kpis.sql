-- Every metric of the catalog, long format: (month, metric_id, dimension, dimension_value) -> value.
-- Counts and sums with nothing to count are 0; ratios over nothing are NULL.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

transitions as (
    select * from {{ ref('fct_deal_stage_transitions') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

payments as (
    select * from {{ ref('fct_payments') }}
),

cases as (
    select * from {{ ref('fct_cases') }}
),

registry as (
    select * from {{ ref('metric_registry') }}
),

closings as (
    select
        transitions.entered_month as month,
        sum(case when transitions.is_won_stage then 1 else 0 end) as deals_won,
        sum(case when transitions.is_lost_stage then 1 else 0 end) as deals_lost,
        sum(case when transitions.is_won_stage then coalesce(deals.amount_reporting, 0) else 0 end) as new_revenue
    from transitions
    inner join deals on transitions.deal_id = deals.deal_id
    group by 1
),

created as (
    select
        created_month as month,
        count(*) as deals_created
    from deals
    group by 1
),

revenue as (
    select
        occurred_month as month,
        sum(amount_reporting) as gross_revenue
    from payments
    where is_successful_charge
    group by 1
),

cases_created as (
    select
        created_month as month,
        count(*) as cases_created
    from cases
    group by 1
),

cases_solved as (
    select
        first_solved_month as month,
        count(*) as cases_solved
    from cases
    where first_solved_month is not null
    group by 1
),

monthly as (
    select
        months.month,
        coalesce(created.deals_created, 0) as deals_created,
        coalesce(closings.deals_won, 0) as deals_won,
        coalesce(closings.deals_lost, 0) as deals_lost,
        coalesce(closings.new_revenue, 0) as new_revenue,
        coalesce(revenue.gross_revenue, 0) as gross_revenue,
        coalesce(cases_created.cases_created, 0) as cases_created,
        coalesce(cases_solved.cases_solved, 0) as cases_solved
    from months
    left join created on months.month = created.month
    left join closings on months.month = closings.month
    left join revenue on months.month = revenue.month
    left join cases_created on months.month = cases_created.month
    left join cases_solved on months.month = cases_solved.month
),

long_format as (
    {%- set metrics = [
        ('deals_created', 'deals_created'),
        ('deals_won', 'deals_won'),
        ('deals_lost', 'deals_lost'),
        ('close_rate', 'cast(deals_won as double) / nullif(deals_won + deals_lost, 0)'),
        ('new_revenue', 'round(new_revenue, 2)'),
        ('avg_deal_size', 'round(new_revenue, 2) / nullif(deals_won, 0)'),
        ('gross_revenue', 'round(gross_revenue, 2)'),
        ('cases_created', 'cases_created'),
        ('cases_solved', 'cases_solved'),
    ] %}
    {%- for metric_id, expression in metrics %}
        select
            month,
            '{{ metric_id }}' as metric_id,
            'all' as dimension,
            'all' as dimension_value,
            cast({{ expression }} as double) as value
        from monthly
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        long_format.*,
        registry.unit
    from long_format
    inner join registry on long_format.metric_id = registry.metric_id
)

select * from final

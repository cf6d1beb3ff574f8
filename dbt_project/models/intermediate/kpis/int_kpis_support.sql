-- Support metrics of the catalog in mart_kpis' long format: company-wide rows for every month,
-- and cases_created / cases_solved by channel, priority, ticket_type, agent (assignee id),
-- reason, and reason_channel ('<reason>|<channel>': the case summary report), zero-filled over
-- every month and every value the dimension has.
{%- set dimensions = [
    ('channel', 'channel'),
    ('priority', 'priority'),
    ('ticket_type', 'ticket_type'),
    ('agent', 'agent'),
    ('reason', 'reason'),
    ('reason_channel', dbt.concat(['reason', "'|'", 'channel'])),
] %}
with

months as (
    select * from {{ ref('int_metric_months') }}
),

monthly as (
    select * from {{ ref('int_support_monthly') }}
),

cases as (
    select * from {{ ref('int_support_cases') }}
),

company_wide as (
    {{ unpivot_kpis('monthly', [
        ('cases_created', 'cases_created'),
        ('cases_solved', 'cases_solved'),
        ('cases_solved_same_day', 'cases_solved_same_day'),
        ('same_day_rate', 'same_day_rate'),
        ('avg_resolution_hours', 'avg_resolution_hours'),
        ('complaint_resolution_hours', 'complaint_resolution_hours'),
        ('avg_first_reply_hours', 'avg_first_reply_hours'),
        ('sla_compliance_rate', 'sla_compliance_rate'),
        ('reopened_cases', 'reopened_cases'),
        ('service_calls', 'service_calls'),
        ('service_calls_per_day', 'service_calls_per_day'),
        ('abandoned_calls', 'abandoned_calls'),
        ('abandonment_rate', 'abandonment_rate'),
        ('avg_handle_seconds', 'avg_handle_seconds'),
        ('callbacks', 'callbacks'),
        ('cost_per_interaction', 'cost_per_interaction'),
        ('csat_rate', 'csat_rate'),
    ]) }}
),

case_dimensions as (
    {%- for dimension, expression in dimensions %}
        select
            created_month,
            first_solved_month,
            '{{ dimension }}' as dimension,
            {{ expression }} as dimension_value
        from cases
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

dimension_values as (
    select distinct
        dimension,
        dimension_value
    from case_dimensions
),

created as (
    select
        created_month as month,
        dimension,
        dimension_value,
        count(*) as cases
    from case_dimensions
    group by 1, 2, 3
),

solved as (
    select
        first_solved_month as month,
        dimension,
        dimension_value,
        count(*) as cases
    from case_dimensions
    where first_solved_month is not null
    group by 1, 2, 3
),

grid as (
    select
        months.month,
        dimension_values.dimension,
        dimension_values.dimension_value
    from months
    cross join dimension_values
),

breakdowns as (
    select
        grid.month,
        'cases_created' as metric_id,
        grid.dimension,
        grid.dimension_value,
        {{ as_double('coalesce(created.cases, 0)') }} as value
    from grid
    left join created
        on
            grid.month = created.month
            and grid.dimension = created.dimension
            and grid.dimension_value = created.dimension_value
    union all
    select
        grid.month,
        'cases_solved' as metric_id,
        grid.dimension,
        grid.dimension_value,
        {{ as_double('coalesce(solved.cases, 0)') }} as value
    from grid
    left join solved
        on
            grid.month = solved.month
            and grid.dimension = solved.dimension
            and grid.dimension_value = solved.dimension_value
),

final as (
    select * from company_wide
    union all
    select * from breakdowns
)

select * from final

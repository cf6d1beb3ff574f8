-- mart_support adds up to mart_kpis: company-wide ticket metrics from its counts and sums, and
-- cases created and solved by channel and by priority.
{%- set company_ids = [
    'cases_created', 'cases_solved', 'cases_solved_same_day', 'same_day_rate', 'avg_resolution_hours',
    'complaint_resolution_hours', 'avg_first_reply_hours', 'sla_compliance_rate', 'reopened_cases', 'csat_rate',
    'cost_per_interaction',
] %}
with

support as (
    select * from {{ ref('mart_support') }}
),

company as (
    select
        month,
        sum(cases_created) as cases_created,
        sum(cases_solved) as cases_solved,
        sum(cases_solved_same_day) as cases_solved_same_day,
        sum(resolution_hours_sum) as resolution_hours_sum,
        sum(complaints_solved) as complaints_solved,
        sum(complaint_resolution_hours_sum) as complaint_resolution_hours_sum,
        sum(first_replies) as first_replies,
        sum(first_reply_hours_sum) as first_reply_hours_sum,
        sum(sla_cases) as sla_cases,
        sum(sla_met_cases) as sla_met_cases,
        sum(reopened_cases) as reopened_cases,
        sum(ratings_good) as ratings_good,
        sum(ratings_bad) as ratings_bad,
        max(cost_per_interaction) as cost_per_interaction
    from support
    group by 1
),

by_channel as (
    select
        month,
        channel,
        sum(cases_created) as cases_created,
        sum(cases_solved) as cases_solved
    from support
    group by 1, 2
),

by_priority as (
    select
        month,
        priority,
        sum(cases_created) as cases_created,
        sum(cases_solved) as cases_solved
    from support
    group by 1, 2
),

company_long as (
    {{ unpivot_kpis('company', [
        ('cases_created', 'cases_created'),
        ('cases_solved', 'cases_solved'),
        ('cases_solved_same_day', 'cases_solved_same_day'),
        ('same_day_rate', as_double('cases_solved_same_day') ~ ' / nullif(cases_solved, 0)'),
        ('avg_resolution_hours', as_double('resolution_hours_sum') ~ ' / nullif(cases_solved, 0)'),
        ('complaint_resolution_hours', as_double('complaint_resolution_hours_sum') ~ ' / nullif(complaints_solved, 0)'),
        ('avg_first_reply_hours', as_double('first_reply_hours_sum') ~ ' / nullif(first_replies, 0)'),
        ('sla_compliance_rate', as_double('sla_met_cases') ~ ' / nullif(sla_cases, 0)'),
        ('reopened_cases', 'reopened_cases'),
        ('csat_rate', as_double('ratings_good') ~ ' / nullif(ratings_good + ratings_bad, 0)'),
        ('cost_per_interaction', 'cost_per_interaction'),
    ]) }}
),

channel_long as (
    {{ unpivot_kpis('by_channel', [('cases_created', 'cases_created'), ('cases_solved', 'cases_solved')],
        dimension='channel', dimension_value_column='channel') }}
),

priority_long as (
    {{ unpivot_kpis('by_priority', [('cases_created', 'cases_created'), ('cases_solved', 'cases_solved')],
        dimension='priority', dimension_value_column='priority') }}
),

company_disagreements as (
    {{ kpis_disagreements('company_long', company_ids) }}
),

breakdown_long as (
    select * from channel_long
    union all
    select * from priority_long
),

breakdown_disagreements as (
    {{ kpis_disagreements('breakdown_long', ['cases_created', 'cases_solved'], dimensions=['channel', 'priority']) }}
)

select * from company_disagreements
union all
select * from breakdown_disagreements

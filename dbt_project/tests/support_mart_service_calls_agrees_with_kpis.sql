-- mart_service_calls' days add up to the monthly call metrics of mart_kpis.
with

monthly as (
    select
        month,
        count(*) as calendar_days,
        sum(service_calls) as service_calls,
        sum(abandoned_calls) as abandoned_calls,
        sum(answered_calls) as answered_calls,
        sum(handle_seconds_sum) as handle_seconds_sum,
        sum(callbacks) as callbacks
    from {{ ref('mart_service_calls') }}
    group by 1
),

wide as (
    {{ unpivot_kpis('monthly', [
        ('service_calls', 'service_calls'),
        ('service_calls_per_day', as_double('service_calls') ~ ' / calendar_days'),
        ('abandoned_calls', 'abandoned_calls'),
        ('abandonment_rate', as_double('abandoned_calls') ~ ' / nullif(service_calls, 0)'),
        ('avg_handle_seconds', as_double('handle_seconds_sum') ~ ' / nullif(answered_calls, 0)'),
        ('callbacks', 'callbacks'),
    ]) }}
)

{{ kpis_disagreements('wide', [
    'service_calls', 'service_calls_per_day', 'abandoned_calls', 'abandonment_rate', 'avg_handle_seconds', 'callbacks',
]) }}

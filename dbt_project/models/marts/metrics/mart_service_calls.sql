-- Inbound support calls per UTC day (every day of every month with data): calls of any outcome,
-- abandoned calls and the abandonment rate, answered calls and their mean handle time (talk +
-- hold + wrap-up), and callbacks (a known caller's repeat call within 7 days).
with

call_days as (
    select * from {{ ref('int_support_call_days') }}
),

final as (
    select
        date_day,
        month,
        service_calls,
        abandoned_calls,
        {{ as_double('abandoned_calls') }} / nullif(service_calls, 0) as abandonment_rate,
        answered_calls,
        handle_seconds_sum,
        {{ as_double('handle_seconds_sum') }} / nullif(answered_calls, 0) as avg_handle_seconds,
        callbacks
    from call_days
)

select * from final

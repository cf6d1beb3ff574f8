-- mart_case_summary is cases_created / cases_solved by reason × channel in mart_kpis.
with

summary as (
    select
        month,
        {{ dbt.concat(['reason', "'|'", 'channel']) }} as reason_channel,
        cases_created,
        cases_solved
    from {{ ref('mart_case_summary') }}
),

wide as (
    {{ unpivot_kpis('summary', [('cases_created', 'cases_created'), ('cases_solved', 'cases_solved')],
        dimension='reason_channel', dimension_value_column='reason_channel') }}
)

{{ kpis_disagreements('wide', ['cases_created', 'cases_solved'], dimensions=['reason_channel']) }}

{#- Engine-specific expressions live here, behind dispatch, so models stay portable. -#}

{% macro from_unix_seconds(column) -%}
    {{ return(adapter.dispatch('from_unix_seconds', 'crmwh')(column)) }}
{%- endmacro %}

{% macro default__from_unix_seconds(column) -%}
    to_timestamp({{ column }})
{%- endmacro %}

{% macro spark__from_unix_seconds(column) -%}
    timestamp_seconds({{ column }})
{%- endmacro %}

{% macro month_start(column) -%}
    cast({{ dbt.date_trunc('month', column) }} as date)
{%- endmacro %}

{#- Months from the first to the last (inclusive) as a one-column relation `month`. -#}
{% macro month_series(first_month, last_month) -%}
    {{ return(adapter.dispatch('month_series', 'crmwh')(first_month, last_month)) }}
{%- endmacro %}

{% macro default__month_series(first_month, last_month) -%}
    select cast(month_at as date) as month
    from generate_series(cast({{ first_month }} as timestamp), cast({{ last_month }} as timestamp), interval '1 month') as series (month_at)
{%- endmacro %}

{% macro duckdb__month_series(first_month, last_month) -%}
    select cast(unnest(generate_series(cast({{ first_month }} as timestamp), cast({{ last_month }} as timestamp), interval '1 month')) as date) as month
{%- endmacro %}

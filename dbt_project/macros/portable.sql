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

{#- One row per month (a DATE, first of the month) from `first_col` to `last_col` of a one-row relation. -#}
{% macro month_series(bounds_relation, first_col, last_col) -%}
    {{ return(adapter.dispatch('month_series', 'crmwh')(bounds_relation, first_col, last_col)) }}
{%- endmacro %}

{% macro default__month_series(bounds_relation, first_col, last_col) -%}
    select cast(generate_series(cast({{ first_col }} as timestamp), cast({{ last_col }} as timestamp), interval '1 month') as date) as month
    from {{ bounds_relation }}
{%- endmacro %}

{% macro duckdb__month_series(bounds_relation, first_col, last_col) -%}
    select
        cast(unnest(generate_series(cast({{ first_col }} as timestamp), cast({{ last_col }} as timestamp), interval '1 month')) as date)
            as month
    from {{ bounds_relation }}
{%- endmacro %}

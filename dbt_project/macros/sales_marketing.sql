{#- Sales and marketing helpers; engine-specific ones dispatched like those in portable.sql. -#}

{#- The median of a numeric column (an aggregate). -#}
{% macro sales_median(column) -%}
    {{ return(adapter.dispatch('sales_median', 'crmwh')(column)) }}
{%- endmacro %}

{% macro default__sales_median(column) -%}
    percentile_cont(0.5) within group (order by {{ column }})
{%- endmacro %}

{% macro duckdb__sales_median(column) -%}
    median({{ column }})
{%- endmacro %}

{#- The Monday (a DATE) of the ISO week of a timestamp or date. -#}
{% macro week_start(column) -%}
    cast({{ dbt.date_trunc('week', column) }} as date)
{%- endmacro %}

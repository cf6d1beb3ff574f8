{#- Engine-specific aggregates and date helpers of the customer, support and perception models. -#}

{#- The median of an expression within a group (an aggregate). -#}
{% macro median_of(expression) -%}
    {{ return(adapter.dispatch('median_of', 'crmwh')(expression)) }}
{%- endmacro %}

{% macro default__median_of(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__median_of(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro spark__median_of(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}

{#- The first instant (a TIMESTAMP) of a month DATE, and of the month after it ("at end"). -#}
{% macro month_start_at(month_column) -%}
    cast({{ month_column }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro month_end_at(month_column) -%}
    cast({{ dbt.dateadd('month', 1, month_column) }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Calendar days in the month of a month DATE. -#}
{% macro days_in_month(month_column) -%}
    {{ dbt.datediff(month_column, dbt.dateadd('month', 1, month_column), 'day') }}
{%- endmacro %}

{#- A ratio's operand as a 64-bit float (dbt's type_float is a 32-bit FLOAT on DuckDB). -#}
{% macro as_double(expression) -%}
    cast({{ expression }} as {{ type_double() }})
{%- endmacro %}

{#-
    Rows where a wide mart disagrees with mart_kpis: `relation` holds the wide mart's numbers in
    mart_kpis' long format (month, metric_id, dimension, dimension_value, value); every mart_kpis
    row of the same metric ids and dimensions must match one of them, and the other way round.
    A singular test selects these rows (none = the two agree).
-#}
{% macro kpis_disagreements(relation, metric_ids, dimensions=['all'], tolerance=0.000001) -%}
    select
        coalesce(wide.month, kpis.month) as month,
        coalesce(wide.metric_id, kpis.metric_id) as metric_id,
        coalesce(wide.dimension, kpis.dimension) as dimension,
        coalesce(wide.dimension_value, kpis.dimension_value) as dimension_value,
        wide.value as wide_mart_value,
        kpis.value as mart_kpis_value
    from {{ relation }} as wide
    full outer join (
        select * from {{ ref('mart_kpis') }}
        where
            metric_id in ({% for metric_id in metric_ids %}'{{ metric_id }}'{{ ", " if not loop.last }}{% endfor %})
            and dimension in ({% for dimension in dimensions %}'{{ dimension }}'{{ ", " if not loop.last }}{% endfor %})
    ) as kpis
        on
            wide.month = kpis.month
            and wide.metric_id = kpis.metric_id
            and wide.dimension = kpis.dimension
            and wide.dimension_value = kpis.dimension_value
    where
        wide.metric_id is null
        or kpis.metric_id is null
        or (wide.value is null) <> (kpis.value is null)
        or abs(wide.value - kpis.value) > {{ tolerance }}
{%- endmacro %}

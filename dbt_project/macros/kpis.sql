{#-
    Unpivot a wide relation (one row per month, or per month × dimension value) into mart_kpis rows.
    metrics: list of (metric_id, SQL expression over the relation's columns).
-#}
{% macro unpivot_kpis(relation, metrics, dimension='all', dimension_value_column=none) -%}
    {%- for metric_id, expression in metrics %}
        select
            month,
            '{{ metric_id }}' as metric_id,
            '{{ dimension }}' as dimension,
            {% if dimension_value_column -%}
                coalesce({{ dbt.cast(dimension_value_column, api.Column.translate_type("string")) }}, 'unknown')
            {%- else -%}
                'all'
            {%- endif %} as dimension_value,
            cast({{ expression }} as double) as value
        from {{ relation }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Rows of a wide mart in long format (`long_relation`: month, metric_id, dimension, dimension_value,
    mart_value) beside the value mart_kpis has for the same key (`kpi_value`, NULL when missing). -#}
{% macro beside_kpis(long_relation, kpis_relation) -%}
    select
        {{ long_relation }}.*,
        {{ kpis_relation }}.value as kpi_value
    from {{ long_relation }}
    left join {{ kpis_relation }}
        on
            {{ long_relation }}.month = {{ kpis_relation }}.month
            and {{ long_relation }}.metric_id = {{ kpis_relation }}.metric_id
            and {{ long_relation }}.dimension = {{ kpis_relation }}.dimension
            and {{ long_relation }}.dimension_value = {{ kpis_relation }}.dimension_value
{%- endmacro %}

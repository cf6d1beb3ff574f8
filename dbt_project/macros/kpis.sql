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

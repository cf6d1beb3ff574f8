{#-
    Select a landed table with a fixed column list. dlt only creates a column once a value has
    arrived and a source that is not configured has no table at all, so a column or table that is
    missing reads as typed NULLs (an empty relation) instead of breaking the night.
    `columns` maps each column to its type; dlt's `_dlt_load_id` and `_dlt_id` always come along.
-#}
{% macro source_columns(source_name, table_name, columns, child=false) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- set wanted = {'_dlt_load_id': dbt.type_string(), '_dlt_id': dbt.type_string()} -%}
    {%- if child -%}{%- do wanted.update({'_dlt_parent_id': dbt.type_string()}) -%}{%- endif -%}
    {%- do wanted.update(columns) -%}
    {%- set present = none -%}
    {%- if execute and relation is not string and model.resource_type != 'unit_test' -%}
        {%- set existing = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- if existing is not none -%}
            {%- set present = adapter.get_columns_in_relation(existing) | map(attribute='name') | map('lower') | list -%}
        {%- endif -%}
    {%- endif -%}
    {%- if model.resource_type == 'unit_test' or not execute %}
    select {% for name, type in wanted.items() %}cast({{ name }} as {{ type }}) as {{ name }}{{ ", " if not loop.last }}{% endfor %}
    from {{ relation }}
    {%- elif present is none %}
    select {% for name, type in wanted.items() %}cast(null as {{ type }}) as {{ name }}{{ ", " if not loop.last }}{% endfor %}
    where 1 = 0
    {%- else %}
    select
        {%- for name, type in wanted.items() %}
        {% if name | lower in present %}cast({{ adapter.quote(name) }} as {{ type }}){% else %}cast(null as {{ type }}){% endif %} as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- endif %}
{%- endmacro %}

{#- Rank the landed versions of each record: 1 is the newest load (raw is append-only). -#}
{% macro latest_first(partition_by, tie_breaker=none) -%}
    row_number() over (
        partition by {{ partition_by }}
        order by cast(_dlt_load_id as {{ type_double() }}) desc{% if tie_breaker %}, {{ tie_breaker }} desc{% endif %}, _dlt_id
    )
{%- endmacro %}

{#- In an incremental run: the row's landed version is newer than any already merged into the model. -#}
{% macro landed_since_last_merge(load_id_column) -%}
    cast({{ load_id_column }} as {{ type_double() }})
    > (select coalesce(max(cast(source_load_id as {{ type_double() }})), 0) from {{ this }})
{%- endmacro %}

{#- The links one HubSpot association child table holds, from the latest version of each parent record. -#}
{% macro hubspot_association_rows(from_object, parent_table, child_table, to_object) -%}
    select
        '{{ from_object }}' as from_object,
        cast(parents.id as varchar) as from_id,
        '{{ to_object }}' as to_object,
        cast(links.id as varchar) as to_id
    from ({{ source_columns('hubspot', child_table, {'id': 'varchar', 'type': 'varchar'}, child=true) }}) as links
    inner join (
        select
            versions.*,
            {{ latest_first('versions.id', 'versions.updated_at') }} as version_rank
        from ({{ source_columns('hubspot', parent_table, {'id': 'varchar', 'updated_at': 'varchar'}) }}) as versions
    ) as parents on links._dlt_parent_id = parents._dlt_id
    where parents.version_rank = 1
{%- endmacro %}

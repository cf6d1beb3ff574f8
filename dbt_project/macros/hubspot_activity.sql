{#- The columns every HubSpot engagement (call, e-mail, meeting, task) shares, as staging names them. -#}
{% macro hubspot_activity_columns() -%}
    id as activity_id,
    nullif(trim(properties__hubspot_owner_id), '') as owner_id,
    {{ hubspot_timestamp('properties__hs_timestamp') }} as occurred_at,
    coalesce(
        {{ hubspot_timestamp('properties__hs_createdate') }},
        {{ hubspot_timestamp('properties__createdate') }},
        {{ hubspot_timestamp('created_at') }}
    ) as created_at,
    coalesce(
        {{ hubspot_timestamp('properties__hs_lastmodifieddate') }},
        {{ hubspot_timestamp('updated_at') }}
    ) as last_modified_at,
    coalesce(archived, false) as is_archived,
    _dlt_load_id as source_load_id
{%- endmacro %}

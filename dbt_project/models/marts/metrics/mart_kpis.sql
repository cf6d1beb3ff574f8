-- Every metric of the catalog, long format: (month, metric_id, dimension, dimension_value) -> value.
-- Each section builds its rows in intermediate/kpis; units come from the metric registry.
-- Counts and sums with nothing to count are 0; ratios over nothing are NULL.
with

sections as (
    select * from {{ ref('int_kpis_sales') }}
    union all
    select * from {{ ref('int_kpis_marketing') }}
    union all
    select * from {{ ref('int_kpis_customers') }}
    union all
    select * from {{ ref('int_kpis_support') }}
    union all
    select * from {{ ref('int_kpis_perception') }}
),

registry as (
    select * from {{ ref('metric_registry') }}
),

final as (
    select
        sections.month,
        sections.metric_id,
        sections.dimension,
        sections.dimension_value,
        sections.value,
        registry.unit
    from sections
    inner join registry on sections.metric_id = registry.metric_id
)

select * from final

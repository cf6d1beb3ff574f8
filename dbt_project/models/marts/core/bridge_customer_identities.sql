-- Which unified customer each source record belongs to: join a fact's source id here to get its
-- customer_key (incremental facts carry source ids so a later match never leaves them stale).
with

components as (
    select * from {{ ref('int_identity_components') }}
),

final as (
    select
        source_system,
        source_id,
        customer_key,
        component_size
    from components
)

select * from final

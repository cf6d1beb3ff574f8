-- Support desk organizations with one row per domain they own (no domain: one row, NULL).
with

organizations as (
    {{ source_columns('zendesk', 'organizations', {
        'id': 'bigint',
        'name': 'varchar',
        'created_at': 'timestamp with time zone',
        'updated_at': 'timestamp with time zone',
    }) }}
),

domains as (
    {{ source_columns('zendesk', 'organization_domains', {'value': 'varchar'}, child=true) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from organizations
),

renamed as (
    select
        ranked.id as organization_id,
        ranked.name as organization_name,
        nullif(lower(trim(domains.value)), '') as domain,
        {{ to_utc_timestamp('ranked.created_at') }} as created_at
    from ranked
    left join domains on ranked._dlt_id = domains._dlt_parent_id
    where ranked.version_rank = 1
)

select * from renamed

-- Support desk users: end users (requesters, callers) and agents/admins.
with

source as (
    {{ source_columns('zendesk', 'users', {
        'id': 'bigint',
        'name': 'varchar',
        'email': 'varchar',
        'phone': 'varchar',
        'role': 'varchar',
        'organization_id': 'bigint',
        'active': 'boolean',
        'created_at': 'timestamp with time zone',
        'updated_at': 'timestamp with time zone',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

renamed as (
    select
        id as user_id,
        nullif(trim(name), '') as user_name,
        {{ normalise_email('email') }} as email,
        nullif(trim(phone), '') as phone,
        lower(role) as role,
        lower(role) in ('agent', 'admin') as is_agent,
        organization_id,
        coalesce(active, true) as is_active,
        {{ to_utc_timestamp('created_at') }} as created_at
    from ranked
    where version_rank = 1
)

select * from renamed

with

source as (
    {{ source_columns('stripe', 'products', {
        'id': 'varchar',
        'name': 'varchar',
        'active': 'boolean',
        'created': 'bigint',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from source
),

renamed as (
    select
        id as product_id,
        name as product_name,
        coalesce(active, true) as is_active,
        {{ from_unix_seconds('created') }} as created_at
    from ranked
    where version_rank = 1
)

select * from renamed

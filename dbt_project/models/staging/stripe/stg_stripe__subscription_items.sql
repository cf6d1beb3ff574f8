-- The price and quantity each subscription currently bills (latest landed version).
with

subscriptions as (
    {{ source_columns('stripe', 'subscriptions', {'id': 'varchar'}) }}
),

items as (
    {{ source_columns('stripe', 'subscription_items', {
        'id': 'varchar',
        'price__id': 'varchar',
        'price__product': 'varchar',
        'quantity': 'integer',
        'created': 'bigint',
    }, child=true) }}
),

latest_subscriptions as (
    select
        *,
        {{ latest_first('id') }} as version_rank
    from subscriptions
),

renamed as (
    select
        items.id as subscription_item_id,
        latest_subscriptions.id as subscription_id,
        items.price__id as price_id,
        items.price__product as product_id,
        coalesce(items.quantity, 1) as quantity,
        {{ from_unix_seconds('items.created') }} as created_at
    from items
    inner join latest_subscriptions on items._dlt_parent_id = latest_subscriptions._dlt_id
    where latest_subscriptions.version_rank = 1
)

select * from renamed

-- Payment-system products with their number of prices.
with

products as (
    select * from {{ ref('stg_stripe__products') }}
),

prices as (
    select * from {{ ref('stg_stripe__prices') }}
),

price_counts as (
    select
        product_id,
        count(*) as prices
    from prices
    group by 1
),

final as (
    select
        products.product_id,
        products.product_name,
        products.is_active,
        products.created_at,
        coalesce(price_counts.prices, 0) as prices
    from products
    left join price_counts on products.product_id = price_counts.product_id
)

select * from final

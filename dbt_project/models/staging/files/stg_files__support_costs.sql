-- Support cost per month from finance; months it does not cover have no row.
with

source as (
    {{ source_columns('files', 'support_costs', {
        'month': 'varchar',
        'amount': 'varchar',
        'currency': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("month") }} as version_rank
    from source
),

renamed as (
    select
        {{ year_month_to_date('month') }} as month,
        cast(trim(amount) as decimal(18, 2)) as amount,
        upper(trim(currency)) as currency_code
    from ranked
    where version_rank = 1
)

select * from renamed

-- Revenue goals (quotas) per CRM owner and month.
with

source as (
    {{ source_columns('files', 'goals', {
        'owner_id': 'varchar',
        'month': 'varchar',
        'goal_amount': 'varchar',
        'currency': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("owner_id, month") }} as version_rank
    from source
),

renamed as (
    select
        trim(owner_id) as owner_id,
        {{ year_month_to_date('month') }} as month,
        cast(trim(goal_amount) as decimal(18, 2)) as goal_amount,
        upper(trim(currency)) as currency_code
    from ranked
    where version_rank = 1
)

select * from renamed

-- Campaign spend, dated by spend date, in major units of its currency.
with

source as (
    {{ source_columns('files', 'campaign_costs', {
        'campaign_id': 'varchar',
        'spend_date': 'varchar',
        'amount': 'varchar',
        'currency': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("campaign_id, spend_date, currency") }} as version_rank
    from source
),

renamed as (
    select
        trim(campaign_id) as campaign_id,
        cast(trim(spend_date) as date) as spend_date,
        cast(trim(amount) as decimal(18, 2)) as amount,
        upper(trim(currency)) as currency_code
    from ranked
    where version_rank = 1
)

select * from renamed

-- Monthly FX rates from finance: units of the reporting currency per unit of currency.
with

source as (
    {{ source_columns('files', 'fx_rates', {
        'month': 'varchar',
        'currency': 'varchar',
        'rate': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first("month, currency") }} as version_rank
    from source
),

renamed as (
    select
        {{ year_month_to_date('month') }} as month,
        upper(trim(currency)) as currency_code,
        cast(trim(rate) as decimal(18, 8)) as rate_to_reporting,
        _dlt_load_id as source_load_id
    from ranked
    where version_rank = 1
)

select * from renamed

-- Units of the reporting currency per unit of each known currency (default rates from the seed).
with

currencies as (
    select * from {{ ref('currencies') }}
),

reporting as (
    select default_rate_to_usd as reporting_rate_to_usd
    from currencies
    where currency_code = '{{ var("reporting_currency") }}'
),

rates as (
    select
        currencies.currency_code,
        currencies.minor_unit_exponent,
        cast(currencies.default_rate_to_usd / reporting.reporting_rate_to_usd as decimal(18, 8)) as rate_to_reporting
    from currencies
    cross join reporting
)

select * from rates

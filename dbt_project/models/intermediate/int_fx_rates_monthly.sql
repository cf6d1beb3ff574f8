-- Rates to the reporting currency by month from the finance/fx_rates drop. Facts take the month's
-- rate from here and fall back to the seed default (int_fx_rates) for months the drop lacks.
with

dropped as (
    select * from {{ ref('stg_files__fx_rates') }}
),

final as (
    select
        month,
        currency_code,
        rate_to_reporting,
        source_load_id
    from dropped
    where
        currency_code <> '{{ var("reporting_currency") }}'
        and rate_to_reporting is not null
)

select * from final

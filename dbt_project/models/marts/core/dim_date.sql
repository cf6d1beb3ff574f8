-- One row per calendar day from 2020 to 2035 (a fixed range: no metric may depend on today).
with

bounds as (
    select
        cast('2020-01-01' as date) as first_day,
        cast('2035-12-31' as date) as last_day
),

days as (
    {{ day_series('bounds', 'first_day', 'last_day') }}
),

final as (
    select
        date_day,
        {{ month_start('date_day') }} as month,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start,
        cast({{ dbt.date_trunc('quarter', 'date_day') }} as date) as quarter_start,
        extract(year from date_day) as year_number,
        extract(month from date_day) as month_number,
        extract(day from date_day) as day_of_month,
        extract(isodow from date_day) as iso_day_of_week,
        extract(isodow from date_day) in (6, 7) as is_weekend
    from days
)

select * from final

{#- Engine-specific expressions live here, behind dispatch, so models stay portable. -#}

{#- A unix epoch in seconds (integer or fractional) as a UTC timestamp without time zone. -#}
{% macro from_unix_seconds(column) -%}
    {{ return(adapter.dispatch('from_unix_seconds', 'crmwh')(column)) }}
{%- endmacro %}

{% macro default__from_unix_seconds(column) -%}
    (to_timestamp({{ column }}) at time zone 'UTC')
{%- endmacro %}

{% macro spark__from_unix_seconds(column) -%}
    timestamp_seconds({{ column }})
{%- endmacro %}

{#- An ISO-8601 text (offset honoured, UTC when none) or a timestamp, as a UTC timestamp. -#}
{% macro to_utc_timestamp(column) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'crmwh')(column)) }}
{%- endmacro %}

{% macro default__to_utc_timestamp(column) -%}
    (cast({{ column }} as timestamp with time zone) at time zone 'UTC')
{%- endmacro %}

{% macro spark__to_utc_timestamp(column) -%}
    to_utc_timestamp(cast({{ column }} as timestamp), 'UTC')
{%- endmacro %}

{#- HubSpot sends dates as ISO-8601 or epoch-millisecond strings. -#}
{% macro hubspot_timestamp(column) -%}
    case
        when nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '') is null then null
        when trim(cast({{ column }} as {{ dbt.type_string() }})) not like '%-%'
            then {{ from_unix_seconds('cast(trim(cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')) as bigint) / 1000.0') }}
        else {{ to_utc_timestamp('trim(cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ '))') }}
    end
{%- endmacro %}

{#- A 64-bit float. dbt's type_float() is FLOAT, 32 bits on DuckDB: 7 digits, so two dlt load ids
    (epoch seconds) less than ~2 minutes apart compare equal, and amounts above 2^24 minor units
    lose cents. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'crmwh')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{#- Seconds between two timestamps, fractional. -#}
{% macro seconds_between(start_column, end_column) -%}
    {{ return(adapter.dispatch('seconds_between', 'crmwh')(start_column, end_column)) }}
{%- endmacro %}

{% macro default__seconds_between(start_column, end_column) -%}
    (extract(epoch from {{ end_column }}) - extract(epoch from {{ start_column }}))
{%- endmacro %}

{% macro spark__seconds_between(start_column, end_column) -%}
    (unix_micros({{ end_column }}) - unix_micros({{ start_column }})) / 1000000.0
{%- endmacro %}

{% macro month_start(column) -%}
    cast({{ dbt.date_trunc('month', column) }} as date)
{%- endmacro %}

{#- Parse 'YYYY-MM' (finance and goal drops) to the first day of that month. -#}
{% macro year_month_to_date(column) -%}
    cast({{ dbt.concat(["substring(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), 1, 7)", "'-01'"]) }} as date)
{%- endmacro %}

{#- One row per month (a DATE, first of the month) from `first_col` to `last_col` of a one-row relation. -#}
{% macro month_series(bounds_relation, first_col, last_col) -%}
    {{ date_series(bounds_relation, first_col, last_col, 'month', 'month') }}
{%- endmacro %}

{#- One row per day (a DATE) from `first_col` to `last_col` of a one-row relation. -#}
{% macro day_series(bounds_relation, first_col, last_col) -%}
    {{ date_series(bounds_relation, first_col, last_col, 'day', 'date_day') }}
{%- endmacro %}

{#- One row per `step` ('day', 'month') from `first_col` to `last_col`, as a DATE column `alias`. -#}
{% macro date_series(bounds_relation, first_col, last_col, step, alias) -%}
    {{ return(adapter.dispatch('date_series', 'crmwh')(bounds_relation, first_col, last_col, step, alias)) }}
{%- endmacro %}

{% macro default__date_series(bounds_relation, first_col, last_col, step, alias) -%}
    select cast(generate_series(cast({{ first_col }} as timestamp), cast({{ last_col }} as timestamp), interval '1 {{ step }}') as date) as {{ alias }}
    from {{ bounds_relation }}
{%- endmacro %}

{% macro duckdb__date_series(bounds_relation, first_col, last_col, step, alias) -%}
    select
        cast(unnest(generate_series(cast({{ first_col }} as timestamp), cast({{ last_col }} as timestamp), interval '1 {{ step }}')) as date)
            as {{ alias }}
    from {{ bounds_relation }}
{%- endmacro %}

{#- Lower-cased, trimmed e-mail; NULL when it is not an address. -#}
{% macro normalise_email(column) -%}
    case
        when lower(trim({{ column }})) like '%_@_%.__%' then lower(trim({{ column }}))
    end
{%- endmacro %}

{#- The domain part of an already normalised e-mail. -#}
{% macro email_domain(column) -%}
    {{ dbt.split_part(column, "'@'", 2) }}
{%- endmacro %}

{#- Stripe integers in the currency's minor unit to major units (JPY and KRW have exponent 0). -#}
{% macro minor_to_major(amount_column, exponent_column) -%}
    cast(cast({{ amount_column }} as {{ type_double() }}) / power(10, {{ exponent_column }}) as decimal(18, 3))
{%- endmacro %}

{#- How many months one billing interval lasts (a week is 12/52 of a month). -#}
{% macro interval_months(interval_column, count_column) -%}
    (case {{ interval_column }}
        when 'month' then 1.0
        when 'year' then 12.0
        when 'week' then 12.0 / 52
        when 'day' then 12.0 / 365
    end * {{ count_column }})
{%- endmacro %}

{#- One row per (key, item) of a delimiter-separated text column of `relation`. -#}
{% macro split_to_rows(relation, key_column, list_column, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'crmwh')(relation, key_column, list_column, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(relation, key_column, list_column, delimiter) -%}
    select
        {{ key_column }},
        trim(item) as item
    from {{ relation }}
    cross join unnest(string_to_array({{ list_column }}, '{{ delimiter }}')) as items (item)
    where {{ list_column }} is not null
{%- endmacro %}

{% macro duckdb__split_to_rows(relation, key_column, list_column, delimiter) -%}
    select
        {{ key_column }},
        trim(unnest(string_split({{ list_column }}, '{{ delimiter }}'))) as item
    from {{ relation }}
    where {{ list_column }} is not null
{%- endmacro %}

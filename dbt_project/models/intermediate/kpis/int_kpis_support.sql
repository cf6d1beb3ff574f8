-- Support metrics of the catalog in mart_kpis' long format.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

cases as (
    select * from {{ ref('fct_cases') }}
),

created as (
    select
        created_month as month,
        count(*) as cases_created
    from cases
    group by 1
),

solved as (
    select
        first_solved_month as month,
        count(*) as cases_solved
    from cases
    where first_solved_month is not null
    group by 1
),

monthly as (
    select
        months.month,
        coalesce(created.cases_created, 0) as cases_created,
        coalesce(solved.cases_solved, 0) as cases_solved
    from months
    left join created on months.month = created.month
    left join solved on months.month = solved.month
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('cases_created', 'cases_created'),
        ('cases_solved', 'cases_solved'),
    ]) }}
)

select * from long_format

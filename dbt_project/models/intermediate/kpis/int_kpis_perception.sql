-- Customer perception metrics of the catalog in mart_kpis' long format (company-wide rows).
with

monthly as (
    select * from {{ ref('int_perception_monthly') }}
),

long_format as (
    {{ unpivot_kpis('monthly', [
        ('nps', 'nps'),
        ('nps_promoters', 'nps_promoters'),
        ('nps_passives', 'nps_passives'),
        ('nps_detractors', 'nps_detractors'),
        ('nps_responses', 'nps_responses'),
        ('ces', 'ces'),
    ]) }}
)

select * from long_format

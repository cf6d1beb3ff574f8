-- mart_perception and mart_kpis carry the same NPS and CES numbers for every month.
with

perception as (
    select * from {{ ref('mart_perception') }}
),

wide as (
    {{ unpivot_kpis('perception', [
        ('nps', 'nps'),
        ('nps_promoters', 'nps_promoters'),
        ('nps_passives', 'nps_passives'),
        ('nps_detractors', 'nps_detractors'),
        ('nps_responses', 'nps_responses'),
        ('ces', 'ces'),
    ]) }}
)

{{ kpis_disagreements('wide', ['nps', 'nps_promoters', 'nps_passives', 'nps_detractors', 'nps_responses', 'ces']) }}

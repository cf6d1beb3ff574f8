-- NPS and CES survey responses per month (CRM feedback submissions, by submission month). NPS is
-- 100 × (promoters − detractors) / responses on the 0–10 scale; CES the mean on the 1–7 scale.
with

months as (
    select * from {{ ref('int_metric_months') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

counted as (
    select
        submitted_month as month,
        sum(case when survey_type = 'NPS' then 1 else 0 end) as nps_responses,
        sum(case when nps_category = 'promoter' then 1 else 0 end) as nps_promoters,
        sum(case when nps_category = 'passive' then 1 else 0 end) as nps_passives,
        sum(case when nps_category = 'detractor' then 1 else 0 end) as nps_detractors,
        sum(case when survey_type = 'CES' then 1 else 0 end) as ces_responses,
        sum(case when survey_type = 'CES' then response_value else 0 end) as ces_sum
    from responses
    where response_value is not null
    group by 1
),

joined as (
    select
        months.month,
        coalesce(counted.nps_responses, 0) as nps_responses,
        coalesce(counted.nps_promoters, 0) as nps_promoters,
        coalesce(counted.nps_passives, 0) as nps_passives,
        coalesce(counted.nps_detractors, 0) as nps_detractors,
        coalesce(counted.ces_responses, 0) as ces_responses,
        coalesce(counted.ces_sum, 0) as ces_sum
    from months
    left join counted on months.month = counted.month
),

final as (
    select
        *,
        100 * {{ as_double('nps_promoters - nps_detractors') }} / nullif(nps_responses, 0) as nps,
        {{ as_double('ces_sum') }} / nullif(ces_responses, 0) as ces
    from joined
)

select * from final

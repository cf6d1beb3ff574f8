-- Customer perception by month: NPS (responses, promoters, passives, detractors, score) and the
-- customer-effort score (responses, mean on the 1–7 scale).
with

monthly as (
    select * from {{ ref('int_perception_monthly') }}
),

final as (
    select
        month,
        nps_responses,
        nps_promoters,
        nps_passives,
        nps_detractors,
        nps,
        ces_responses,
        ces
    from monthly
)

select * from final

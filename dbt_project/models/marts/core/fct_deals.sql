with

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
),

fx as (
    select * from {{ ref('int_fx_rates') }}
),

stages as (
    select * from {{ ref('dim_pipeline_stages') }}
),

final as (
    select
        deals.deal_id,
        deals.pipeline_id,
        deals.deal_stage_id as current_stage_id,
        deals.owner_id,
        deals.currency_code,
        deals.amount,
        cast(deals.amount * fx.rate_to_reporting as decimal(24, 8)) as amount_reporting,
        deals.created_at,
        {{ month_start('deals.created_at') }} as created_month,
        deals.expected_close_at,
        coalesce(stages.is_open, false) as is_open,
        coalesce(stages.is_won, false) as is_won,
        coalesce(stages.is_lost, false) as is_lost
    from deals
    left join fx on deals.currency_code = fx.currency_code
    left join stages on deals.pipeline_id = stages.pipeline_id and deals.deal_stage_id = stages.stage_id
    where not deals.is_archived
)

select * from final

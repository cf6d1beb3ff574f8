-- One row per unified customer (pseudonymous customer_key, no PII): which systems know it, first
-- purchase, lifetime money to the end of the last month with data (gross, refunds, fees, net =
-- CLV), support interactions and the support cost allocated to it (cost to serve), profit and the
-- profitability rank, the last NPS answer, and its status with the date it churned.
with

customers as (
    select * from {{ ref('dim_customers') }}
),

months as (
    select * from {{ ref('int_metric_months') }}
),

customer_months as (
    select * from {{ ref('int_customer_months') }}
),

first_purchases as (
    select * from {{ ref('int_customer_first_purchases') }}
),

spans as (
    select * from {{ ref('int_customer_activity_spans') }}
),

support_costs as (
    select * from {{ ref('int_customer_support_costs') }}
),

surveys as (
    select * from {{ ref('fct_survey_responses') }}
),

last_month as (
    select max(month) as month
    from months
),

lifetime as (
    select
        customer_months.customer_key,
        sum(customer_months.gross_revenue) as gross_revenue,
        sum(customer_months.refunds) as refunds,
        sum(customer_months.payment_fees) as payment_fees,
        sum(customer_months.net_revenue) as net_revenue,
        max(
            case when customer_months.month = last_month.month and customer_months.is_active_at_end then 1 else 0 end
        ) as is_active_at_end
    from customer_months
    cross join last_month
    group by 1
),

activity as (
    select
        customer_key,
        min(active_from_at) as first_active_at,
        max(case when active_to_at is null then 1 else 0 end) as has_open_span,
        max(active_to_at) as last_active_to_at
    from spans
    group by 1
),

serving as (
    select
        customer_key,
        sum(solved_cases) as solved_cases,
        sum(answered_calls) as answered_calls,
        sum(coalesce(allocated_cost, 0)) as cost_to_serve
    from support_costs
    group by 1
),

nps_ranked as (
    select
        customer_key,
        response_value,
        nps_category,
        submitted_at,
        row_number() over (partition by customer_key order by submitted_at desc, survey_response_id desc) as recency
    from surveys
    where survey_type = 'NPS' and customer_key is not null and response_value is not null
),

joined as (
    select
        customers.customer_key,
        customers.has_crm_record,
        customers.has_payment_account,
        customers.has_support_account,
        customers.crm_companies,
        customers.crm_contacts,
        customers.payment_customers,
        customers.support_organizations,
        customers.support_users,
        customers.first_seen_at,
        first_purchases.first_purchase_at,
        first_purchases.first_won_deal_at,
        first_purchases.first_payment_at,
        activity.first_active_at,
        cast(coalesce(lifetime.gross_revenue, 0) as decimal(18, 2)) as gross_revenue,
        cast(coalesce(lifetime.refunds, 0) as decimal(18, 2)) as refunds,
        cast(coalesce(lifetime.payment_fees, 0) as decimal(18, 2)) as payment_fees,
        cast(coalesce(lifetime.net_revenue, 0) as decimal(18, 2)) as net_revenue,
        coalesce(serving.solved_cases, 0) as solved_cases,
        coalesce(serving.answered_calls, 0) as answered_calls,
        cast(coalesce(serving.cost_to_serve, 0) as decimal(18, 2)) as cost_to_serve,
        nps_ranked.response_value as last_nps_score,
        nps_ranked.nps_category as last_nps_category,
        nps_ranked.submitted_at as last_nps_at,
        case
            when coalesce(lifetime.is_active_at_end, 0) = 1 then 'active'
            when activity.customer_key is not null then 'churned'
            else 'never_active'
        end as status,
        case
            when coalesce(lifetime.is_active_at_end, 0) = 0 and activity.has_open_span = 0 then activity.last_active_to_at
        end as churned_at,
        last_month.month as as_of_month
    from customers
    cross join last_month
    left join first_purchases on customers.customer_key = first_purchases.customer_key
    left join lifetime on customers.customer_key = lifetime.customer_key
    left join activity on customers.customer_key = activity.customer_key
    left join serving on customers.customer_key = serving.customer_key
    left join nps_ranked on customers.customer_key = nps_ranked.customer_key and nps_ranked.recency = 1
),

final as (
    select
        *,
        net_revenue as clv,
        cast(net_revenue - cost_to_serve as decimal(18, 2)) as profit,
        cast(churned_at as date) as churn_date,
        rank() over (order by net_revenue - cost_to_serve desc) as profitability_rank
    from joined
)

select * from final

-- Month: list growth, web traffic, goal completion, traffic-to-lead, referrals and the month's
-- campaign figures (company-wide; attributed deals only).
select * from {{ ref('int_marketing_company_monthly') }}

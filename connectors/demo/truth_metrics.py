"""Turn a `Tally` of additive counters into catalog metric ids, month by month (metrics.md)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from typing import Any

from connectors.demo.truth import Number, Tally, money, ratio

Values = dict[str, float | None]
MONEY = {
    "new_revenue",
    "lost_amount",
    "open_pipeline_amount",
    "weighted_pipeline_amount",
    "forecast_amount",
    "goal_amount",
    "gross_revenue",
    "refunds",
    "payment_fees",
    "campaign_revenue",
}
COUNTS = {
    "deals_created",
    "deals_won",
    "deals_lost",
    "open_opportunities",
    "proposals_sent",
    "sales_calls",
    "sales_activities",
    "leads_created",
    "new_customers",
    "retained_customers",
    "active_customers",
    "churned_customers",
    "renewals_due",
    "renewals",
    "cases_created",
    "cases_solved",
    "cases_solved_same_day",
    "reopened_cases",
    "service_calls",
    "abandoned_calls",
    "callbacks",
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "nps_responses",
    "referrals",
    "campaign_responses",
    "campaign_purchases",
    "campaign_new_customers",
    "web_sessions",
    "web_page_views",
}


def metrics(t: Tally, months: list[str]) -> dict[str, Values]:
    def s(name: str, month: str) -> Number:
        return t.series.get(name, {}).get(month, 0)

    def members(name: str, month: str) -> int:
        return sum(1 for m, _ in t.sets.get(name, set()) if m == month)

    def rounded(name: str, month: str) -> float:
        return money(s(name, month))

    def support_cost(month: str) -> Number | None:
        return t.series.get("support_cost", {}).get(month)

    def net(month: str) -> float:
        return money(s("gross_revenue", month) - s("refunds", month) - s("payment_fees", month))  # type: ignore[operator]

    def velocity(month: str) -> float | None:
        size = ratio(rounded("new_revenue", month), s("deals_won", month))
        rate = ratio(s("deals_won", month), s("deals_won", month) + s("deals_lost", month))  # type: ignore[operator]
        cycle = ratio(s("cycle_days_sum", month), s("deals_won", month))
        if size is None or rate is None or not cycle:
            return None
        return s("open_opportunities", month) * size * rate / cycle  # type: ignore[operator]

    def with_cost(month: str, f: Callable[[Number], float | None]) -> float | None:
        cost = support_cost(month)
        return None if cost is None else f(cost)

    derived: dict[str, Callable[[str], float | None]] = {
        "close_rate": lambda m: ratio(s("deals_won", m), s("deals_won", m) + s("deals_lost", m)),  # type: ignore[operator]
        "avg_deal_size": lambda m: ratio(rounded("new_revenue", m), s("deals_won", m)),
        "sales_cycle_days": lambda m: ratio(s("cycle_days_sum", m), s("deals_won", m)),
        "stage_duration_days": lambda m: ratio(s("stage_exit_days_sum", m), s("stage_exits", m)),
        "calls_per_opportunity": lambda m: ratio(s("calls_on_closed_deals", m), s("deals_closed_distinct", m)),
        "call_duration_seconds": lambda m: ratio(s("connected_call_seconds", m), s("connected_calls", m)),
        "goal_attainment": lambda m: ratio(rounded("new_revenue", m), rounded("goal_amount", m)),
        "sales_velocity_per_day": velocity,
        "lead_to_deal_rate": lambda m: ratio(s("leads_with_deal", m), s("leads_created", m)),
        "lead_to_customer_rate": lambda m: ratio(s("leads_became_customer", m), s("leads_for_customer_rate", m)),
        "crm_active_users": lambda m: float(members("crm_active_users", m)),
        "churn_rate": lambda m: ratio(s("churned_customers", m), s("active_at_start", m)),
        "churn_to_acquisition_ratio": lambda m: ratio(s("churned_customers", m), s("new_customers", m)),
        "renewal_rate": lambda m: ratio(s("renewals", m), s("renewals_due", m)),
        "net_revenue": net,
        "clv": lambda m: ratio(s("clv_sum", m), s("clv_customers", m)),
        "cross_sell_ratio": lambda m: ratio(s("cross_sold_customers", m), s("purchasing_customers", m)),
        "upsell_ratio": lambda m: ratio(s("upgraded_customers", m), s("active_at_start", m)),
        "retention_cost_per_customer": lambda m: with_cost(
            m,
            lambda c: ratio(c + s("customer_campaign_cost", m), s("retained_customers", m)),  # type: ignore[operator]
        ),
        "gross_profit": lambda m: with_cost(m, lambda c: money(net(m) - money(c))),
        "same_day_rate": lambda m: ratio(s("cases_solved_same_day", m), s("cases_solved", m)),
        "avg_resolution_hours": lambda m: ratio(s("resolution_hours_sum", m), s("cases_solved", m)),
        "complaint_resolution_hours": lambda m: ratio(s("complaint_hours_sum", m), s("complaints_solved", m)),
        "avg_first_reply_hours": lambda m: ratio(s("first_reply_hours_sum", m), s("first_replies", m)),
        "sla_compliance_rate": lambda m: ratio(s("sla_met", m), s("sla_tickets", m)),
        "service_calls_per_day": lambda m: float(s("service_calls", m)) / calendar.monthrange(int(m[:4]), int(m[5:7]))[1],
        "abandonment_rate": lambda m: ratio(s("abandoned_calls", m), s("service_calls", m)),
        "avg_handle_seconds": lambda m: ratio(s("handle_seconds_sum", m), s("answered_calls", m)),
        "cost_per_interaction": lambda m: with_cost(m, lambda c: ratio(c, s("cases_solved", m) + s("answered_calls", m))),  # type: ignore[operator]
        "csat_rate": lambda m: ratio(s("ratings_good", m), s("ratings_good", m) + s("ratings_bad", m)),  # type: ignore[operator]
        "nps": lambda m: ratio(100 * (s("nps_promoters", m) - s("nps_detractors", m)), s("nps_responses", m)),  # type: ignore[operator]
        "ces": lambda m: ratio(s("ces_sum", m), s("ces_responses", m)),
        "campaigns_active": lambda m: float(members("campaigns_active", m)),
        "campaign_response_rate": lambda m: ratio(members("campaign_responders", m), members("campaign_recipients", m)),
        "marketing_roi": lambda m: ratio(s("campaign_revenue", m) - s("campaign_cost", m), s("campaign_cost", m)),  # type: ignore[operator]
        "email_list_growth_rate": lambda m: ratio(s("list_started", m) - s("list_ended", m), s("list_active_at_start", m)),  # type: ignore[operator]
        "web_unique_visitors": lambda m: float(members("web_unique_visitors", m)),
        "avg_session_seconds": lambda m: ratio(s("session_seconds_sum", m), s("web_sessions", m)),
        "web_goal_completion_rate": lambda m: ratio(s("goal_sessions", m), s("web_sessions", m)),
        "traffic_to_lead_rate": lambda m: ratio(s("leads_with_form", m), members("web_unique_visitors", m)),
    }
    out: dict[str, Values] = {}
    for name in sorted(COUNTS):
        out[name] = {m: float(s(name, m)) for m in months}
    for name in sorted(MONEY):
        out[name] = {m: rounded(name, m) for m in months}
    for name, f in sorted(derived.items()):
        out[name] = {m: f(m) for m in months}
    return out


BREAKDOWNS = {
    "deals_created": ("owner", "lead_source", "pipeline"),
    "deals_won": ("owner", "lead_source"),
    "new_revenue": ("owner", "lead_source"),
    "deals_lost": ("owner", "lost_reason", "lost_from_stage"),
    "lost_amount": ("lost_reason", "lost_from_stage"),
    "open_opportunities": ("stage",),
    "open_pipeline_amount": ("stage",),
    "weighted_pipeline_amount": ("stage",),
    "forecast_amount": ("owner",),
    "goal_amount": ("owner",),
    "sales_calls": ("owner",),
    "sales_activities": ("owner", "type"),
    "call_outcomes": ("call_outcome",),
    "leads_created": ("lead_source",),
    "cases_created": ("channel", "priority", "type"),
    "cases_solved": ("channel", "priority", "type", "agent"),
    "campaign_responses": ("campaign",),
    "campaign_purchases": ("campaign",),
    "campaign_revenue": ("campaign",),
    "campaign_new_customers": ("campaign",),
}


def breakdowns(t: Tally, months: list[str]) -> dict[str, Any]:
    """truth_breakdowns[metric][dimension][value][month] for the additive metrics the catalog breaks down."""
    out: dict[str, Any] = {}
    for name, dims in BREAKDOWNS.items():
        target = "call_duration_seconds" if name == "call_outcomes" else name
        for dimension in dims:
            members = t.breakdowns.get(name, {}).get(dimension, {})
            convert = money if name in MONEY else float
            out.setdefault(target, {})[dimension] = {
                member: {m: convert(series.get(m, 0)) for m in months} for member, series in sorted(members.items())
            }
    return out

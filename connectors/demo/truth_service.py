"""Support and perception counters: tickets, SLA, ratings, Talk calls, surveys."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from connectors.demo.gen_common import month_key
from connectors.demo.gen_model import Account, TalkCall
from connectors.demo.gen_render_zendesk import SLA_TARGETS
from connectors.demo.gen_support import ABANDONED
from connectors.demo.truth import Tally

HOUR = Decimal(3600)


def _hours(start: datetime, end: datetime) -> Decimal:
    return Decimal(int((end - start).total_seconds())) / HOUR


def tally_tickets(t: Tally, account: Account, asof: datetime) -> None:
    for ticket in account.tickets:
        if ticket.created_at > asof:
            continue
        dims = {"channel": ticket.channel, "priority": ticket.priority or "none", "type": ticket.ticket_type}
        t.add("cases_created", month_key(ticket.created_at), **dims)
        replied = ticket.first_reply_at if ticket.first_reply_at and ticket.first_reply_at <= asof else None
        if replied is not None:
            t.add("first_reply_hours_sum", month_key(replied), _hours(ticket.created_at, replied))
            t.add("first_replies", month_key(replied))
        for reopened in ticket.reopens:
            if reopened <= asof:
                t.add("reopened_cases", month_key(reopened))
        if not ticket.solves or ticket.solves[0] > asof:
            continue
        solved = ticket.solves[0]
        month = month_key(solved)
        t.add("cases_solved", month, **dims, agent=str(ticket.assignee_id))
        hours = _hours(ticket.created_at, solved)
        t.add("resolution_hours_sum", month, hours)
        if solved.date() == ticket.created_at.date():
            t.add("cases_solved_same_day", month)
        if "complaint" in ticket.tags or ticket.ticket_type == "complaint":
            t.add("complaint_hours_sum", month, hours)
            t.add("complaints_solved", month)
        if ticket.priority in SLA_TARGETS:
            reply_target, solve_target = SLA_TARGETS[ticket.priority]
            t.add("sla_tickets", month)
            if replied is not None and replied - ticket.created_at <= timedelta(hours=reply_target) and hours <= solve_target:
                t.add("sla_met", month)
    for rating in account.ratings:
        if rating.offered_at > asof or rating.answered_at is None or rating.answered_at > asof:
            continue
        t.add(f"ratings_{rating.score}", month_key(rating.offered_at))


def tally_calls(t: Tally, calls: list[TalkCall], asof: datetime) -> None:
    inbound = sorted((c for c in calls if c.direction == "inbound" and c.created_at <= asof), key=lambda c: c.created_at)
    last_call: dict[int, list[datetime]] = {}
    for call in inbound:
        month = month_key(call.created_at)
        t.add("service_calls", month)
        if call.completion_status in ABANDONED:
            t.add("abandoned_calls", month)
        if call.completion_status == "completed":
            t.add("answered_calls", month)
            t.add("handle_seconds_sum", month, call.talk_time + call.hold_time + call.wrap_up_time)
        if call.customer_id is not None:
            earlier = last_call.setdefault(call.customer_id, [])
            if any(call.created_at - timedelta(days=7) <= e < call.created_at for e in earlier):
                t.add("callbacks", month)
            earlier.append(call.created_at)


def tally_surveys(t: Tally, account: Account, asof: datetime) -> None:
    for item in account.surveys:
        if item.at > asof:
            continue
        month = month_key(item.at)
        if item.survey_type == "NPS":
            t.add("nps_responses", month)
            kind = "nps_promoters" if item.value >= 9 else ("nps_passives" if item.value >= 7 else "nps_detractors")
            t.add(kind, month)
        elif item.survey_type == "CES":
            t.add("ces_sum", month, item.value)
            t.add("ces_responses", month)


def tally_service(t: Tally, account: Account, asof: datetime) -> None:
    tally_tickets(t, account, asof)
    tally_calls(t, account.calls, asof)
    tally_surveys(t, account, asof)

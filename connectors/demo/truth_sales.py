"""Sales counters from one account's event log: deals, pipeline, activities, leads."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from connectors.demo.gen_common import (
    LOST_STAGE,
    OPEN_STAGES,
    PROPOSAL_STAGES,
    STAGE_PROBABILITY,
    WON_STAGE,
    month_end,
    month_key,
    month_start,
    months_between,
)
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Account, Deal
from connectors.demo.truth import Tally

DAY = Decimal(86400)


def _days(start: datetime, end: datetime) -> Decimal:
    return Decimal(int((end - start).total_seconds())) / DAY


def _at(entries: list, instant: datetime):
    """The value of a (value, set at) history at an instant (None before the first)."""
    value = None
    for v, t in entries:
        if t <= instant:
            value = v
    return value


def customer_since(account: Account, asof: datetime) -> datetime | None:
    """The earlier of the first won deal and the first successful payment (as known at `asof`)."""
    signals = [t for d in account.deals for s, t in d.stages if s == WON_STAGE[d.pipeline] and t <= asof]
    signals += [c.created_at for c in account.charges() if c.succeeded and c.created_at <= asof]
    return min(signals) if signals else None


def tally_deal(t: Tally, account: Account, deal: Deal, world: Globals, asof: datetime) -> None:
    stages = [(s, e) for s, e in deal.stages if e <= asof]
    owner, source = deal.owner_id, deal.source
    created_month = month_key(deal.created_at)
    t.add("deals_created", created_month, owner=owner, lead_source=source, pipeline=deal.pipeline)
    calls = [a.at for a in account.activities if a.kind == "call" and a.deal_id == deal.deal_id and a.created_at <= asof]
    closed_months: set[str] = set()
    proposal_months: set[str] = set()
    for i, (stage, entered) in enumerate(stages):
        month = month_key(entered)
        value = (_at(deal.amounts, entered) or Decimal(0)) * world.rate(deal.currency, month)  # amount at the close
        if stage == WON_STAGE[deal.pipeline]:
            t.add("deals_won", month, owner=owner, lead_source=source)
            t.add("new_revenue", month, value, owner=owner, lead_source=source)
            t.add("cycle_days_sum", month, _days(deal.created_at, entered), lead_source=source)
            closed_months.add(month)
        elif stage == LOST_STAGE[deal.pipeline]:
            previous = stages[i - 1][0] if i else ""
            t.add("deals_lost", month, owner=owner, lost_reason=deal.lost_reason or "unknown", lost_from_stage=previous)
            t.add("lost_amount", month, value, lost_reason=deal.lost_reason or "unknown", lost_from_stage=previous)
            closed_months.add(month)
        if stage in PROPOSAL_STAGES:
            proposal_months.add(month)
        if i:
            t.member("crm_active_users", month, owner)
            before, since = stages[i - 1]
            if before in OPEN_STAGES[deal.pipeline]:
                t.add("stage_exit_days_sum", month, _days(since, entered), stage=before)
                t.add("stage_exits", month, stage=before)
    for month in proposal_months:
        t.add("proposals_sent", month)
    for month in closed_months:
        t.add("deals_closed_distinct", month)
        t.add("calls_on_closed_deals", month, sum(1 for at in calls if at < month_end(month)))
    _pipeline_snapshots(t, deal, world, asof)


def _pipeline_snapshots(t: Tally, deal: Deal, world: Globals, asof: datetime) -> None:
    for month in months_between(month_key(deal.created_at), month_key(asof)):
        rate = world.rate(deal.currency, month)
        start = month_start(month)
        if deal.created_at <= start <= asof:  # forecast: as at the start of the month
            stage = _at(deal.stages, start)
            expected = _at(deal.close_dates, start)
            if stage in OPEN_STAGES[deal.pipeline] and expected is not None and month_key(expected) == month:
                probability = deal.forecast_probability if deal.forecast_probability is not None else STAGE_PROBABILITY[stage]
                t.add(
                    "forecast_amount", month, (_at(deal.amounts, start) or Decimal(0)) * probability * rate, owner=deal.owner_id
                )
        instant = min(month_end(month), asof)
        if deal.created_at < month_end(month):
            stage = _at(deal.stages, instant)
            if stage in OPEN_STAGES[deal.pipeline]:
                amount = (_at(deal.amounts, instant) or Decimal(0)) * rate
                t.add("open_opportunities", month, stage=stage)
                t.add("open_pipeline_amount", month, amount, stage=stage)
                t.add("weighted_pipeline_amount", month, amount * STAGE_PROBABILITY[stage], stage=stage)


def tally_activities(t: Tally, account: Account, asof: datetime) -> None:
    for a in account.activities:
        if a.created_at > asof:
            continue
        owner = a.owner_id
        if a.kind == "call":
            month = month_key(a.at)
            t.add("sales_calls", month, owner=owner)
            t.add("sales_activities", month, owner=owner, type="call")
            t.add("call_outcomes", month, call_outcome=a.disposition)
            if a.disposition == "connected":
                t.add("connected_call_seconds", month, Decimal(a.duration_ms) / 1000)
                t.add("connected_calls", month)
        elif a.kind == "email":
            month = month_key(a.at)
            if a.direction == "EMAIL":
                t.add("sales_activities", month, owner=owner, type="email")
        elif a.kind == "meeting":
            month = month_key(a.at)
            if a.outcome == "COMPLETED" and a.at + timedelta(milliseconds=a.duration_ms) <= asof:
                t.add("sales_activities", month, owner=owner, type="meeting")
        else:
            if a.completed_at is None or a.completed_at > asof:
                continue
            month = month_key(a.completed_at)
            t.add("sales_activities", month, owner=owner, type="task")
        t.member("crm_active_users", month, owner)


def tally_leads(t: Tally, account: Account, asof: datetime) -> None:
    since = customer_since(account, asof)
    for contact in account.contacts:
        if contact.created_at > asof or contact.lead_at is None or contact.lead_at > asof:
            continue
        if contact.merged_at is not None and contact.merged_at <= asof:
            continue
        lead = contact.lead_at if contact.lead_date_set else contact.created_at
        month = month_key(lead)
        t.add("leads_created", month, lead_source=contact.source)
        if contact.source == "REFERRALS":
            t.add("referrals", month)
        deals = [d.created_at for d in account.deals if contact.contact_id in d.contact_ids and d.created_at <= asof]
        if any(lead <= c <= lead + timedelta(days=90) for c in deals):
            t.add("leads_with_deal", month, lead_source=contact.source)
        if since is None or since > lead:
            t.add("leads_for_customer_rate", month, lead_source=contact.source)
            if since is not None and since <= lead + timedelta(days=180):
                t.add("leads_became_customer", month, lead_source=contact.source)
        forms = [f.at for f in account.forms if f.email == contact.email and f.at <= lead]
        if forms:
            t.add("leads_with_form", month)
    if since is not None:
        t.add("new_customers", month_key(since))


def tally_sales(t: Tally, account: Account, world: Globals, asof: datetime) -> None:
    for deal in account.deals:
        if deal.created_at <= asof:
            tally_deal(t, account, deal, world, asof)
    tally_activities(t, account, asof)
    tally_leads(t, account, asof)

"""Marketing counters: campaigns, responses, first-touch attribution, web traffic, lists."""

from __future__ import annotations

from datetime import datetime

from connectors.demo.gen_common import WON_STAGE, month_end, month_key, month_start, months_between
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Account, WebSession
from connectors.demo.truth import Tally


def _responses(account: Account, asof: datetime) -> list[tuple[datetime, str, str]]:
    """(moment, campaign, email) of every click and every form submission that carries a campaign."""
    out = [(e.at, e.campaign_id, e.email) for e in account.email_events if e.event_type == "click" and e.at <= asof]
    out += [(f.at, f.campaign_id, f.email) for f in account.forms if f.campaign_id and f.at <= asof]
    return sorted(out)


def tally_campaigns(t: Tally, account: Account, world: Globals, asof: datetime) -> None:
    responses = _responses(account, asof)
    for at, campaign, _ in responses:
        t.add("campaign_responses", month_key(at), campaign=campaign)
        t.member("campaigns_active", month_key(at), campaign)
    for e in account.email_events:
        if e.event_type == "sent" and e.at <= asof:
            t.member("campaigns_active", month_key(e.at), e.campaign_id)
            t.member("campaign_recipients", month_key(e.at), f"{e.campaign_id}|{e.email.lower()}")
    for at, campaign, email in responses:  # response rate: (campaign, contact) pairs, month by month
        t.member("campaign_responders", month_key(at), f"{campaign}|{email.lower()}")
    emails = {c.contact_id: c.email for c in account.contacts}
    first_won = True
    for deal in sorted(account.deals, key=lambda d: d.created_at):
        wins = [at for s, at in deal.stages if s == WON_STAGE[deal.pipeline] and at <= asof]
        if not wins:
            continue
        people = {emails[c] for c in deal.contact_ids}
        touches = [(at, campaign) for at, campaign, email in responses if email in people and at < deal.created_at]
        for won_at in wins:
            month = month_key(won_at)
            if touches:
                campaign = touches[0][1]
                amount = [a for a, at in deal.amounts if at <= won_at][-1]  # the amount at the close
                value = (amount or 0) * world.rate(deal.currency, month)
                t.add("campaign_purchases", month, campaign=campaign)
                t.add("campaign_revenue", month, value, campaign=campaign)
                if first_won:
                    t.add("campaign_new_customers", month, campaign=campaign)
            first_won = False


def tally_web(t: Tally, sessions: list[WebSession], asof: datetime) -> None:
    for s in sessions:
        if s.started_at > asof:
            continue
        month = month_key(s.started_at)
        t.add("web_sessions", month)
        t.add("web_page_views", month, s.page_views)
        t.add("session_seconds_sum", month, s.duration_seconds)
        t.member("web_unique_visitors", month, s.visitor_id)
        if s.goal_completed:
            t.add("goal_sessions", month)


def tally_lists(t: Tally, account: Account, asof: datetime) -> None:
    for m in account.memberships:
        if m.subscribed_at > asof:
            continue
        ended = m.unsubscribed_at if m.unsubscribed_at and m.unsubscribed_at <= asof else None
        t.add("list_started", month_key(m.subscribed_at))
        if ended is not None:
            t.add("list_ended", month_key(ended))
        for month in months_between(month_key(m.subscribed_at), month_key(asof)):
            start = month_start(month)
            if m.subscribed_at < start and (ended is None or ended >= start):
                t.add("list_active_at_start", month)
            if ended is not None and ended < month_end(month):
                break


def tally_campaign_costs(t: Tally, world: Globals, asof: datetime) -> None:
    """Company-wide, once per world (not per chunk)."""
    audiences = {c.campaign_id: c.audience for c in world.campaigns}
    for cost in world.costs:
        if cost.spend_date <= asof:
            month = month_key(cost.spend_date)
            value = cost.amount * world.rate(cost.currency, month)
            t.add("campaign_cost", month, value, campaign=cost.campaign_id)
            if audiences[cost.campaign_id] == "customers":
                t.add("customer_campaign_cost", month, value)
    for month, amount in world.support_costs.items():
        if month_end(month) <= asof:
            t.add("support_cost", month, amount)
    for (owner, month), amount in world.goals.items():
        if month <= month_key(asof):
            t.add("goal_amount", month, amount, owner=owner)


def tally_marketing(t: Tally, account: Account, world: Globals, asof: datetime) -> None:
    tally_campaigns(t, account, world, asof)
    tally_web(t, account.sessions, asof)
    tally_lists(t, account, asof)

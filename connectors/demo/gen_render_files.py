"""The file drops of sources.md (marketing, goals, finance), as rows of strings, as they stood at `asof`."""

from __future__ import annotations

from datetime import datetime

from connectors.demo.gen_common import month_end
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Account, WebSession
from connectors.demo.world import iso_z

FILE_COLUMNS: dict[str, list[str]] = {
    "marketing/campaigns": ["campaign_id", "name", "channel", "start_date", "end_date", "audience"],
    "marketing/campaign_costs": ["campaign_id", "spend_date", "amount", "currency"],
    "marketing/email_events": ["event_id", "campaign_id", "contact_email", "event_type", "occurred_at"],
    "marketing/form_submissions": ["submission_id", "form_id", "campaign_id", "contact_email", "submitted_at", "page_url"],
    "marketing/web_sessions": [
        "session_id",
        "visitor_id",
        "contact_email",
        "started_at",
        "duration_seconds",
        "page_views",
        "goal_completed",
        "source",
    ],
    "marketing/list_memberships": ["list_id", "contact_email", "subscribed_at", "unsubscribed_at"],
    "crm/goals": ["owner_id", "month", "goal_amount", "currency"],
    "finance/support_costs": ["month", "amount", "currency"],
    "finance/fx_rates": ["month", "currency", "rate"],
}
Row = dict[str, str]


def global_rows(world: Globals, asof: datetime) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {name: [] for name in FILE_COLUMNS}
    for c in world.campaigns:
        if c.start <= asof:
            row = [c.campaign_id, c.name, c.channel, c.start.date().isoformat(), c.end.date().isoformat(), c.audience]
            out["marketing/campaigns"].append(dict(zip(FILE_COLUMNS["marketing/campaigns"], row, strict=True)))
    for cost in world.costs:
        if cost.spend_date <= asof:
            row = [cost.campaign_id, cost.spend_date.date().isoformat(), f"{cost.amount:.2f}", cost.currency]
            out["marketing/campaign_costs"].append(dict(zip(FILE_COLUMNS["marketing/campaign_costs"], row, strict=True)))
    for (owner, month), amount in sorted(world.goals.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out["crm/goals"].append({"owner_id": owner, "month": month[:7], "goal_amount": f"{amount:.2f}", "currency": "USD"})
    for month, amount in sorted(world.support_costs.items()):
        if month_end(month) <= asof:
            out["finance/support_costs"].append({"month": month[:7], "amount": f"{amount:.2f}", "currency": "USD"})
    for (month, currency), rate in sorted(world.fx.items()):
        out["finance/fx_rates"].append({"month": month[:7], "currency": currency, "rate": f"{rate}"})
    return out


def session_row(s: WebSession) -> Row:
    return {
        "session_id": s.session_id,
        "visitor_id": s.visitor_id,
        "contact_email": s.email or "",
        "started_at": iso_z(s.started_at),
        "duration_seconds": str(s.duration_seconds),
        "page_views": str(s.page_views),
        "goal_completed": "true" if s.goal_completed else "false",
        "source": s.source,
    }


def render_account(account: Account, asof: datetime, out: dict[str, list[Row]]) -> None:
    for e in account.email_events:
        if e.at <= asof:
            out["marketing/email_events"].append(
                {
                    "event_id": e.event_id,
                    "campaign_id": e.campaign_id,
                    "contact_email": e.email,
                    "event_type": e.event_type,
                    "occurred_at": iso_z(e.at),
                }
            )
    for f in account.forms:
        if f.at <= asof:
            out["marketing/form_submissions"].append(
                {
                    "submission_id": f.submission_id,
                    "form_id": f.form_id,
                    "campaign_id": f.campaign_id or "",
                    "contact_email": f.email,
                    "submitted_at": iso_z(f.at),
                    "page_url": f.page_url,
                }
            )
    out["marketing/web_sessions"] += [session_row(s) for s in account.sessions if s.started_at <= asof]
    for m in account.memberships:
        if m.subscribed_at <= asof:
            ended = iso_z(m.unsubscribed_at) if m.unsubscribed_at and m.unsubscribed_at <= asof else ""
            out["marketing/list_memberships"].append(
                {
                    "list_id": m.list_id,
                    "contact_email": m.email,
                    "subscribed_at": iso_z(m.subscribed_at),
                    "unsubscribed_at": ended,
                }
            )

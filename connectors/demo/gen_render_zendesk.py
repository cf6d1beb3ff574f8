"""Zendesk Support and Talk records, rendered from the event log as they stood at `asof`."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from connectors.demo.gen_common import AGENT_IDS, AGENT_NAMES, WORLD_START
from connectors.demo.gen_model import Account, Rating, TalkCall, Ticket, ZendeskUser
from connectors.demo.world import Record, iso_z

ZENDESK_OBJECTS = ("tickets", "ticket_events", "users", "organizations", "satisfaction_ratings", "sla_policies", "talk_calls")
SLA_TARGETS = {"urgent": (1, 8), "high": (4, 24), "normal": (8, 72), "low": (24, 168)}  # hours: first reply, resolution


def _minutes(start: datetime, end: datetime) -> int:
    return math.ceil((end - start).total_seconds() / 60)


def _business(minutes: int) -> int:
    return minutes * 5 // 21  # roughly the share of a week's minutes inside 9-17 Monday to Friday


def ticket_timeline(ticket: Ticket) -> list[tuple[datetime, str]]:
    """(moment, status) changes of the ticket."""
    steps = [(ticket.created_at, "new")]
    if ticket.first_reply_at is not None and (not ticket.solves or ticket.first_reply_at < ticket.solves[0]):
        steps.append((ticket.first_reply_at, "open"))
    for i, solved in enumerate(ticket.solves):
        steps.append((solved, "solved"))
        if i < len(ticket.reopens):
            steps.append((ticket.reopens[i], "open"))
    if ticket.closed_at is not None:
        steps.append((ticket.closed_at, "closed"))
    return steps


def ticket_record(ticket: Ticket, ratings: list[Rating], asof: datetime) -> Record:
    steps = [s for s in ticket_timeline(ticket) if s[0] <= asof]
    rating = next((r for r in ratings if r.ticket_id == ticket.ticket_id and r.offered_at <= asof), None)
    touched = [t for t, _ in steps]
    if rating is not None:
        touched.append(rating.answered_at if rating.answered_at and rating.answered_at <= asof else rating.offered_at)
    updated = max(touched)
    solves = [s for s in ticket.solves if s <= asof]
    reopens = [r for r in ticket.reopens if r <= asof]
    replied = ticket.first_reply_at is not None and ticket.first_reply_at <= asof
    reply = _minutes(ticket.created_at, ticket.first_reply_at) if replied else None  # type: ignore[arg-type]
    first = _minutes(ticket.created_at, solves[0]) if solves else None
    full = _minutes(ticket.created_at, solves[-1]) if solves else None
    score = "unoffered"
    if rating is not None:
        score = rating.score if rating.answered_at and rating.answered_at <= asof else "offered"
    return {
        "id": ticket.ticket_id,
        "url": f"/api/v2/tickets/{ticket.ticket_id}.json",
        "created_at": iso_z(ticket.created_at),
        "updated_at": iso_z(updated),
        "status": steps[-1][1],
        "priority": ticket.priority,
        "type": ticket.ticket_type,
        "subject": f"Help with {ticket.ticket_type} #{ticket.ticket_id}",
        "requester_id": ticket.requester_id,
        "submitter_id": ticket.requester_id,
        "assignee_id": ticket.assignee_id,
        "organization_id": ticket.organization_id,
        "via": {"channel": ticket.channel},
        "tags": list(ticket.tags),
        "satisfaction_rating": {"score": score},
        "metric_set": {
            "ticket_id": ticket.ticket_id,
            "created_at": iso_z(ticket.created_at),
            "updated_at": iso_z(updated),
            "solved_at": iso_z(solves[-1]) if solves else None,
            "reopens": len(reopens),
            "replies": (1 if replied else 0) + len(reopens),
            "reply_time_in_minutes": {"calendar": reply, "business": _business(reply) if reply is not None else None},
            "first_resolution_time_in_minutes": {"calendar": first, "business": _business(first) if first is not None else None},
            "full_resolution_time_in_minutes": {"calendar": full, "business": _business(full) if full is not None else None},
        },
    }


def _child(event_id: int, j: int, kind: str, **fields: Any) -> Record:
    return {"id": event_id * 10 + j, "event_type": kind, **fields}


def ticket_event_records(ticket: Ticket, asof: datetime) -> list[Record]:
    out: list[Record] = []
    previous = None
    for n, (moment, status) in enumerate(ticket_timeline(ticket)):
        if moment > asof:
            break
        event_id = ticket.ticket_id * 100 + n
        children: list[Record] = []
        updater = ticket.requester_id
        if status == "new":
            children.append(_child(event_id, 0, "Create", field_name="status", value="new"))
            children.append(_child(event_id, 1, "Create", field_name="priority", value=ticket.priority))
            children.append(_child(event_id, 2, "Comment", public=True, author_id=ticket.requester_id, body="I need help."))
        elif status == "open" and previous == "new":
            updater = ticket.assignee_id
            children.append(
                _child(event_id, 0, "Comment", public=True, author_id=ticket.assignee_id, body="Thanks, looking into it.")
            )
            children.append(_child(event_id, 1, "Change", field_name="status", value="open", previous_value="new"))
        elif status == "open":
            children.append(
                _child(event_id, 0, "Comment", public=True, author_id=ticket.requester_id, body="It is happening again.")
            )
            children.append(_child(event_id, 1, "Change", field_name="status", value="open", previous_value="solved"))
        else:
            updater = ticket.assignee_id if status == "solved" else -1
            children.append(_child(event_id, 0, "Change", field_name="status", value=status, previous_value=previous))
        out.append(
            {
                "id": event_id,
                "ticket_id": ticket.ticket_id,
                "timestamp": int(moment.timestamp()),
                "created_at": iso_z(moment),
                "updater_id": updater,
                "via": "Web form",
                "event_type": "Audit",
                "child_events": children,
            }
        )
        previous = status
    return out


def user_record(user: ZendeskUser) -> Record:
    stamp = iso_z(user.created_at)
    return {
        "id": user.user_id,
        "name": user.name,
        "email": user.email,
        "role": "end-user",
        "organization_id": user.organization_id,
        "created_at": stamp,
        "updated_at": stamp,
        "active": True,
    }


def agent_records() -> list[Record]:
    stamp = iso_z(WORLD_START)
    return [
        {
            "id": agent_id,
            "name": name,
            "email": f"{name.split()[0].lower()}@support.demo-crm.example",
            "role": "admin" if i == 0 else "agent",
            "organization_id": None,
            "created_at": stamp,
            "updated_at": stamp,
            "active": True,
        }
        for i, (agent_id, name) in enumerate(zip(AGENT_IDS, AGENT_NAMES, strict=True))
    ]


def sla_policy_records() -> list[Record]:
    return [
        {
            "id": 100 + i,
            "title": f"{priority.title()} priority",
            "position": i + 1,
            "filter": {"all": [{"field": "priority", "operator": "is", "value": priority}], "any": []},
            "policy_metrics": [
                {"priority": priority, "metric": "first_reply_time", "target": reply * 60, "business_hours": False},
                {"priority": priority, "metric": "requester_wait_time", "target": solve * 60, "business_hours": False},
            ],
            "created_at": iso_z(WORLD_START),
            "updated_at": iso_z(WORLD_START),
        }
        for i, (priority, (reply, solve)) in enumerate(SLA_TARGETS.items())
    ]


def rating_record(rating: Rating, asof: datetime) -> Record:
    answered = rating.answered_at is not None and rating.answered_at <= asof
    return {
        "id": rating.rating_id,
        "url": f"/api/v2/satisfaction_ratings/{rating.rating_id}.json",
        "ticket_id": rating.ticket_id,
        "requester_id": rating.requester_id,
        "assignee_id": rating.assignee_id,
        "score": rating.score if answered else "offered",
        "created_at": iso_z(rating.offered_at),
        "updated_at": iso_z(rating.answered_at if answered else rating.offered_at),  # type: ignore[arg-type]
    }


def call_record(call: TalkCall, ticket_created: datetime | None, asof: datetime) -> Record:
    linked = call.ticket_id if ticket_created is not None and ticket_created <= asof else None
    answered = call.completion_status == "completed"
    return {
        "id": call.call_id,
        "created_at": iso_z(call.created_at),
        "updated_at": iso_z(ticket_created if linked else call.created_at),  # type: ignore[arg-type]
        "direction": call.direction,
        "completion_status": call.completion_status,
        "duration": call.wait_time + call.hold_time + call.talk_time,
        "wait_time": call.wait_time,
        "hold_time": call.hold_time,
        "talk_time": call.talk_time,
        "wrap_up_time": call.wrap_up_time,
        "time_to_answer": call.wait_time if answered else None,
        "agent_id": call.agent_id,
        "customer_id": call.customer_id,
        "ticket_id": linked,
        "callback": call.callback,
        "callback_source": "queue" if call.callback else None,
        "phone_number_id": 4001,
    }


def render_account(account: Account, asof: datetime, out: dict[str, list[Record]]) -> None:
    users = [u for u in account.users if u.created_at <= asof]
    if users and account.organization_id is not None:
        stamp = iso_z(min(u.created_at for u in users))
        domains = [account.domain] if account.index % 5 else []  # some organisations never got their domain set
        out["organizations"].append(
            {
                "id": account.organization_id,
                "name": account.name,
                "domain_names": domains,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    out["users"] += [user_record(u) for u in users]
    for ticket in account.tickets:
        if ticket.created_at <= asof:
            out["tickets"].append(ticket_record(ticket, account.ratings, asof))
            out["ticket_events"] += ticket_event_records(ticket, asof)
    out["satisfaction_ratings"] += [rating_record(r, asof) for r in account.ratings if r.offered_at <= asof]
    created = {t.ticket_id: t.created_at for t in account.tickets}
    out["talk_calls"] += [render_call(c, created, asof) for c in account.calls if c.created_at <= asof]


def render_call(call: TalkCall, ticket_created: dict[int, datetime], asof: datetime) -> Record:
    return call_record(call, ticket_created.get(call.ticket_id) if call.ticket_id else None, asof)

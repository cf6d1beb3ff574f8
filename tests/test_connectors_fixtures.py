"""A small hand-made world in the vendors' shapes (CONTRACT.md), and its next night.

Independent of the generator, so the emulator and connector tests pin the API contracts with a
few records per object, including the awkward ones: archived and deleted records, canceled
subscriptions, events older than 30 days, comment events, calls sharing a timestamp.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.demo.world import World, iso_z

NOW = datetime(2026, 10, 31, 22, 0, tzinfo=UTC)
Record = dict[str, Any]


def _t(days_ago: float) -> datetime:
    return NOW - timedelta(days=days_ago)


def _hubspot(object_type: str, number: int, days_ago: float, properties: dict[str, str], **extra: Any) -> Record:
    modified = "lastmodifieddate" if object_type == "contacts" else "hs_lastmodifieddate"
    created = iso_z(_t(days_ago + 10), millis=True)
    updated = iso_z(_t(days_ago), millis=True)
    record: Record = {
        "id": str(number),
        "properties": {"hs_object_id": str(number), "createdate": created, modified: updated, **properties},
        "createdAt": created,
        "updatedAt": updated,
        "archived": False,
    }
    record.update(extra)
    return record


def _assoc(**targets: list[str]) -> dict[str, Any]:
    return {name: {"results": [{"id": i, "type": f"x_to_{name}"} for i in ids]} for name, ids in targets.items()}


def _history(values: list[tuple[str, float]]) -> list[Record]:
    return [{"value": v, "timestamp": iso_z(_t(d), millis=True), "sourceType": "CRM_UI"} for v, d in values]


def hubspot_objects() -> dict[str, list[Record]]:
    deals = []
    for n in range(7):
        stage = ["s_open", "s_won", "s_lost"][n % 3]
        deals.append(
            _hubspot(
                "deals",
                9001 + n,
                50 - n * 5,
                {"dealname": f"Deal {n}", "amount": f"{1000 * (n + 1)}.00", "dealstage": stage, "pipeline": "default"},
                propertiesWithHistory={"dealstage": _history([(stage, 50 - n * 5), ("s_open", 60 - n * 5)])},
                associations=_assoc(contacts=[str(501 + n % 3)]),
            )
        )
    contacts = [_hubspot("contacts", 501 + n, 40 - n, {"email": f"c{n}@example.com", "lifecyclestage": "lead"}) for n in range(6)]
    contacts[5]["archived"] = True
    calls = [
        _hubspot(
            "calls",
            7001 + n,
            30 - n,
            {"hs_call_duration": str(60000 + n), "hs_call_direction": "OUTBOUND"},
            associations=_assoc(deals=[str(9001 + n)]),
        )
        for n in range(5)
    ]
    return {
        "companies": [_hubspot("companies", 301 + n, 45 - n, {"name": f"Co {n}", "domain": f"co{n}.example"}) for n in range(5)],
        "contacts": contacts,
        "deals": deals,
        "calls": calls,
        "emails": [_hubspot("emails", 7101 + n, 20 - n, {"hs_email_direction": "EMAIL"}) for n in range(2)],
        "meetings": [_hubspot("meetings", 7201 + n, 20 - n, {"hs_meeting_outcome": "COMPLETED"}) for n in range(2)],
        "tasks": [_hubspot("tasks", 7301 + n, 20 - n, {"hs_task_status": "COMPLETED"}) for n in range(2)],
        "feedback_submissions": [
            _hubspot("feedback_submissions", 7401 + n, 10 - n, {"hs_survey_type": "NPS", "hs_response_value": str(n + 6)})
            for n in range(3)
        ],
        "pipelines": [
            {
                "id": "default",
                "label": "Sales",
                "displayOrder": 0,
                "archived": False,
                "stages": [
                    {"id": s, "label": s, "displayOrder": i, "metadata": {"probability": p, "isClosed": c}}
                    for i, (s, p, c) in enumerate(
                        [("s_open", "0.2", "false"), ("s_won", "1.0", "true"), ("s_lost", "0.0", "true")]
                    )
                ],
            }
        ],
        "owners": [
            {"id": "1001", "firstName": "Ada", "lastName": "Park", "email": "ada@example.com", "userId": 1, "archived": False},
            {"id": "1002", "firstName": "Ben", "lastName": "Ortiz", "email": "ben@example.com", "userId": 2, "archived": True},
        ],
    }


def _stripe(prefix: str, kind: str, number: int, days_ago: float, **fields: Any) -> Record:
    return {"id": f"{prefix}_{number:06d}", "object": kind, "created": int(_t(days_ago).timestamp()), "livemode": False, **fields}


def _newest_first(rows: list[Record]) -> list[Record]:
    return sorted(rows, key=lambda r: (-r["created"], r["id"]))


def stripe_objects() -> dict[str, list[Record]]:
    charges = [
        _stripe("ch", "charge", n, 90 - n * 10, amount=1000 * (n + 1), currency="usd", status="succeeded", amount_refunded=0)
        for n in range(8)
    ]
    charges[1]["currency"] = "jpy"
    events = [
        _stripe(
            "evt",
            "event",
            n,
            90 - n * 10,
            type="charge.succeeded",
            data={"object": copy.deepcopy(charges[n]), "previous_attributes": None},
        )
        for n in range(8)
    ]
    subscriptions = [_stripe("sub", "subscription", n, 200 - n, status="active", customer=f"cus_{n:06d}") for n in range(4)]
    subscriptions[3]["status"] = "canceled"
    invoices = [
        _stripe(
            "in",
            "invoice",
            n,
            100 - n,
            subscription=f"sub_{n % 4:06d}",
            status="paid",
            lines={"data": [{"id": f"il_{n}", "amount": 500, "period": {"start": 1, "end": 2}, "quantity": 1}]},
        )
        for n in range(5)
    ]
    return {
        "customers": _newest_first(
            [_stripe("cus", "customer", n, 300 - n, email=f"c{n}@example.com", metadata={}) for n in range(4)]
        ),
        "products": _newest_first([_stripe("prod", "product", n, 400 - n, name=f"P{n}", active=True) for n in range(2)]),
        "prices": _newest_first(
            [_stripe("price", "price", n, 399 - n, unit_amount=1000, currency="usd", product="prod_000000") for n in range(3)]
        ),
        "subscriptions": _newest_first(subscriptions),
        "invoices": _newest_first(invoices),
        "charges": _newest_first(charges),
        "refunds": _newest_first([_stripe("re", "refund", n, 50 - n, amount=100, charge="ch_000002") for n in range(2)]),
        "balance_transactions": _newest_first(
            [_stripe("txn", "balance_transaction", n, 90 - n * 10, amount=1000, fee=30) for n in range(8)]
        ),
        "events": _newest_first(events),
    }


def _zendesk_time(days_ago: float) -> str:
    return iso_z(_t(days_ago))


def zendesk_objects() -> dict[str, list[Record]]:
    tickets = [
        {
            "id": n + 1,
            "created_at": _zendesk_time(30 - n),
            "updated_at": _zendesk_time(20 - n),
            "status": "solved",
            "priority": "normal",
            "type": "question",
            "via": {"channel": "email"},
            "requester_id": 100 + n,
            "metric_set": {"ticket_id": n + 1, "solved_at": _zendesk_time(20 - n), "reopens": 0},
        }
        for n in range(7)
    ]
    tickets[6]["status"] = "deleted"
    events = []
    for n in range(12):
        moment = _t(20 - n // 2)  # pairs of events share a timestamp
        children = [{"id": 5000 + n, "event_type": "Change", "field_name": "status", "value": "open", "previous_value": "new"}]
        if n % 3 == 0:
            children.append({"id": 6000 + n, "event_type": "Comment", "public": True, "author_id": 200, "body": "hi"})
        events.append(
            {
                "id": 4000 + n,
                "ticket_id": n % 7 + 1,
                "timestamp": int(moment.timestamp()),
                "created_at": iso_z(moment),
                "updater_id": 200,
                "event_type": "Audit",
                "child_events": children,
            }
        )
    calls = [
        {
            "id": 8000 + n,
            "created_at": _zendesk_time(10 - n // 2),
            "updated_at": _zendesk_time(10 - n // 2),  # pairs share a timestamp
            "direction": "inbound",
            "completion_status": "completed",
            "duration": 100 + n,
            "wait_time": 5,
            "agent_id": 200,
            "customer_id": 100 + n,
            "ticket_id": None,
            "callback": False,
        }
        for n in range(9)
    ]
    return {
        "tickets": tickets,
        "users": [
            {"id": 100 + n, "email": f"u{n}@example.com", "role": "end-user", "updated_at": _zendesk_time(25 - n)}
            for n in range(5)
        ],
        "ticket_events": events,
        "organizations": [
            {"id": 50 + n, "name": f"Org {n}", "domain_names": [f"org{n}.example"], "updated_at": _zendesk_time(25 - n)}
            for n in range(3)
        ],
        "satisfaction_ratings": [
            {"id": 70 + n, "score": "good", "ticket_id": n + 1, "updated_at": _zendesk_time(15 - n)} for n in range(4)
        ],
        "sla_policies": [
            {"id": 1, "title": "Urgent", "policy_metrics": [{"priority": "urgent", "metric": "first_reply_time", "target": 60}]},
            {"id": 2, "title": "Normal", "policy_metrics": [{"priority": "normal", "metric": "first_reply_time", "target": 480}]},
        ],
        "talk_calls": calls,
    }


FILE_ROWS: dict[str, list[dict[str, str]]] = {
    "marketing/campaigns": [
        {
            "campaign_id": "cmp1",
            "name": "Spring",
            "channel": "email",
            "start_date": "2026-03-01",
            "end_date": "2026-03-31",
            "audience": "prospects",
        },
    ],
    "marketing/email_events": [
        {
            "event_id": f"e{n}",
            "campaign_id": "cmp1",
            "contact_email": f"c{n}@example.com",
            "event_type": "sent",
            "occurred_at": "2026-03-02T10:00:00Z",
        }
        for n in range(3)
    ],
    "finance/fx_rates": [{"month": "2026-03", "currency": "EUR", "rate": "1.08"}],
}


def fixture_world() -> World:
    world = World(seed=0, scale=0.0, now=NOW)
    world.hubspot = hubspot_objects()
    world.stripe = stripe_objects()
    world.zendesk = zendesk_objects()
    world.manifest = {"defects": []}
    return world


def next_night(world: World) -> tuple[World, dict[str, set[str]]]:
    """The following night: new and changed records. Returns the world and the ids expected to land."""
    night = copy.deepcopy(world)
    night.now = world.now + timedelta(days=1)
    later, later_ms = iso_z(night.now - timedelta(hours=2)), iso_z(night.now - timedelta(hours=2), millis=True)
    deal = night.hubspot["deals"][0]  # moves stage
    deal["properties"].update({"dealstage": "s_won", "hs_lastmodifieddate": later_ms})
    deal["propertiesWithHistory"]["dealstage"].insert(0, {"value": "s_won", "timestamp": later_ms, "sourceType": "CRM_UI"})
    deal["updatedAt"] = later_ms
    new_deal = copy.deepcopy(night.hubspot["deals"][1])
    new_deal["id"] = new_deal["properties"]["hs_object_id"] = "9100"
    new_deal["properties"].update({"createdate": later_ms, "hs_lastmodifieddate": later_ms})
    night.hubspot["deals"].append(new_deal)
    night.hubspot["contacts"][0]["archived"] = True  # merged away
    # Stripe: a refund of an old charge (an event only), a new charge (listing and event)
    charges = night.stripe["charges"]
    refunded = next(c for c in charges if c["id"] == "ch_000000")
    refunded.update({"amount_refunded": refunded["amount"], "refunded": True})
    created = int((night.now - timedelta(hours=3)).timestamp())
    new_charge = {**copy.deepcopy(charges[0]), "id": "ch_000099", "created": created}
    charges.insert(0, new_charge)
    night.stripe["events"][:0] = [
        {"id": "evt_000099", "object": "event", "created": created + 60, "type": "charge.refunded", "livemode": False,
         "data": {"object": copy.deepcopy(refunded), "previous_attributes": {"amount_refunded": 0}}},
        {"id": "evt_000098", "object": "event", "created": created, "type": "charge.succeeded", "livemode": False,
         "data": {"object": copy.deepcopy(new_charge), "previous_attributes": None}},
    ]  # fmt: skip
    # Zendesk: a ticket reopened, a new ticket, a new event, a new call
    ticket = night.zendesk["tickets"][0]
    ticket.update({"status": "open", "updated_at": later})
    night.zendesk["tickets"].append({**copy.deepcopy(ticket), "id": 99, "created_at": later})
    event = {
        **copy.deepcopy(night.zendesk["ticket_events"][0]),
        "id": 4099,
        "timestamp": int((night.now - timedelta(hours=2)).timestamp()),
    }
    night.zendesk["ticket_events"].append(event)
    night.zendesk["talk_calls"].append({**copy.deepcopy(night.zendesk["talk_calls"][0]), "id": 8099, "updated_at": later})
    expected = {
        "hubspot.deals": {"9001", "9100"},
        "hubspot.contacts": {"501"},
        "stripe.charges": {"ch_000000", "ch_000099"},
        "stripe.events": {"evt_000099", "evt_000098"},
        "zendesk.tickets": {"1", "99"},
        "zendesk.ticket_events": {"4099"},
        "zendesk.talk_calls": {"8099"},
    }
    return night, expected

"""A deterministic synthetic business: CRM deals, payments and support tickets.

Same seed and scale give the same world, byte for byte. Each generator keeps its own event log
(plain dataclasses) which `truth.py` turns into expected metric values, independently of the
warehouse; the vendor-shaped records are rendered from the same log.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from connectors.demo import truth
from connectors.demo.world import Record, World, iso_z

WORLD_START = datetime(2024, 11, 1, tzinfo=UTC)
WORLD_NOW = datetime(2026, 10, 31, 22, 0, tzinfo=UTC)

# Zero-decimal currencies have no minor unit (Stripe sends whole yen).
CURRENCY_EXPONENT = {"usd": 2, "eur": 2, "gbp": 2, "jpy": 0}

PIPELINES = [
    {
        "id": "default",
        "label": "Sales Pipeline",
        "stages": [
            ("appointmentscheduled", "Appointment Scheduled", 0.2, False),
            ("qualifiedtobuy", "Qualified To Buy", 0.4, False),
            ("presentationscheduled", "Presentation Scheduled", 0.6, False),
            ("contractsent", "Proposal Sent", 0.8, False),
            ("closedwon", "Closed Won", 1.0, True),
            ("closedlost", "Closed Lost", 0.0, True),
        ],
    },
    {
        "id": "renewals",
        "label": "Renewals",
        "stages": [
            ("r_open", "Renewal Due", 0.5, False),
            ("r_quote", "Quote Issued", 0.75, False),
            ("r_won", "Renewed", 1.0, True),
            ("r_lost", "Not Renewed", 0.0, True),
        ],
    },
]
OWNER_NAMES = ["Ada Park", "Ben Ortiz", "Chloe Wu", "Dev Rao", "Eva Lind", "Finn Berg", "Gia Noor", "Hal Moss"]


@dataclass
class Deal:
    deal_id: str
    pipeline: str
    owner_id: str
    created_at: datetime
    amount: Decimal | None
    currency: str
    stages: list[tuple[str, datetime]] = field(default_factory=list)  # (stage id, entered at)


@dataclass
class Charge:
    charge_id: str
    customer_id: str
    created_at: datetime
    currency: str
    amount_minor: int
    succeeded: bool


@dataclass
class Ticket:
    ticket_id: int
    created_at: datetime
    solved_at: datetime | None
    priority: str
    channel: str
    requester_id: int


def _stage_roles(pipeline: dict) -> tuple[list[str], str, str]:
    open_ids = [s[0] for s in pipeline["stages"] if not s[3]]
    won = next(s[0] for s in pipeline["stages"] if s[3] and s[2] == 1.0)
    lost = next(s[0] for s in pipeline["stages"] if s[3] and s[2] == 0.0)
    return open_ids, won, lost


def _random_moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(seconds))


def generate_deals(rng: random.Random, count: int) -> list[Deal]:
    deals = []
    owners = [str(1001 + i) for i in range(len(OWNER_NAMES))]
    for n in range(count):
        pipeline = PIPELINES[0] if rng.random() < 0.8 else PIPELINES[1]
        open_ids, won, lost = _stage_roles(pipeline)
        created = _random_moment(rng, WORLD_START, WORLD_NOW - timedelta(days=1))
        amount = None if rng.random() < 0.03 else Decimal(rng.randrange(100_000, 5_000_000)) / 100
        deal = Deal(
            str(9_000_000_001 + n), pipeline["id"], rng.choice(owners), created, amount, "EUR" if rng.random() < 0.1 else "USD"
        )
        moment = created
        path = [s for i, s in enumerate(open_ids) if i == 0 or rng.random() > 0.15]  # some skip a stage
        outcome = rng.choices(["won", "lost", "open"], weights=[35, 30, 35])[0]
        if outcome == "open":
            path = path[: rng.randrange(1, len(path) + 1)]
        for stage in path:
            deal.stages.append((stage, moment))
            moment += timedelta(days=rng.uniform(0.5, 25))
        if outcome != "open":
            deal.stages.append((won if outcome == "won" else lost, moment))
            if outcome == "lost" and rng.random() < 0.08:  # reopened and won later
                moment += timedelta(days=rng.uniform(5, 40))
                deal.stages.append((open_ids[-1], moment))
                moment += timedelta(days=rng.uniform(1, 20))
                deal.stages.append((won, moment))
        deal.stages = [(s, t) for s, t in deal.stages if t <= WORLD_NOW]
        deals.append(deal)
    return deals


def generate_charges(rng: random.Random, count: int) -> list[Charge]:
    charges = []
    for n in range(count):
        currency = rng.choices(["usd", "eur", "jpy"], weights=[75, 15, 10])[0]
        amount = rng.randrange(1_000, 50_000) if currency == "jpy" else rng.randrange(1_000, 500_000)
        charges.append(
            Charge(
                f"ch_{n + 1:012d}",
                f"cus_{rng.randrange(1, max(2, count // 12)):010d}",
                _random_moment(rng, WORLD_START, WORLD_NOW),
                currency,
                amount,
                rng.random() > 0.08,
            )
        )
    return charges


def generate_tickets(rng: random.Random, count: int) -> list[Ticket]:
    tickets = []
    for n in range(count):
        created = _random_moment(rng, WORLD_START, WORLD_NOW - timedelta(hours=1))
        solved = created + timedelta(hours=rng.lognormvariate(2.5, 1.2)) if rng.random() < 0.8 else None
        if solved is not None and solved > WORLD_NOW:
            solved = None
        tickets.append(
            Ticket(
                n + 1,
                created,
                solved,
                rng.choices(["urgent", "high", "normal", "low"], weights=[5, 20, 60, 15])[0],
                rng.choice(["email", "web", "voice", "chat"]),
                100_000 + rng.randrange(1, max(2, count // 3)),
            )
        )
    return tickets


# --- rendering the event log as vendor records -------------------------------------------------


def hubspot_pipeline_records() -> list[Record]:
    return [
        {
            "id": p["id"],
            "label": p["label"],
            "displayOrder": i,
            "archived": False,
            "stages": [
                {
                    "id": sid,
                    "label": label,
                    "displayOrder": j,
                    "archived": False,
                    "metadata": {"probability": str(prob), "isClosed": str(closed).lower()},
                }
                for j, (sid, label, prob, closed) in enumerate(p["stages"])
            ],
        }
        for i, p in enumerate(PIPELINES)
    ]


def hubspot_owner_records() -> list[Record]:
    return [
        {
            "id": str(1001 + i),
            "firstName": name.split()[0],
            "lastName": name.split()[1],
            "email": f"{name.split()[0].lower()}@demo-crm.example",
            "userId": 5001 + i,
            "archived": False,
        }
        for i, name in enumerate(OWNER_NAMES)
    ]


def _history(entries: list[tuple[str, datetime]]) -> list[Record]:
    return [{"value": v, "timestamp": iso_z(t, millis=True), "sourceType": "CRM_UI"} for v, t in reversed(entries)]


def hubspot_deal_record(deal: Deal) -> Record:
    last_change = deal.stages[-1][1] if deal.stages else deal.created_at
    stage_now = deal.stages[-1][0] if deal.stages else ""
    close_guess = deal.created_at + timedelta(days=60)
    amount = "" if deal.amount is None else f"{deal.amount:.2f}"
    props = {
        "dealname": f"Deal {deal.deal_id[-5:]}",
        "amount": amount,
        "deal_currency_code": deal.currency,
        "dealstage": stage_now,
        "pipeline": deal.pipeline,
        "createdate": iso_z(deal.created_at, millis=True),
        "closedate": iso_z(close_guess, millis=True),
        "hs_lastmodifieddate": iso_z(last_change, millis=True),
        "hubspot_owner_id": deal.owner_id,
        "hs_object_id": deal.deal_id,
    }
    return {
        "id": deal.deal_id,
        "properties": props,
        "propertiesWithHistory": {
            "dealstage": _history(deal.stages),
            "amount": _history([(amount, deal.created_at)]),
            "closedate": _history([(props["closedate"], deal.created_at)]),
        },
        "createdAt": props["createdate"],
        "updatedAt": props["hs_lastmodifieddate"],
        "archived": False,
    }


def stripe_charge_record(charge: Charge) -> Record:
    return {
        "id": charge.charge_id,
        "object": "charge",
        "amount": charge.amount_minor,
        "amount_captured": charge.amount_minor if charge.succeeded else 0,
        "amount_refunded": 0,
        "currency": charge.currency,
        "customer": charge.customer_id,
        "created": int(charge.created_at.timestamp()),
        "status": "succeeded" if charge.succeeded else "failed",
        "paid": charge.succeeded,
        "refunded": False,
        "failure_code": None if charge.succeeded else "card_declined",
        "livemode": False,
        "metadata": {},
    }


def zendesk_ticket_record(ticket: Ticket) -> Record:
    updated = ticket.solved_at or ticket.created_at
    return {
        "id": ticket.ticket_id,
        "url": f"/api/v2/tickets/{ticket.ticket_id}.json",
        "created_at": iso_z(ticket.created_at),
        "updated_at": iso_z(updated),
        "status": "solved" if ticket.solved_at else "open",
        "priority": ticket.priority,
        "type": "question",
        "subject": f"Ticket {ticket.ticket_id}",
        "requester_id": ticket.requester_id,
        "via": {"channel": ticket.channel},
        "tags": [],
        "metric_set": {
            "ticket_id": ticket.ticket_id,
            "created_at": iso_z(ticket.created_at),
            "solved_at": iso_z(ticket.solved_at) if ticket.solved_at else None,
            "reopens": 0,
        },
    }


def generate_world(seed: int = 42, scale: float = 1.0) -> World:
    """Generate the demo business. Scale 1 is the size the catalog's volumes describe."""
    rng = random.Random(seed)
    deals = generate_deals(random.Random(rng.random()), max(1, int(3000 * scale)))
    charges = generate_charges(random.Random(rng.random()), max(1, int(20000 * scale)))
    tickets = generate_tickets(random.Random(rng.random()), max(1, int(6000 * scale)))
    world = World(seed=seed, scale=scale, now=WORLD_NOW)
    world.hubspot = {
        "pipelines": hubspot_pipeline_records(),
        "owners": hubspot_owner_records(),
        "deals": [hubspot_deal_record(d) for d in deals],
    }
    # Stripe lists newest first.
    world.stripe = {
        "charges": [stripe_charge_record(c) for c in sorted(charges, key=lambda c: (-c.created_at.timestamp(), c.charge_id))]
    }
    world.zendesk = {"tickets": [zendesk_ticket_record(t) for t in tickets]}
    world.truth = truth.expected_metrics(deals, charges, tickets, PIPELINES)
    return world

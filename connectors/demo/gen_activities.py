"""What sales reps log against deals (calls, emails, meetings, tasks) and the surveys customers answer."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from connectors.demo.gen_model import Account, Activity, Deal, Survey

# HubSpot's default call outcomes: internal GUID per outcome.
CALL_DISPOSITIONS = {
    "connected": "f240bbac-87c9-4f6e-bf70-924b57d47db7",
    "no_answer": "73a0d17f-1163-4015-bdd5-ec830791da20",
    "voicemail": "b2cf5968-551e-4856-9783-52b3da59a7d0",
    "busy": "9d9162e7-6cf3-4944-bf63-4dff82258764",
    "wrong_number": "17b47fee-58de-441e-a44c-c6300d46f273",
}
DISPOSITION_WEIGHTS = {"connected": 55, "no_answer": 20, "voicemail": 15, "busy": 5, "wrong_number": 5}
MEETING_OUTCOMES = {"COMPLETED": 75, "NO_SHOW": 10, "CANCELED": 10, "RESCHEDULED": 5}
KIND_BASE = {"call": 61_000_000_000, "email": 62_000_000_000, "meeting": 63_000_000_000, "task": 64_000_000_000}


def _deal_window(deal: Deal) -> tuple[datetime, datetime]:
    closes = [t for s, t in deal.stages if s.endswith(("won", "lost")) or s.startswith("closed")]
    end = closes[0] if closes else deal.created_at + timedelta(days=120)
    return deal.created_at, max(end, deal.created_at + timedelta(days=1))


def _activity(rng: random.Random, account: Account, kind: str, deal: Deal, at: datetime, created: datetime) -> Activity:
    serial = sum(1 for a in account.activities if a.kind == kind)
    return Activity(
        kind,
        str(KIND_BASE[kind] + account.index * 1000 + serial),
        deal.owner_id,
        at,
        created,
        deal.deal_id,
        rng.choice(deal.contact_ids),
    )


def log_activities(rng: random.Random, account: Account, deal: Deal) -> None:
    start, end = _deal_window(deal)
    span = int((end - start).total_seconds())
    counts = {
        "call": rng.randrange(2, 9),
        "email": rng.randrange(1, 7),
        "meeting": rng.randrange(0, 4),
        "task": rng.randrange(0, 4),
    }
    for kind, count in counts.items():
        for _ in range(count):
            at = start + timedelta(seconds=rng.randrange(span))
            if kind == "call":
                act = _activity(rng, account, kind, deal, at, at)
                act.disposition = rng.choices(list(DISPOSITION_WEIGHTS), weights=list(DISPOSITION_WEIGHTS.values()))[0]
                seconds = {"connected": rng.randrange(60, 1800), "voicemail": rng.randrange(20, 60)}.get(
                    act.disposition, rng.randrange(0, 20)
                )
                act.duration_ms = seconds * 1000 + rng.randrange(1000)
            elif kind == "email":
                act = _activity(rng, account, kind, deal, at, at)
                act.direction = "EMAIL" if rng.random() < 0.7 else "INCOMING_EMAIL"
            elif kind == "meeting":
                created = at - timedelta(seconds=rng.randrange(3600, 10 * 86400))
                act = _activity(rng, account, kind, deal, at, max(created, deal.created_at))
                act.duration_ms = rng.choice([30, 45, 60]) * 60_000
                act.outcome = rng.choices(list(MEETING_OUTCOMES), weights=list(MEETING_OUTCOMES.values()))[0]
            else:
                due = at + timedelta(days=rng.randrange(1, 15))
                act = _activity(rng, account, kind, deal, due, at)
                if rng.random() < 0.8:
                    act.completed_at = due - timedelta(seconds=rng.randrange(0, 86400))
            account.activities.append(act)


def survey(rng: random.Random, account: Account, contact_id: str, survey_type: str, at: datetime) -> None:
    if survey_type == "NPS":
        value = rng.choices(range(11), weights=[1, 1, 1, 2, 2, 3, 4, 8, 12, 14, 10])[0]
    elif survey_type == "CES":
        value = rng.choices(range(1, 8), weights=[1, 2, 3, 5, 8, 10, 7])[0]
    else:
        value = rng.choices(range(1, 6), weights=[1, 2, 4, 8, 6])[0]
    account.surveys.append(
        Survey(str(81_000_000_000 + account.index * 1000 + len(account.surveys)), contact_id, survey_type, value, at)
    )

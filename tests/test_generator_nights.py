"""Later nights: the same event log seen days later adds and changes records, and only those."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from connectors.demo.generator import generate_world
from connectors.demo.world import World

SEED, SCALE, LATER = 9, 0.1, 7


@pytest.fixture(scope="module")
def nights() -> tuple[World, World]:
    return generate_world(SEED, SCALE, night=0), generate_world(SEED, SCALE, night=LATER)


def _epoch(value: Any) -> float:
    if isinstance(value, int):
        return float(value)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


def _changed_at(system: str, name: str, record: dict[str, Any], stripe_events: dict[str, float]) -> float:
    """The latest moment the record says it was created or changed."""
    if system == "hubspot":
        return _epoch(record.get("updatedAt", record.get("createdAt", 0)))
    if system == "stripe":
        return max(_epoch(record["created"]), stripe_events.get(record["id"], 0))
    for key in ("updated_at", "created_at"):
        if key in record:
            return _epoch(record[key])
    return 0.0


def test_night_one_adds_and_changes_only_records_touched_after_night_zero(nights: tuple[World, World]) -> None:
    before, after = nights
    assert (after.now - before.now).days == LATER
    cutoff = before.now.timestamp()
    stripe_events: dict[str, float] = {}
    for event in after.stripe["events"]:
        object_id = event["data"]["object"]["id"]
        stripe_events[object_id] = max(stripe_events.get(object_id, 0), event["created"])
    changed: dict[str, int] = {}
    for system in ("hubspot", "stripe", "zendesk"):
        for name, rows in getattr(after, system).items():
            old = {json.dumps(r["id"]): json.dumps(r, sort_keys=True) for r in getattr(before, system).get(name, [])}
            new = {json.dumps(r["id"]): r for r in rows}
            assert set(old) <= set(new), (system, name)  # nothing disappears
            for key, record in new.items():
                if old.get(key) == json.dumps(record, sort_keys=True):
                    continue
                assert _changed_at(system, name, record, stripe_events) > cutoff, (system, name, key)
                kind = "changed" if key in old else "new"
                changed[f"{system}.{name}.{kind}"] = changed.get(f"{system}.{name}.{kind}", 0) + 1
    for expected in (
        "hubspot.deals.changed",
        "hubspot.deals.new",
        "stripe.charges.new",
        "zendesk.tickets.changed",
        "zendesk.tickets.new",
    ):
        assert changed.get(expected, 0) > 0, (expected, changed)


def test_night_one_truth_extends_night_zero(nights: tuple[World, World]) -> None:
    before, after = nights
    assert list(after.truth["deals_won"])[-1] == "2026-11-01"
    for metric in ("deals_won", "gross_revenue", "cases_created", "leads_created"):
        for month, value in before.truth[metric].items():
            if month < "2026-10-01":
                assert after.truth[metric][month] == value, (metric, month)


def test_nights_beyond_the_event_log_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_world(SEED, 0.01, night=31)

"""The demo world: deterministic, near its scale targets, coherent across systems, with known defects."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest

from connectors.demo.gen_defects import DEFAULT_DEFECT_RATES, DEFECT_ENTITIES
from connectors.demo.generator import generate_world, stream_world
from connectors.demo.world import World

# Scale-1 targets of the issue; checked at scale 0.2 within a generous band.
TARGETS = {
    "hubspot.companies": 2000,
    "hubspot.contacts": 5000,
    "hubspot.deals": 3000,
    "activities": 30000,
    "stripe.subscriptions": 1500,
    "stripe.charges": 20000,
    "zendesk.tickets": 6000,
    "zendesk.talk_calls": 8000,
    "surveys": 2000,
}


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def mid_world() -> World:
    return generate_world(seed=11, scale=0.2)


@pytest.fixture(scope="module")
def defective() -> World:
    return generate_world(seed=5, scale=0.2, defect_rates=DEFAULT_DEFECT_RATES)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate_world(seed=3, scale=0.05).write(tmp_path / "a")
    generate_world(seed=3, scale=0.05).write(tmp_path / "b")
    generate_world(seed=4, scale=0.05).write(tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert (tmp_path / "a" / "files" / "finance" / "fx_rates").is_dir()


def test_stream_world_writes_the_same_records_and_truth(tmp_path: Path) -> None:
    world = generate_world(seed=3, scale=0.05)
    counts = stream_world(tmp_path / "s", seed=3, scale=0.05)
    assert counts == world.counts()
    assert json.loads((tmp_path / "s" / "truth.json").read_text()) == json.loads(json.dumps(world.truth))
    streamed = [json.loads(line)["id"] for line in (tmp_path / "s" / "stripe" / "charges.jsonl").open()]
    assert sorted(streamed) == sorted(c["id"] for c in world.stripe["charges"])


def test_counts_are_near_the_scale_targets(mid_world: World) -> None:
    counts = mid_world.counts()
    counts["activities"] = sum(counts[f"hubspot.{k}"] for k in ("calls", "emails", "meetings", "tasks"))
    counts["surveys"] = counts["hubspot.feedback_submissions"]
    for name, target in TARGETS.items():
        assert 0.6 * target * 0.2 <= counts[name] <= 1.4 * target * 0.2, (name, counts[name])


def test_the_business_is_varied(mid_world: World) -> None:
    charges = mid_world.stripe["charges"]
    assert {c["currency"] for c in charges} == {"usd", "eur", "gbp", "jpy"}
    assert {c["status"] for c in charges} == {"succeeded", "failed"}
    assert any(0 < c["amount_refunded"] < c["amount"] for c in charges)  # partial refunds
    assert any(c["refunded"] for c in charges)
    statuses = {s["status"] for s in mid_world.stripe["subscriptions"]}
    assert {"active", "canceled"} <= statuses
    intervals = {s["items"]["data"][0]["price"]["recurring"]["interval"] for s in mid_world.stripe["subscriptions"]}
    assert intervals == {"month", "year"}
    tickets = mid_world.zendesk["tickets"]
    assert any(t["metric_set"]["reopens"] for t in tickets) and any("complaint" in t["tags"] for t in tickets)
    outcomes = {c["completion_status"] for c in mid_world.zendesk["talk_calls"]}
    assert {"completed", "abandoned_in_queue", "abandoned_in_ivr", "abandoned_on_hold", "voicemail"} <= outcomes
    assert {r["score"] for r in mid_world.zendesk["satisfaction_ratings"]} == {"good", "bad", "offered"}
    assert {d["properties"]["pipeline"] for d in mid_world.hubspot["deals"]} == {"default", "renewals"}
    assert any(c["archived"] for c in mid_world.hubspot["contacts"])
    assert any(t["properties"]["hs_task_status"] == "NOT_STARTED" for t in mid_world.hubspot["tasks"])
    for folder, rows in mid_world.files.items():
        assert rows, folder


def test_systems_are_coherent(mid_world: World) -> None:
    contacts = {c["id"] for c in mid_world.hubspot["contacts"]}
    companies = {c["id"] for c in mid_world.hubspot["companies"]}
    for customer in mid_world.stripe["customers"]:
        meta = customer["metadata"]
        assert meta.get("hubspot_contact_id", next(iter(contacts))) in contacts
        assert meta.get("hubspot_company_id", next(iter(companies))) in companies
    users = {u["id"] for u in mid_world.zendesk["users"]}
    assert all(t["requester_id"] in users for t in mid_world.zendesk["tickets"])
    owners = {o["id"] for o in mid_world.hubspot["owners"]}
    assert all(d["properties"]["hubspot_owner_id"] in owners for d in mid_world.hubspot["deals"])
    # every account whose deal was won more than 30 days ago has paid
    paying = {c["customer"] for c in mid_world.stripe["charges"] if c["status"] == "succeeded"}
    by_company = {link["hubspot_company_id"]: link for link in mid_world.manifest["identity"]}
    cutoff = mid_world.now.timestamp() - 30 * 86400
    for deal in mid_world.hubspot["deals"]:
        stage = deal["properties"]["dealstage"]
        won = [h for h in deal["propertiesWithHistory"]["dealstage"] if h["value"] in ("closedwon", "r_won")]
        if stage in ("closedwon", "r_won") and _ts(won[-1]["timestamp"]) < cutoff:
            company = deal["associations"]["companies"]["results"][0]["id"]
            assert by_company[company]["stripe_customer_id"] in paying, deal["id"]


def test_identity_needs_resolving(mid_world: World) -> None:
    emails = [c["email"] for c in mid_world.stripe["customers"]]
    assert any(e != e.strip() for e in emails) and any(e != e.lower() for e in emails)
    assert any(e.strip().lower().endswith("@gmail.com") for e in emails)
    assert any(not c["metadata"] for c in mid_world.stripe["customers"])
    assert any(not o["domain_names"] for o in mid_world.zendesk["organizations"])


def test_defects_match_their_rates_and_reference_records(defective: World) -> None:
    entries = defective.manifest["defects"]
    assert defective.manifest["rates"] == DEFAULT_DEFECT_RATES
    clean = generate_world(seed=5, scale=0.2).counts()
    for kind, entities in DEFECT_ENTITIES.items():
        for entity in entities:
            found = [e for e in entries if e["kind"] == kind and e["entity"] == entity]
            expected = DEFAULT_DEFECT_RATES[kind] * clean[entity]
            assert abs(len(found) - expected) <= 3 * math.sqrt(expected) + 2, (kind, entity, len(found), expected)
            system, name = entity.split(".", 1)
            rows = getattr(defective, system)[name]
            key = "submission_id" if system == "files" else "id"
            ids = {r[key] for r in rows}
            assert all(e["id"] in ids for e in found), (kind, entity)
    assert {e["kind"] for e in entries} == set(DEFAULT_DEFECT_RATES)
    assert generate_world(seed=5, scale=0.2).truth == defective.truth  # defects never reach the truth


def test_clean_by_default(mid_world: World) -> None:
    assert mid_world.manifest["defects"] == []
    assert all(c["amount"] >= 0 for c in mid_world.stripe["charges"])


def _ts(value: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()

"""The connectors against the emulator: full sync, next night, faults, drift, secrets."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

import connectors.hubspot
import connectors.stripe
import connectors.zendesk
from config import load_settings
from connectors.demo.emulator import Emulator
from connectors.demo.world import World
from connectors.http import make_session
from connectors.loader import ENTITIES, IngestError, LoadReport, load_source
from connectors.state import Batch, Boundary
from orchestration.demo import point_sources_at
from tests.test_connectors_fixtures import fixture_world, next_night

TOKEN = "tok-9f3c2a7e-secret"
API_SOURCES = ("hubspot", "stripe", "zendesk")
FULL_REFRESH = {"hubspot.pipelines", "hubspot.owners", "zendesk.sla_policies"}


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 2 or 3 records so a handful of records exercises every paging rule."""
    monkeypatch.setattr(connectors.hubspot, "LIST_LIMIT", 2)
    monkeypatch.setattr(connectors.hubspot, "SEARCH_PAGE", 2)
    monkeypatch.setattr(connectors.stripe, "PAGE_LIMIT", 3)
    monkeypatch.setattr(connectors.zendesk, "CURSOR_PAGE_SIZE", 2)
    monkeypatch.setattr(connectors.zendesk, "RATINGS_PAGE_SIZE", 2)
    monkeypatch.setattr(connectors.zendesk, "TALK_PAGE_SIZE", 3)
    monkeypatch.setenv("RUNTIME__REQUEST_BACKOFF_FACTOR", "0.01")
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_RETRY_DELAY", "0.05")
    monkeypatch.setenv("RUNTIME__REQUEST_TIMEOUT", "1")


def emulator_for(world: World) -> Emulator:
    return Emulator(world, token=TOKEN, time_page_size=3, talk_page_size=3, timeout_seconds=1.5)


@pytest.fixture
def served(crmwh_home: Path, small_pages: None) -> Iterator[Emulator]:
    with emulator_for(fixture_world()) as emulator:
        point_sources_at(emulator.base_url, TOKEN)
        yield emulator
    for key in [k for k in os.environ if k.startswith(("CRMWH_HUBSPOT_", "CRMWH_STRIPE_", "CRMWH_ZENDESK_"))]:
        del os.environ[key]


def sync(source: str) -> LoadReport:
    return load_source(source, load_settings())


def rows(home: Path, source: str, table: str, load_id: str | None = None) -> list[dict[str, Any]]:
    with duckdb.connect(str(home / "build.duckdb"), read_only=True) as con:
        where = f" where _dlt_load_id = '{load_id}'" if load_id else ""
        result = con.execute(f"select * from raw_{source}.{table}{where}")
        names = [d[0] for d in result.description]
        return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def served_records(world: World, source: str, entity: str) -> list[dict[str, Any]]:
    records = getattr(world, source).get(entity, [])
    if (source, entity) == ("stripe", "events"):
        oldest = int(world.now.timestamp()) - 30 * 86400
        records = [r for r in records if r["created"] >= oldest]
    return records


def checksum(pairs: list[tuple[Any, Any]]) -> str:
    return hashlib.sha256(repr(sorted((str(a), str(b)) for a, b in pairs)).encode()).hexdigest()


# A scalar per entity that must survive the trip (raw column, accessor on the vendor record).
CONTENT: dict[str, tuple[str, Any]] = {
    "hubspot.deals": ("properties__amount", lambda r: r["properties"]["amount"]),
    "hubspot.contacts": ("properties__email", lambda r: r["properties"]["email"]),
    "hubspot.companies": ("properties__domain", lambda r: r["properties"]["domain"]),
    "hubspot.calls": ("properties__hs_call_duration", lambda r: r["properties"]["hs_call_duration"]),
    "stripe.charges": ("amount", lambda r: r["amount"]),
    "stripe.subscriptions": ("status", lambda r: r["status"]),
    "zendesk.tickets": ("status", lambda r: r["status"]),
    "zendesk.talk_calls": ("duration", lambda r: r["duration"]),
    "zendesk.users": ("email", lambda r: r["email"]),
}


def assert_equals_world(home: Path, world: World, source: str, report: LoadReport) -> None:
    for entity in ENTITIES[source]:
        expected = served_records(world, source, entity)
        landed = rows(home, source, entity, report.load_id) if report.rows.get(entity) else []
        assert len(landed) == len(expected), f"{source}.{entity}"
        assert sorted(str(r["id"]) for r in landed) == sorted(str(r["id"]) for r in expected), f"{source}.{entity}"
        column, accessor = CONTENT.get(f"{source}.{entity}", ("id", lambda r: r["id"]))
        assert checksum([(r["id"], r[column]) for r in landed]) == checksum([(r["id"], accessor(r)) for r in expected])


def test_full_sync_equals_the_world(served: Emulator, crmwh_home: Path) -> None:
    served.world.manifest["defects"] = [  # served twice across a page boundary, landed once
        {"kind": "repeated_across_pages", "entity": "stripe.charges", "id": "ch_000005", "detail": ""},
        {"kind": "repeated_across_pages", "entity": "zendesk.talk_calls", "id": "8001", "detail": ""},
        {"kind": "repeated_across_pages", "entity": "hubspot.deals", "id": "9001", "detail": ""},
    ]
    served_ids, after = [], None
    while True:  # the emulator does serve it twice
        _, body = served.route("GET", "/v1/charges", {"limit": "3", **({"starting_after": after} if after else {})})
        served_ids += [c["id"] for c in body["data"]]
        if not body["has_more"]:
            break
        after = body["data"][-1]["id"]
    assert served_ids.count("ch_000005") == 2
    for source in API_SOURCES:
        report = sync(source)
        assert report.skipped_reason is None and not report.drift
        assert_equals_world(crmwh_home, served.world, source, report)
    history = rows(crmwh_home, "hubspot", "deals__properties_with_history__dealstage")
    assert len(history) == sum(len(d["propertiesWithHistory"]["dealstage"]) for d in served.world.hubspot["deals"])
    associations = rows(crmwh_home, "hubspot", "calls__associations__deals__results")
    assert {r["id"] for r in associations} == {
        c["associations"]["deals"]["results"][0]["id"] for c in served.world.hubspot["calls"]
    }
    landed_deals = {r["id"]: r for r in rows(crmwh_home, "hubspot", "deals")}
    for deal in served.world.hubspot["deals"]:  # HubSpot's instants land as the text it sent
        assert landed_deals[deal["id"]]["properties__createdate"] == deal["properties"]["createdate"]
    archived = {r["id"]: r["archived"] for r in rows(crmwh_home, "hubspot", "contacts")}
    assert archived["506"] is True and archived["501"] is False
    assert {r["status"] for r in rows(crmwh_home, "stripe", "subscriptions")} >= {"canceled"}
    assert "deleted" in {r["status"] for r in rows(crmwh_home, "zendesk", "tickets")}
    comments = [r for r in rows(crmwh_home, "zendesk", "ticket_events__child_events") if r["event_type"] == "Comment"]
    assert len(comments) == 4 and all(r["public"] for r in comments)
    assert rows(crmwh_home, "zendesk", "tickets")[0]["metric_set__reopens"] == 0


def _landed_ids(home: Path, report: LoadReport, source: str) -> dict[str, set[str]]:
    out = {}
    for entity in ENTITIES[source]:
        if report.rows.get(entity):
            out[f"{source}.{entity}"] = {str(r["id"]) for r in rows(home, source, entity, report.load_id)}
    return out


def test_next_night_loads_exactly_the_new_and_changed_records(served: Emulator, crmwh_home: Path) -> None:
    for source in API_SOURCES:
        sync(source)
    night, expected = next_night(served.world)
    served.world = night
    landed: dict[str, set[str]] = {}
    for source in API_SOURCES:
        landed |= _landed_ids(crmwh_home, sync(source), source)
    incremental = {k: v for k, v in landed.items() if k not in FULL_REFRESH}
    assert incremental == expected
    deal = next(r for r in rows(crmwh_home, "hubspot", "deals") if r["id"] == "9001" and r["properties__dealstage"] == "s_won")
    stages = [
        r
        for r in rows(crmwh_home, "hubspot", "deals__properties_with_history__dealstage")
        if r["_dlt_parent_id"] == deal["_dlt_id"]
    ]
    assert len(stages) == 3  # the changed deal comes back with its whole history
    refund = [r for r in rows(crmwh_home, "stripe", "charges") if r["id"] == "ch_000000"]
    assert sorted(r["amount_refunded"] for r in refund) == [0, 1000]
    # a third night with nothing new lands nothing but the full-refresh lists
    for source in API_SOURCES:
        assert not {k for k in _landed_ids(crmwh_home, sync(source), source) if k not in FULL_REFRESH}


TRANSIENT_FAULTS = [
    ("http_500", "/crm/v3/objects/deals"),
    ("http_503", "/v1/charges"),
    ("rate_limit", "/api/v2/incremental/tickets"),
    ("rate_limit_no_header", "/v1/customers"),
    ("timeout", "/api/v2/channels/voice"),
    ("truncated", "/crm/v3/objects/contacts"),
    ("truncated", "/api/v2/incremental/ticket_events.json"),
    ("repeat_page", "/v1/invoices"),
    ("repeat_page", "/crm/v3/objects/calls"),
    ("repeat_page", "/api/v2/incremental/users"),
]


def test_transient_faults_lose_nothing_and_repeat_nothing(served: Emulator, crmwh_home: Path) -> None:
    for kind, path in TRANSIENT_FAULTS:
        served.inject(path, kind, times=2, retry_after=1 if kind == "rate_limit" else 0)
    for source in API_SOURCES:
        assert_equals_world(crmwh_home, served.world, source, sync(source))
    assert [(f.kind, f.path) for f in served.faults if f.times != 0] == []


def test_a_failed_page_fails_the_source_and_the_next_run_resumes(served: Emulator, crmwh_home: Path) -> None:
    sync("stripe")
    night, expected = next_night(served.world)
    served.world = night
    served.inject("/v1/charges", "http_500", times=-1)
    with pytest.raises(IngestError, match=r"GET /v1/charges answered HTTP 500") as failure:
        sync("stripe")
    assert TOKEN not in str(failure.value)
    served.clear_faults()
    report = sync("stripe")  # resumes from the last committed position: the failed run advanced nothing
    assert _landed_ids(crmwh_home, report, "stripe") == {k: v for k, v in expected.items() if k.startswith("stripe.")}


def test_schema_drift_is_recorded_never_a_crash(served: Emulator, crmwh_home: Path) -> None:
    for source in ("hubspot", "stripe"):
        sync(source)
    night, _ = next_night(served.world)
    served.world = night
    served.inject("/v1/charges", "drift_add", times=-1)
    served.inject("/v1/events", "drift_remove", times=-1, field="type")
    served.inject("/crm/v3/objects/deals", "drift_retype", times=-1, field="properties.amount")
    changes = {(c["table"], c["field"], c["change"]) for s in ("hubspot", "stripe") for c in sync(s).drift}
    assert ("charges", "emulator_new_field", "added") in changes
    assert ("events", "type", "missing") in changes
    assert ("deals", "properties.amount", "retyped") in changes
    assert "emulator_new_field" in rows(crmwh_home, "stripe", "charges")[0]


def test_rate_limited_emulator_is_waited_for(crmwh_home: Path, small_pages: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNTIME__REQUEST_BACKOFF_FACTOR", "0.2")  # no Retry-After: exponential backoff
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_RETRY_DELAY", "1")
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_ATTEMPTS", "8")
    with Emulator(fixture_world(), token=TOKEN, rate_limit=8, rate_window=0.5, rate_limit_retry_after=False) as emulator:
        point_sources_at(emulator.base_url, TOKEN)
        report = sync("zendesk")
    assert_equals_world(crmwh_home, emulator.world, "zendesk", report)


def test_secrets_stay_out_of_logs_state_and_errors(
    served: Emulator, crmwh_home: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level("DEBUG")
    sync("stripe")
    served.inject("/api/v2/", "http_500", times=-1)
    with pytest.raises(IngestError) as failure:
        sync("zendesk")
    out, err = capfd.readouterr()
    import base64

    forms = [TOKEN, base64.b64encode(f"demo@example.com/token:{TOKEN}".encode()).decode()]
    for text in (caplog.text, out, err, str(failure.value)):
        assert not any(form in text for form in forms)
    for path in (crmwh_home / "dlt").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(form.encode() in data for form in forms), path


def test_hubspot_search_past_the_cap_requeries_from_the_last_value(served: Emulator, crmwh_home: Path) -> None:
    sync("hubspot")
    night, _ = next_night(served.world)
    for n, deal in enumerate(night.hubspot["deals"]):  # every deal changes: more than the cap allows
        stamp = f"2026-11-01T1{n % 10}:00:00.000Z"
        deal["properties"]["hs_lastmodifieddate"] = deal["updatedAt"] = stamp
    served.world, served.search_result_cap = night, 3
    report = sync("hubspot")
    landed = rows(crmwh_home, "hubspot", "deals", report.load_id)
    assert sorted(r["id"] for r in landed) == sorted(d["id"] for d in night.hubspot["deals"])
    searches = [r for r in served.requests if r.startswith("/crm/v3/objects/deals/search")]
    assert len(searches) > 4  # pages of 2 under a cap of 3: a 400, then fresh queries from the last value


def test_stripe_relists_everything_when_events_no_longer_cover_the_gap(served: Emulator, crmwh_home: Path) -> None:
    sync("stripe")
    served.world.now += timedelta(days=31)  # the API's clock: events since the last sync are gone
    report = sync("stripe")
    assert report.rows["charges"] == len(served.world.stripe["charges"])
    assert report.rows["customers"] == len(served.world.stripe["customers"])


def test_stripe_deleted_objects_are_marked_not_dropped(served: Emulator, crmwh_home: Path) -> None:
    sync("stripe")
    customer = served.world.stripe["customers"][0]
    moment = int(served.world.now.timestamp()) - 600
    served.world.stripe["events"].insert(
        0,
        {
            "id": "evt_del",
            "object": "event",
            "created": moment,
            "type": "customer.deleted",
            "livemode": False,
            "data": {"object": {**customer, "deleted": True}, "previous_attributes": None},
        },
    )
    report = sync("stripe")
    deleted = rows(crmwh_home, "stripe", "customers", report.load_id)
    assert [(r["id"], r["deleted"]) for r in deleted] == [(customer["id"], True)]


def test_batch_drops_repeats_keeps_newer_and_shows_conflicts() -> None:
    batch = Batch(version=lambda r: r["v"])
    batch.add({"id": 1, "v": 1, "x": "a"})
    batch.add({"id": 1, "v": 1, "x": "a"})  # a repeat
    batch.add({"id": 2, "v": 1, "x": "a"})
    batch.add({"id": 2, "v": 2, "x": "b"})  # a later version replaces
    batch.add({"id": 3, "v": 1, "x": "a"}, suppressed=True)  # loaded by the last run
    batch.add({"id": 4, "v": 1, "x": "a"}, suppressed=True)
    batch.add({"id": 4, "v": 1, "x": "z"})  # same version, other content: the audit must see both
    assert [(r["id"], r["x"]) for r in batch.records()] == [(1, "a"), (2, "b"), (4, "a"), (4, "z")]
    assert batch.repeats_dropped == 1


def test_proxy_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", "api.hubapi.com")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/company.pem")
    proxied = make_session("https://api.stripe.com/")
    assert proxied.proxies.get("https") == "http://proxy.internal:3128" and proxied.verify == "/etc/ssl/company.pem"
    assert "https" not in make_session("https://api.hubapi.com/").proxies


def test_boundary_never_moves_past_the_servers_clock() -> None:
    boundary = Boundary()
    records = [{"id": 1, "t": 100}, {"id": 2, "t": 150}, {"id": 3, "t": 999}]  # 3 is stamped in the future
    boundary.advance(records, lambda r: r["t"], ceiling=150)
    assert boundary.cursor == 150
    assert boundary.already_loaded(records[1], 150) and boundary.already_loaded(records[2], 999)
    assert not boundary.already_loaded(records[0], 100)
    assert not boundary.already_loaded({"id": 3, "t": 999, "changed": True}, 999)


def test_secrets_stay_out_of_dagster_runs(served: Emulator, crmwh_home: Path) -> None:
    import dagster as dg

    from orchestration.defs.ingest import build_ingest
    from orchestration.defs.resources import CrmwhResource

    served.inject("/api/v2/incremental/users", "http_500", times=-1)
    dagster_home = crmwh_home / "dagster"
    dagster_home.mkdir(parents=True)
    with dg.DagsterInstance.local_temp(str(dagster_home)) as instance:
        result = dg.materialize(
            [build_ingest("zendesk")], resources={"crmwh": CrmwhResource()}, instance=instance, raise_on_error=False
        )
        assert not result.success
        errors = [e.step_failure_data.error.to_string() for e in result.all_events if e.is_step_failure]
        assert any("GET /api/v2/incremental/users/cursor.json answered HTTP 500" in error for error in errors)
        assert not any(TOKEN in error for error in errors)
    for path in dagster_home.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path

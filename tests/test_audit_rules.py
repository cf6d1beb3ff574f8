"""The audit's rules on small raw tables built in dlt's shape: every defect kind caught, with exact counts."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from expectations import validate
from expectations.audit import CLOCK_ENV, audit_clock, audit_entity
from expectations.suites import SUITES

CLOCK = datetime(2026, 10, 31, 22, tzinfo=UTC)
LOAD = "1790000000.000001"
_ids = itertools.count()


def land(con: duckdb.DuckDBPyConnection, entity: str, rows: list[dict[str, Any]], load_id: str = LOAD) -> None:
    """Append rows to raw_<source>.<table> as dlt would: `_dlt_load_id`, `_dlt_id`, `__` for nested dicts."""
    source, table = entity.split(".", 1)
    dataset = f"raw_{source}"
    con.execute(f"create schema if not exists {dataset}")
    columns = list(dict.fromkeys(k for row in rows for k in row))  # from_pylist would keep the first row's keys only
    records = [{c: row.get(c) for c in columns} | {"_dlt_load_id": load_id, "_dlt_id": f"row{next(_ids)}"} for row in rows]
    body = pa.Table.from_pylist(records)
    con.register("landing", body)
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [dataset, table]
    ).fetchall()[0][0]
    if exists:
        con.execute(f"insert into {dataset}.{table} by name select * from landing")
    else:
        con.execute(f"create table {dataset}.{table} as select * from landing")
    con.unregister("landing")
    con.execute(f"create table if not exists {dataset}._dlt_loads (load_id varchar, status bigint, inserted_at timestamptz)")
    con.execute(f"insert into {dataset}._dlt_loads values (?, 0, ?)", [load_id, CLOCK])


def deal(i: int, **props: Any) -> dict[str, Any]:
    base = {
        "createdate": datetime(2025, 3, 1, tzinfo=UTC),
        "pipeline": "default",
        "dealstage": "appointmentscheduled",
        "amount": "1000.00",
        "deal_currency_code": "USD",
        "hubspot_owner_id": "o1",
    }
    base.update(props)
    return {"id": f"d{i}", "created_at": datetime(2025, 3, 1, tzinfo=UTC)} | {f"properties__{k}": v for k, v in base.items()}


def charge(charge_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": charge_id, "created": 1740000000, "amount": 500, "currency": "usd", "customer": "cus_1"} | fields


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute("set TimeZone = 'UTC'")
    land(connection, "hubspot.owners", [{"id": "o1", "email": "ann@example.com"}, {"id": "o2", "email": "bob@example.com"}])
    land(connection, "hubspot.pipelines", [{"id": "default", "label": "Sales"}])
    parent = connection.execute("select _dlt_id from raw_hubspot.pipelines").fetchall()[0][0]
    stages = [{"id": s, "_dlt_parent_id": parent} for s in ("appointmentscheduled", "closedwon", "closedlost")]
    land(connection, "hubspot.pipelines__stages", stages)
    land(connection, "stripe.customers", [{"id": "cus_1", "email": "c@example.com", "created": 1735689600}])
    land(connection, "zendesk.users", [{"id": 10, "email": "agent@example.com", "created_at": datetime(2025, 1, 1, tzinfo=UTC)}])
    yield connection
    connection.close()


def _audit(con: duckdb.DuckDBPyConnection, entity: str) -> Any:
    return audit_entity(con, entity, f"raw_{entity.split('.')[0]}", clock=CLOCK)


def test_clean_data_passes_with_nothing_quarantined(con: duckdb.DuckDBPyConnection) -> None:
    land(con, "hubspot.deals", [deal(i) for i in range(20)])
    land(con, "stripe.charges", [charge(f"ch_{i}") for i in range(5)])
    for entity in ("hubspot.owners", "hubspot.pipelines", "hubspot.deals", "stripe.customers", "stripe.charges", "zendesk.users"):
        audit = _audit(con, entity)
        assert audit.passed and audit.quarantined == 0 and audit.failed_rules == [], (entity, audit.failed_rules)
        assert audit.reconciliation["unaccounted"] == 0
        assert audit.reconciliation["raw"] == audit.reconciliation["clean"] > 0


def test_deal_defects_are_quarantined_with_their_reasons(con: duckdb.DuckDBPyConnection) -> None:
    rows = [deal(i) for i in range(10)]
    rows += [deal(10, amount="-50.00"), deal(11, amount="-1")]
    rows += [deal(12, deal_currency_code="XYZ")]
    rows += [deal(13, hubspot_owner_id="ghost")]
    rows += [deal(14, dealstage="nosuchstage"), deal(15, pipeline="other", dealstage="closedwon")]
    rows += [deal(16, createdate=datetime(2027, 1, 1, tzinfo=UTC)), deal(17, createdate=datetime(1999, 12, 31, tzinfo=UTC))]
    rows += [deal(18, createdate=datetime(2026, 11, 1, 12, tzinfo=UTC))]  # within the day of skew: fine
    land(con, "hubspot.deals", rows)
    audit = _audit(con, "hubspot.deals")
    assert audit.passed, audit.failed_rules
    assert audit.quarantined_by_reason == {
        "negative properties__amount": 2,
        "unknown currency": 1,
        "orphan deal owner": 1,
        "unknown stage id": 2,
        "future properties__createdate": 1,
        "properties__createdate before 2000": 1,
    }
    assert audit.rows == 19 and audit.clean == 11
    assert audit.reconciliation == {"raw": 19, "clean": 11, "quarantined": 8, "unaccounted": 0}
    clean_ids = {r[0] for r in con.execute("select id from clean.hubspot__deals").fetchall()}
    assert "d10" not in clean_ids and "d18" in clean_ids
    stored = con.execute(
        "select reasons, load_id, severity from audit.quarantine where row_id in "
        "(select _dlt_id from raw_hubspot.deals where id = 'd13')"
    ).fetchall()
    assert stored == [("orphan deal owner", LOAD, "warn")]


def test_duplicate_ids_and_missing_required_fields_block(con: duckdb.DuckDBPyConnection) -> None:
    charges = [charge(f"ch_{i}") for i in range(4)]
    charges += [charge("ch_0"), charge("ch_9", created=None), charge("ch_10", customer="cus_404")]
    land(con, "stripe.charges", charges)
    audit = _audit(con, "stripe.charges")
    assert not audit.passed
    errors = {r["reason"]: r["failed_rows"] for r in audit.failed_rules if r["severity"] == "error"}
    assert errors == {"duplicate id in load": 2, "missing created": 1}
    assert audit.quarantined_by_reason == {"duplicate id in load": 2, "missing created": 1, "orphan charge customer": 1}
    assert "duplicate id in load (2 rows)" in audit.summary()
    assert audit.reconciliation["unaccounted"] == 0


def test_unparseable_required_timestamp_blocks(con: duckdb.DuckDBPyConnection) -> None:
    # dlt puts a value that does not fit the column's type into a variant column
    rows = [deal(i) for i in range(3)] + [deal(3, createdate=None) | {"properties__createdate__v_text": "yesterday-ish"}]
    land(con, "hubspot.deals", rows)
    audit = _audit(con, "hubspot.deals")
    assert [(r["reason"], r["failed_rows"]) for r in audit.failed_rules] == [("unparseable properties__createdate", 1)]
    assert not audit.passed


def test_epoch_and_iso_strings_are_parsed(con: duckdb.DuckDBPyConnection) -> None:
    rows = [deal(0, createdate="2025-01-02T03:04:05Z"), deal(1, createdate="1735787045000"), deal(2, createdate="4102444800000")]
    land(con, "hubspot.deals", rows)
    audit = _audit(con, "hubspot.deals")
    assert audit.passed and audit.quarantined_by_reason == {"future properties__createdate": 1}


def test_survey_scores_outside_their_scale(con: duckdb.DuckDBPyConnection) -> None:
    def submission(i: int, kind: str, value: str) -> dict[str, Any]:
        return {
            "id": f"f{i}",
            "created_at": datetime(2025, 5, 1, tzinfo=UTC),
            "properties__hs_survey_type": kind,
            "properties__hs_response_value": value,
        }

    ok = [submission(i, "NPS", str(i % 11)) for i in range(11)] + [submission(20 + i, "CES", str(1 + i % 7)) for i in range(7)]
    bad = [submission(40, "NPS", "11"), submission(41, "NPS", "-1"), submission(42, "CES", "0"), submission(43, "CES", "8")]
    land(con, "hubspot.feedback_submissions", [*ok, *bad, submission(44, "CSAT", "20")])
    audit = _audit(con, "hubspot.feedback_submissions")
    assert audit.quarantined_by_reason == {"NPS outside 0-10": 2, "CES outside 1-7": 2}
    assert {r["reason"] for r in audit.skipped_rules} == {
        "future properties__hs_submission_timestamp",
        "properties__hs_submission_timestamp before 2000",
    }


def test_invalid_emails_but_not_case_or_blanks(con: duckdb.DuckDBPyConnection) -> None:
    users = [
        {"id": 11, "email": " Mixed.Case@Example.COM "},
        {"id": 12, "email": "no-at-sign.example.com"},
        {"id": 13, "email": "two@@example.com"},
        {"id": 14, "email": None},
    ]
    land(con, "zendesk.users", users, load_id="1790000001.0")
    audit = _audit(con, "zendesk.users")
    assert audit.quarantined_by_reason == {"invalid email": 2}


def test_orphan_ticket_requester_and_call_agent(con: duckdb.DuckDBPyConnection) -> None:
    at = datetime(2025, 6, 1, tzinfo=UTC)
    land(con, "zendesk.tickets", [{"id": i, "created_at": at, "requester_id": user} for i, user in ((1, 10), (2, 99))])
    calls = [{"id": i, "created_at": at, "agent_id": agent, "duration": s} for i, agent, s in ((1, 10, 30), (2, 77, -3))]
    land(con, "zendesk.talk_calls", calls)
    assert _audit(con, "zendesk.tickets").quarantined_by_reason == {"orphan ticket requester": 1}
    assert _audit(con, "zendesk.talk_calls").quarantined_by_reason == {"orphan call agent": 1, "negative duration": 1}


def test_duplicate_form_submissions_keep_the_first(con: duckdb.DuckDBPyConnection) -> None:
    def form(i: str, email: str, form_id: str, at: str) -> dict[str, Any]:
        return {"id": i, "submission_id": i, "form_id": form_id, "contact_email": email, "submitted_at": at}

    rows = [
        form("s1", "ann@example.com", "f1", "2025-04-01T10:00:00Z"),
        form("s2", " ANN@example.com", "f1", "2025-04-01T10:09:59Z"),  # same person, same form, 10 min: duplicate
        form("s3", "ann@example.com", "f2", "2025-04-01T10:01:00Z"),  # another form
        form("s4", "ann@example.com", "f1", "2025-04-01T10:30:00Z"),  # later: a new submission
        form("s5", "bob@example.com", "f1", "2025-04-01T10:00:00Z"),
        form("s6", "bob@example.com", "f1", "2025-04-01T10:00:00Z"),  # same instant: the higher id goes
    ]
    land(con, "files.marketing__form_submissions", rows)
    audit = _audit(con, "files.marketing__form_submissions")
    assert audit.quarantined_by_reason == {"duplicate form submission": 2}
    kept = {r[0] for r in con.execute("select id from clean.files__marketing__form_submissions").fetchall()}
    assert kept == {"s1", "s3", "s4", "s5"}
    # a later drop is judged against every load: s7 comes 5 minutes after s4
    land(con, "files.marketing__form_submissions", [form("s7", "ann@example.com", "f1", "2025-04-01T10:35:00Z")], "1790000009.0")
    assert _audit(con, "files.marketing__form_submissions").quarantined_by_reason == {"duplicate form submission": 1}


def test_absent_columns_warn_rules_skip_error_rules_fail(con: duckdb.DuckDBPyConnection) -> None:
    land(con, "stripe.refunds", [{"id": "re_1", "created": 1740000000}])  # no amount, no currency yet
    audit = _audit(con, "stripe.refunds")
    assert audit.passed and audit.quarantined == 0
    assert {r["reason"] for r in audit.skipped_rules} == {"negative amount", "unknown currency"}
    land(con, "stripe.products", [{"id": "prod_1", "name": "Plan"}])  # `created` is required
    audit = _audit(con, "stripe.products")
    assert not audit.passed and audit.quarantined_by_reason == {"missing created": 1, "unparseable created": 1}


def test_key_uniqueness_holds_across_chunks(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "CHUNK_ROWS", 4)
    rows = [deal(i) for i in range(10)] + [deal(0), deal(9, amount="-5")]
    land(con, "hubspot.deals", rows)
    audit = _audit(con, "hubspot.deals")
    failed = {r["reason"]: r["failed_rows"] for r in audit.failed_rules}
    assert failed == {"duplicate id in load": 4, "negative properties__amount": 1}
    assert audit.rows == 12 and audit.quarantined == 4


def test_each_load_is_audited_once_and_one_version_per_load_is_fine(con: duckdb.DuckDBPyConnection) -> None:
    land(con, "hubspot.deals", [deal(1)])
    land(con, "hubspot.deals", [deal(1, amount="2000")], load_id="1790000050.0")
    first = _audit(con, "hubspot.deals")
    assert first.passed and first.loads == [LOAD, "1790000050.0"] and first.rows == 2
    assert _audit(con, "hubspot.deals").loads == []


def test_source_that_returned_nothing_blocks(con: duckdb.DuckDBPyConnection) -> None:
    land(con, "hubspot.deals", [deal(1), deal(2)])
    _audit(con, "hubspot.deals")
    audit = audit_entity(con, "hubspot.deals", "raw_hubspot", clock=CLOCK, source_landed=False)
    assert not audit.passed
    assert audit.failed_rules[0]["reason"] == "source returned nothing (had 2 rows the night before)"
    assert audit_entity(con, "hubspot.deals", "raw_hubspot", clock=CLOCK, source_landed=True).passed
    land(con, "files.crm__goals", [{"id": "o1|2026-01", "goal_amount": "100", "currency": "USD"}])
    _audit(con, "files.crm__goals")
    assert audit_entity(con, "files.crm__goals", "raw_files", clock=CLOCK, source_landed=False).passed  # no new drop


def test_the_clock_is_pinned(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CLOCK_ENV, raising=False)
    assert audit_clock(con, "raw_hubspot", LOAD) == CLOCK  # the load's time, from _dlt_loads
    monkeypatch.setenv(CLOCK_ENV, "2030-01-01T00:00:00Z")
    assert audit_clock(con, "raw_hubspot", LOAD) == datetime(2030, 1, 1, tzinfo=UTC)
    assert audit_clock(con, "raw_hubspot", LOAD, clock=CLOCK) == CLOCK


def test_every_entity_of_the_contract_has_a_suite() -> None:
    hubspot = {"companies", "contacts", "deals", "calls", "emails", "meetings", "tasks", "feedback_submissions"}
    hubspot |= {"owners", "pipelines"}
    stripe = {"customers", "products", "prices", "charges", "refunds", "invoices", "subscriptions", "balance_transactions"}
    stripe |= {"events"}
    zendesk = {"tickets", "ticket_events", "users", "organizations", "satisfaction_ratings", "sla_policies", "talk_calls"}
    files = {
        "marketing/campaigns",
        "marketing/campaign_costs",
        "marketing/email_events",
        "marketing/form_submissions",
        "marketing/web_sessions",
        "marketing/list_memberships",
        "crm/goals",
        "finance/support_costs",
        "finance/fx_rates",
    }
    expected = {f"hubspot.{e}" for e in hubspot} | {f"stripe.{e}" for e in stripe} | {f"zendesk.{e}" for e in zendesk}
    assert expected | {f"files.{f}" for f in files} == set(SUITES)
    for entity, rules in SUITES.items():
        assert rules[0].kind == "duplicate_pk", entity
        assert len({r.reason for r in rules}) == len(rules), entity

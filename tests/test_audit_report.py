"""Data Docs, the per-entity JSON verdicts, `crmwh audit-report` and the Dagster check wrapper."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from expectations.audit import audit_entity, write_report
from expectations.data_docs import DataDocs
from orchestration.cli import main as crmwh
from orchestration.defs.audit_checks import to_check_result
from tests.test_audit_rules import CLOCK, charge, deal, land


@pytest.fixture
def audited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "crmwh"
    monkeypatch.setenv("CRMWH_HOME", str(home))
    con = duckdb.connect()
    land(con, "hubspot.owners", [{"id": "o1", "email": "ann@example.com"}])
    land(con, "hubspot.deals", [deal(1), deal(2, amount="-3"), deal(3, hubspot_owner_id="nobody")])
    land(con, "stripe.customers", [{"id": "cus_1", "created": 1735689600}])
    land(con, "stripe.charges", [charge("ch_1"), charge("ch_1"), charge("ch_2")])
    docs = DataDocs(home / "audit")
    for entity in ("hubspot.owners", "hubspot.deals", "stripe.charges"):
        audit = audit_entity(con, entity, f"raw_{entity.split('.')[0]}", clock=CLOCK, docs=docs)
        audit.docs = str(docs.build())
        write_report(home / "audit", audit, run_id="test-run")
    con.close()
    return home


def test_data_docs_are_built_in_the_data_folder(audited: Path) -> None:
    index = audited / "audit" / "docs" / "index.html"
    assert index.exists()
    pages = list((audited / "audit" / "docs" / "validations").rglob("*.html"))
    suites = {p.relative_to(audited / "audit" / "docs" / "validations").parts[:2] for p in pages}
    assert {("hubspot", "deals"), ("stripe", "charges")} <= suites
    assert "hubspot.deals" in index.read_text()


def test_audit_report_prints_counts_reasons_failures_and_docs(audited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crmwh(["audit-report"]) == 0
    out = capsys.readouterr().out
    assert "last audit: BLOCKED (2/3 entities passed)" in out
    assert "hubspot.deals  [passed]  rows 3  clean 1  quarantined 2" in out
    assert "quarantined: negative properties__amount: 1" in out and "quarantined: orphan deal owner: 1" in out
    assert "stripe.charges  [BLOCKED]" in out and "failed error: duplicate id in load (2 rows)" in out
    assert "raw 3 = clean 1 + quarantined 2  (ok)" in out
    assert "Data Docs: file://" in out and "audit/docs/index.html" in out


def test_status_still_names_the_blocking_check(audited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crmwh(["status"]) == 0
    out = capsys.readouterr().out
    assert "last audit: BLOCKED" in out and "stripe.charges: duplicate id in load (2 rows)" in out


def test_check_result_carries_counts_and_examples() -> None:
    con = duckdb.connect()
    land(con, "stripe.charges", [charge("ch_1"), charge("ch_1", amount=-5)])
    result = to_check_result(audit_entity(con, "stripe.charges", "raw_stripe", clock=CLOCK))
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    meta = {k: getattr(v, "value", v) for k, v in result.metadata.items()}
    assert meta["rows"] == 2 and meta["quarantined"] == 2
    assert meta["quarantined_by_reason"] == {"duplicate id in load": 2, "negative amount": 1}
    assert "error: duplicate id in load (2 rows)" in meta["failed_rules"]
    assert meta["examples"]["duplicate id in load"][0]["id"] == "ch_1"
    assert "orphan charge customer: skipped: stripe.customers not landed, references cannot be judged" in meta["skipped_rules"]

"""Audit one raw entity: validate every load not yet audited, quarantine, refresh its clean view."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations import quarantine
from expectations.validate import BatchOutcome, validate_batch


@dataclass
class EntityAudit:
    entity: str
    loads: list[str] = field(default_factory=list)
    rows: int = 0
    clean: int = 0
    quarantined_by_reason: dict[str, int] = field(default_factory=dict)
    failed_rules: list[dict[str, Any]] = field(default_factory=list)
    reconciliation: dict[str, int] = field(default_factory=dict)
    note: str | None = None

    @property
    def passed(self) -> bool:
        return not any(r["severity"] == "error" for r in self.failed_rules)

    def summary(self) -> str:
        if self.passed:
            return f"{self.entity}: {self.rows} rows, {self.clean} clean, {self.rows - self.clean} quarantined"
        failed = "; ".join(f"{r['reason']} ({r['failed_rows']} rows)" for r in self.failed_rules if r["severity"] == "error")
        return f"{self.entity}: BLOCKED by {failed}"


def _table_exists(con: duckdb.DuckDBPyConnection, dataset: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [dataset, table]
    ).fetchall()
    return bool(found[0][0])


def _merge(audit: EntityAudit, outcome: BatchOutcome) -> None:
    audit.rows += outcome.rows
    audit.clean += outcome.clean
    for reason, count in outcome.reason_counts().items():
        audit.quarantined_by_reason[reason] = audit.quarantined_by_reason.get(reason, 0) + count
    for rule in outcome.rules:
        if rule.failed_rows:
            audit.failed_rules.append(asdict(rule))


def audit_entity(con: duckdb.DuckDBPyConnection, entity: str, dataset: str) -> EntityAudit:
    table = entity.split(".", 1)[1]
    audit = EntityAudit(entity)
    quarantine.ensure_store(con)
    if not _table_exists(con, dataset, table):
        audit.note = "no raw table yet (source not loaded)"
        return audit
    relation = f"{dataset}.{table}"
    for load_id in quarantine.unaudited_loads(con, entity, relation):
        rows = con.sql(f"select * from {relation} where _dlt_load_id = ?", params=[load_id]).to_arrow_table()
        outcome = validate_batch(entity, rows)
        quarantine.record(con, outcome, load_id)
        audit.loads.append(load_id)
        _merge(audit, outcome)
    quarantine.refresh_clean_views(con, entity, dataset, table)
    audit.reconciliation = quarantine.reconcile(con, entity, dataset, table)
    return audit


def write_report(audit_dir: Path, audit: EntityAudit, run_id: str | None = None) -> Path:
    """Keep the entity's latest verdict as JSON, for `crmwh status` and the audit report."""
    path = audit_dir / "entities" / f"{audit.entity}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = asdict(audit) | {"passed": audit.passed, "run_id": run_id, "audited_at": datetime.now(UTC).isoformat()}
    path.write_text(json.dumps(body, indent=1, sort_keys=True, default=str))
    return path


def read_reports(audit_dir: Path) -> list[dict[str, Any]]:
    folder = audit_dir / "entities"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.exists() else []

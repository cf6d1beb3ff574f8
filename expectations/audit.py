"""Audit one raw entity: validate every load not yet audited, quarantine, refresh its clean view.

The clock that decides what is "in the future" is pinned, never silently the wall clock, so the
same raw data always gives the same verdict: an explicit `clock` argument, else the environment
variable CRMWH_AUDIT_CLOCK (ISO-8601; the demo world, whose clock is in the past, sets it to the
world's `now`), else the time dlt recorded the load (a record cannot have been created after it was
fetched; 1 day of skew is allowed), else the wall clock (a load without a `_dlt_loads` row).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations import quarantine
from expectations.suites import source_of, table_name
from expectations.validate import BatchOutcome, RuleOutcome, Validator, default_validator, validate_load

CLOCK_ENV = "CRMWH_AUDIT_CLOCK"
EMPTY_SOURCE = "source returned nothing"
# File drops arrive when a team exports; a night without a new file is normal, not an empty source.
MAY_SEND_NOTHING = {"files"}


@dataclass
class EntityAudit:
    entity: str
    loads: list[str] = field(default_factory=list)
    rows: int = 0
    clean: int = 0
    quarantined_by_reason: dict[str, int] = field(default_factory=dict)
    failed_rules: list[dict[str, Any]] = field(default_factory=list)
    skipped_rules: list[dict[str, Any]] = field(default_factory=list)
    reconciliation: dict[str, int] = field(default_factory=dict)
    clock: str | None = None
    docs: str | None = None
    note: str | None = None

    @property
    def passed(self) -> bool:
        return not any(r["severity"] == "error" for r in self.failed_rules)

    @property
    def quarantined(self) -> int:
        return self.rows - self.clean

    def summary(self) -> str:
        if self.passed:
            return f"{self.entity}: {self.rows} rows, {self.clean} clean, {self.quarantined} quarantined"
        failed = "; ".join(f"{r['reason']} ({r['failed_rows']} rows)" for r in self.failed_rules if r["severity"] == "error")
        return f"{self.entity}: BLOCKED by {failed}"


def parse_clock(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def audit_clock(con: duckdb.DuckDBPyConnection, dataset: str, load_id: str, clock: datetime | None = None) -> datetime:
    if clock is not None:
        return clock
    if os.environ.get(CLOCK_ENV):
        return parse_clock(os.environ[CLOCK_ENV])
    if _table_exists(con, dataset, "_dlt_loads"):
        found = con.execute(f"select max(inserted_at) from {dataset}._dlt_loads where load_id = ?", [load_id]).fetchall()
        if found and found[0][0] is not None:
            return found[0][0].astimezone(UTC)
    return datetime.now(UTC)


def _table_exists(con: duckdb.DuckDBPyConnection, dataset: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [dataset, table]
    ).fetchall()
    return bool(found[0][0])


def resolver(con: duckdb.DuckDBPyConnection, dataset: str, entity: str) -> Any:
    """ "<source>.<table>" -> its raw relation if landed: this entity's dataset, else raw_<source> by convention."""

    def resolve(other: str) -> str | None:
        other_dataset = dataset if source_of(other) == source_of(entity) else f"raw_{source_of(other)}"
        table = table_name(other)
        return f"{other_dataset}.{table}" if _table_exists(con, other_dataset, table) else None

    return resolve


def _merge(audit: EntityAudit, outcome: BatchOutcome) -> None:
    audit.rows += outcome.rows
    audit.clean += outcome.clean
    for reason, count in outcome.reason_counts().items():
        audit.quarantined_by_reason[reason] = audit.quarantined_by_reason.get(reason, 0) + count
    for rule in outcome.rules:
        if rule.failed_rows:
            audit.failed_rules.append(asdict(rule) | {"load_id": outcome.load_id})
        elif rule.skipped and rule.reason not in {r["reason"] for r in audit.skipped_rules}:
            audit.skipped_rules.append({"reason": rule.reason, "note": rule.note})


def _empty_source(con: duckdb.DuckDBPyConnection, relation: str) -> RuleOutcome | None:
    """The source landed nothing tonight: an `error` if this entity had rows in its latest load."""
    latest = con.execute(
        f"select count(*) from {relation} where _dlt_load_id = (select max(_dlt_load_id) from {relation})"
    ).fetchall()[0][0]
    if not latest:
        return None
    return RuleOutcome(f"{EMPTY_SOURCE} (had {latest} rows the night before)", "error", "empty_source", "row count", 0)


def audit_entity(
    con: duckdb.DuckDBPyConnection,
    entity: str,
    dataset: str,
    *,
    clock: datetime | None = None,
    validator: Validator | None = None,
    docs: Any | None = None,
    source_landed: bool | None = None,
) -> EntityAudit:
    """Validate the entity's unaudited loads. `source_landed=False` says the source ran tonight and
    dlt made no load at all (nothing extracted), which is judged against the previous night.
    `docs` (data_docs.DataDocs) stores the GX results for Data Docs and provides the validator."""
    table = table_name(entity)
    audit = EntityAudit(entity)
    quarantine.ensure_store(con)
    if not _table_exists(con, dataset, table):
        audit.note = "no raw table yet (source not loaded)"
        return audit
    relation = f"{dataset}.{table}"
    validator = docs.validator if docs is not None else (validator or default_validator())
    resolve = resolver(con, dataset, entity)
    if source_landed is False and source_of(entity) not in MAY_SEND_NOTHING and (empty := _empty_source(con, relation)):
        audit.failed_rules.append(asdict(empty) | {"load_id": None})
    for load_id in quarantine.unaudited_loads(con, entity, relation):
        moment = audit_clock(con, dataset, load_id, clock)
        audit.clock = moment.isoformat()
        outcome = validate_load(con, entity, relation, load_id, moment, resolve, validator)
        quarantine.record(con, outcome, load_id)
        audit.loads.append(load_id)
        _merge(audit, outcome)
        if docs is not None:
            for suite_name, result in outcome.results:
                docs.store(suite_name, result, run_name=f"{entity.replace('/', '.')} load {load_id}", batch=f"{table}-{load_id}")
    quarantine.refresh_clean_views(con, entity, dataset, table)
    audit.reconciliation = quarantine.reconcile(con, entity, dataset, table)
    return audit


def write_report(audit_dir: Path, audit: EntityAudit, run_id: str | None = None) -> Path:
    """Keep the entity's latest verdict as JSON, for `crmwh status` and `crmwh audit-report`."""
    path = audit_dir / "entities" / f"{audit.entity.replace('/', '.')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = asdict(audit) | {
        "passed": audit.passed,
        "quarantined": audit.quarantined,
        "run_id": run_id,
        "audited_at": datetime.now(UTC).isoformat(),
    }
    path.write_text(json.dumps(body, indent=1, sort_keys=True, default=str))
    return path


def read_reports(audit_dir: Path) -> list[dict[str, Any]]:
    folder = audit_dir / "entities"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.exists() else []

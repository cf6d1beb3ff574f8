"""The audit against the demo world: every injected defect caught under its kind, every other record clean.

A defective world (defects at >= 5%) is landed by dlt itself (the vendors' JSON, append
disposition, the files as text with the files connector's natural-key `id`), without the emulator,
so the comparison is about the audit alone. Every defect in `manifest["defects"]` must be quarantined with a reason of
its kind, and nothing else may be.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import duckdb

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt

from connectors.demo.gen_defects import DEFAULT_DEFECT_RATES
from connectors.demo.generator import generate_world
from connectors.demo.world import World
from connectors.files import FOLDERS
from expectations.audit import audit_entity
from expectations.suites import SUITES, rules_for, table_name

# not the audit's business: the connector dedupes records a vendor repeats across pages
NOT_AUDITED = {"repeated_across_pages"}
DEFECT_RATES = {kind: max(rate, 0.05) for kind, rate in DEFAULT_DEFECT_RATES.items()}


def land_world(world: World, db: Path) -> None:
    for source in ("hubspot", "stripe", "zendesk", "files"):
        pipeline = dlt.pipeline(
            pipeline_name=f"audit_world_{source}",
            destination=dlt.destinations.duckdb(str(db)),
            dataset_name=f"raw_{source}",
            pipelines_dir=str(db.parent / "dlt"),
        )
        if source == "files":
            resources = [
                dlt.resource(
                    [row | {"id": "|".join(row.get(c) or "" for c in FOLDERS[folder][1])} for row in rows],
                    name=table_name(f"files.{folder}"),
                    write_disposition="append",
                    columns={c: {"data_type": "text"} for c in rows[0]} if rows else None,
                )
                for folder, rows in world.files.items()
            ]
        else:
            resources = [
                dlt.resource(rows, name=name, write_disposition="append") for name, rows in getattr(world, source).items()
            ]
        pipeline.run(resources)


def audit_world(world: World, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    db = tmp_path / "build.duckdb"
    land_world(world, db)
    con = duckdb.connect(str(db))
    for entity in SUITES:
        audit = audit_entity(con, entity, f"raw_{entity.split('.')[0]}", clock=world.now)
        assert audit.passed, (entity, audit.failed_rules)
        assert audit.note is None, (entity, audit.note)
        assert audit.reconciliation["unaccounted"] == 0, (entity, audit.reconciliation)
    return con


def quarantined_by_kind(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str]]:
    """(kind, entity, id) of every quarantined row, the kind read from the rule that gave each reason."""
    found = set()
    for entity in SUITES:
        kinds = {rule.reason: rule.kind for rule in rules_for(entity)}
        raw = f"raw_{entity.split('.')[0]}.{table_name(entity)}"
        rows = con.execute(
            f"select cast(r.id as varchar), q.reasons from audit.quarantine q join {raw} r on r._dlt_id = q.row_id "
            "where q.entity = ?",
            [entity],
        ).fetchall()
        for record_id, reasons in rows:
            found |= {(kinds[reason], entity, record_id) for reason in reasons.split("; ")}
    return found


def test_every_manifest_defect_is_caught_with_its_reason_and_nothing_else(tmp_path: Path) -> None:
    """Exact equality: every defect quarantined under its kind, and every other record clean."""
    world = generate_world(seed=11, scale=0.05, defect_rates=DEFECT_RATES)
    defects = [d for d in world.manifest["defects"] if d["kind"] not in NOT_AUDITED]
    expected = {(d["kind"], d["entity"], str(d["id"])) for d in defects}
    assert {d["kind"] for d in defects} == set(DEFAULT_DEFECT_RATES) - NOT_AUDITED
    con = audit_world(world, tmp_path)
    found = quarantined_by_kind(con)
    assert found == expected
    assert Counter((k, e) for k, e, _ in found) == Counter((d["kind"], d["entity"]) for d in defects)
    raw = sum(con.execute(f"select count(*) from raw_{e.split('.')[0]}.{table_name(e)}").fetchall()[0][0] for e in SUITES)
    clean = sum(con.execute(f"select count(*) from clean.{e.split('.')[0]}__{table_name(e)}").fetchall()[0][0] for e in SUITES)
    assert raw == sum(world.counts().values()) and raw - clean == len({(e, i) for _, e, i in found})

"""The audit step as Dagster asset checks: one blocking check per raw entity.

The rooms below do the work (expectations/ validates and quarantines); this module only turns an
audit verdict into an AssetCheckResult: ERROR (blocks everything downstream) when an `error` rule
failed, WARN with the quarantine counts otherwise. The GX results go to Data Docs, rebuilt by every
check, so the site always shows the night so far.
"""

from typing import Any

import dagster as dg
import duckdb

from connectors.loader import ENTITIES, raw_dataset
from expectations.audit import EntityAudit, audit_entity, write_report
from expectations.data_docs import DataDocs
from orchestration.defs.ingest import raw_key
from orchestration.defs.resources import CrmwhResource

AUDIT_CHECK_NAME = "audit"
MAX_EXAMPLES = 10


def to_check_result(audit: EntityAudit) -> dg.AssetCheckResult:
    metadata: dict[str, Any] = {
        "rows": audit.rows,
        "clean": audit.clean,
        "quarantined": audit.quarantined,
        "quarantined_by_reason": audit.quarantined_by_reason,
        "loads_audited": len(audit.loads),
        "reconciliation": audit.reconciliation,
        "failed_rules": [f"{r['severity']}: {r['reason']} ({r['failed_rows']} rows)" for r in audit.failed_rules],
        "examples": {r["reason"]: r["examples"] for r in audit.failed_rules if r["examples"]},
        "skipped_rules": [f"{r['reason']}: {r['note']}" for r in audit.skipped_rules],
    }
    if audit.clock:
        metadata["clock"] = audit.clock
    if audit.docs:
        metadata["data_docs"] = dg.MetadataValue.path(audit.docs)
    if audit.note:
        metadata["note"] = audit.note
    return dg.AssetCheckResult(
        passed=audit.passed,
        severity=dg.AssetCheckSeverity.ERROR if not audit.passed else dg.AssetCheckSeverity.WARN,
        description=audit.summary(),
        metadata=metadata,
    )


def _source_landed(context: dg.AssetCheckExecutionContext, key: dg.AssetKey) -> bool | None:
    """False when tonight's ingest ran but dlt made no load at all (the source returned nothing)."""
    event = context.instance.get_latest_materialization_event(key)
    if event is None or event.run_id != context.run.run_id or event.asset_materialization is None:
        return None
    meta = {k: v.value for k, v in event.asset_materialization.metadata.items()}
    if meta.get("skipped"):
        return None
    return bool(meta.get("load_id"))


def build_audit_check(source: str, entity: str) -> dg.AssetChecksDefinition:
    key = raw_key(source, entity)

    @dg.asset_check(
        asset=key,
        name=AUDIT_CHECK_NAME,
        blocking=True,
        pool="duckdb",
        description=f"Great Expectations suite for {source}.{entity}; failing rows quarantined, `error` rules block the night.",
    )
    def _audit(context: dg.AssetCheckExecutionContext, crmwh: CrmwhResource) -> dg.AssetCheckResult:
        settings = crmwh.settings()
        docs = DataDocs(settings.audit_dir)
        with duckdb.connect(str(settings.build_db)) as con:
            audit = audit_entity(
                con, f"{source}.{entity}", raw_dataset(source), docs=docs, source_landed=_source_landed(context, key)
            )
        audit.docs = str(docs.build())
        write_report(settings.audit_dir, audit, context.run.run_id)
        return to_check_result(audit)

    return _audit


audit_checks = [build_audit_check(source, entity) for source, entities in ENTITIES.items() for entity in entities]

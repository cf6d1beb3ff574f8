"""The audit step as Dagster asset checks: one blocking check per raw entity.

The rooms below do the work (expectations/ validates and quarantines); this module only turns an
audit verdict into an AssetCheckResult: ERROR (blocks everything downstream) when an `error` rule
failed, WARN with the quarantine counts otherwise.
"""

import dagster as dg
import duckdb

from connectors.loader import ENTITIES, raw_dataset
from expectations.audit import EntityAudit, audit_entity, write_report
from orchestration.defs.ingest import raw_key
from orchestration.defs.resources import CrmwhResource

AUDIT_CHECK_NAME = "audit"


def to_check_result(audit: EntityAudit) -> dg.AssetCheckResult:
    quarantined = audit.rows - audit.clean
    metadata: dict[str, object] = {
        "rows": audit.rows,
        "clean": audit.clean,
        "quarantined": quarantined,
        "quarantined_by_reason": audit.quarantined_by_reason,
        "loads_audited": len(audit.loads),
        "reconciliation": audit.reconciliation,
        "failed_rules": [f"{r['severity']}: {r['reason']} ({r['failed_rows']} rows)" for r in audit.failed_rules],
        "examples": [e for r in audit.failed_rules for e in r["examples"]][:10],
    }
    if audit.note:
        metadata["note"] = audit.note
    return dg.AssetCheckResult(
        passed=audit.passed,
        severity=dg.AssetCheckSeverity.ERROR if not audit.passed else dg.AssetCheckSeverity.WARN,
        description=audit.summary(),
        metadata=metadata,
    )


def build_audit_check(source: str, entity: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=raw_key(source, entity),
        name=AUDIT_CHECK_NAME,
        blocking=True,
        pool="duckdb",
        description=f"Great Expectations suite for {source}.{entity}; failing rows quarantined, `error` rules block the night.",
    )
    def _audit(context: dg.AssetCheckExecutionContext, crmwh: CrmwhResource) -> dg.AssetCheckResult:
        settings = crmwh.settings()
        with duckdb.connect(str(settings.build_db)) as con:
            audit = audit_entity(con, f"{source}.{entity}", raw_dataset(source))
        write_report(settings.audit_dir, audit, context.run.run_id)
        return to_check_result(audit)

    return _audit


audit_checks = [build_audit_check(source, entity) for source, entities in ENTITIES.items() for entity in entities]

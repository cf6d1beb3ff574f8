"""The last hop: copy the marts into a fresh BI file and swap it in atomically."""

import dagster as dg

from orchestration.defs.dbt_models import published_model_keys
from orchestration.defs.resources import CrmwhResource
from warehouse.publish import publish

PUBLISHED_MARTS_KEY = dg.AssetKey(["bi", "marts"])


@dg.asset(
    key=PUBLISHED_MARTS_KEY,
    deps=published_model_keys(),
    group_name="publish",
    kinds={"duckdb"},
    pool="duckdb",
    description="marts.duckdb, the file BI tools read: marts in its main schema, replaced atomically, last versions kept.",
)
def published_marts(context: dg.AssetExecutionContext, crmwh: CrmwhResource) -> dg.MaterializeResult:
    settings = crmwh.settings()
    result = publish(settings.build_db, settings.bi_db, settings.versions_dir, settings.keep_versions, run_id=context.run_id)
    context.log.info(f"published version {result.version} with {len(result.tables)} tables to {result.path}")
    return dg.MaterializeResult(
        metadata={
            "version": result.version,
            "path": dg.MetadataValue.path(str(result.path)),
            "tables": len(result.tables),
            "table_names": ", ".join(result.tables),
            "pruned_versions": ", ".join(result.pruned),
        }
    )

"""One multi-asset per source: its dlt load lands the raw tables (one asset per entity)."""

from collections.abc import Iterator

import dagster as dg

from connectors.loader import ENTITIES, NESTED_TABLES, LoadReport, load_source
from orchestration.defs.resources import CrmwhResource


def raw_key(source: str, entity: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", source, entity])


def _rows_for(report: LoadReport, entity: str) -> int:
    return report.rows.get(entity, 0)


def build_ingest(source: str) -> dg.AssetsDefinition:
    specs = [
        dg.AssetSpec(
            raw_key(source, entity),
            group_name="raw",
            kinds={"dlt", "duckdb"},
            description=f"{source} {entity} as landed by dlt into raw_{source}.{entity} (append-only, one version per load).",
        )
        for entity in ENTITIES[source]
    ]
    nested = NESTED_TABLES.get(source, {})
    specs += [
        dg.AssetSpec(
            raw_key(source, name),
            group_name="raw",
            kinds={"dlt", "duckdb"},
            description=f"{source} {table}: dlt's child table of {parent}; audited with its parent rows.",
        )
        for name, (table, parent) in nested.items()
    ]

    @dg.multi_asset(name=f"ingest_{source}", specs=specs, pool="duckdb")
    def _ingest(context: dg.AssetExecutionContext, crmwh: CrmwhResource) -> Iterator[dg.MaterializeResult]:
        report = load_source(source, crmwh.settings())
        if report.skipped_reason:
            context.log.warning(f"{source} skipped: {report.skipped_reason}")
        else:
            context.log.info(f"{source}: {report.total_rows} rows landed in load {report.load_id}")
        for change in report.drift:
            context.log.warning(f"{source}.{change['table']}: field {change['field']} {change['change']} ({change['detail']})")
        for entity in ENTITIES[source]:
            drift = [f"{c['field']} {c['change']} ({c['detail']})" for c in report.drift if c["table"] == entity]
            yield dg.MaterializeResult(
                asset_key=raw_key(source, entity),
                metadata={
                    "rows_landed": _rows_for(report, entity),
                    "load_id": report.load_id or "",
                    "skipped": report.skipped_reason or "",
                    "schema_drift": drift,
                },
            )
        for name, (table, _parent) in nested.items():
            yield dg.MaterializeResult(
                asset_key=raw_key(source, name),
                metadata={"rows_landed": report.rows.get(table, 0), "load_id": report.load_id or ""},
            )

    return _ingest


ingest_assets = [build_ingest(source) for source in ENTITIES]

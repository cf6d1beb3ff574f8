"""Run one source's dlt pipeline into the build database's `raw_<source>` dataset."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from config import Settings, SourceSettings

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt

from connectors.hubspot import hubspot_source
from connectors.stripe import stripe_source
from connectors.zendesk import zendesk_source

SOURCES: dict[str, Callable[[SourceSettings], Any]] = {
    "hubspot": hubspot_source,
    "stripe": stripe_source,
    "zendesk": zendesk_source,
}
# Entities per source: the top-level tables the audit checks (dlt adds child tables for nested lists).
ENTITIES: dict[str, tuple[str, ...]] = {
    "hubspot": ("pipelines", "owners", "deals"),
    "stripe": ("charges",),
    "zendesk": ("tickets",),
}
# Child tables dlt makes of nested lists that the models read: asset name -> (table, parent entity).
NESTED_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "hubspot": {
        "deal_stage_history": ("deals__properties_with_history__dealstage", "deals"),
        "pipeline_stages": ("pipelines__stages", "pipelines"),
    },
}


@dataclass
class LoadReport:
    source: str
    skipped_reason: str | None = None
    load_id: str | None = None
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows landed in this load

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def raw_dataset(source: str) -> str:
    return f"raw_{source}"


def _configure_http_defaults() -> None:
    # dlt's HTTP client: retries with backoff honouring Retry-After, and a request timeout.
    os.environ.setdefault("RUNTIME__REQUEST_TIMEOUT", "30")
    os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "5")
    os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "1")


def load_source(name: str, settings: Settings) -> LoadReport:
    """Extract one source and append it to `raw_<name>`; a source without credentials is skipped."""
    source_settings = settings.sources[name]
    if not source_settings.configured:
        return LoadReport(name, skipped_reason=f"not configured: set {', '.join(source_settings.missing)}")
    _configure_http_defaults()
    pipeline = dlt.pipeline(
        pipeline_name=f"crmwh_{name}",
        destination=dlt.destinations.duckdb(str(settings.build_db)),
        dataset_name=raw_dataset(name),
        pipelines_dir=str(settings.dlt_dir),
        progress=dlt.progress.log(dump_system_stats=False),
    )
    info = pipeline.run(SOURCES[name](source_settings))
    counts = pipeline.last_trace.last_normalize_info.row_counts if pipeline.last_trace.last_normalize_info else {}
    rows = {table: count for table, count in counts.items() if not table.startswith("_dlt")}
    return LoadReport(name, load_id=info.loads_ids[-1] if info.loads_ids else None, rows=rows)

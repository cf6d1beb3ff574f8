"""Run one source's dlt pipeline into the build database's `raw_<source>` dataset.

Raw tables are append-only: every load appends the records it fetched (one version per load, keyed
by `_dlt_load_id`); staging takes the newest version per primary key. The saved positions live in
dlt's state, committed with the load, so a failed run advances nothing and the next one resumes.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from config import Settings

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt

from connectors.drift import DriftLog
from connectors.files import FOLDERS, files_source, table_name
from connectors.http import SourceError
from connectors.hubspot import OBJECTS as HUBSPOT_OBJECTS
from connectors.hubspot import hubspot_source
from connectors.redaction import redact
from connectors.stripe import OBJECTS as STRIPE_OBJECTS
from connectors.stripe import stripe_source
from connectors.zendesk import zendesk_source

# Parquet: DuckDB reads it an order of magnitude faster than the default INSERT statements.
LOADER_FILE_FORMAT = "parquet"
SourceFactory = Callable[[Settings, DriftLog], Any]
SOURCES: dict[str, SourceFactory] = {
    "hubspot": lambda s, d: hubspot_source(s.sources["hubspot"], d),
    "stripe": lambda s, d: stripe_source(s.sources["stripe"], d),
    "zendesk": lambda s, d: zendesk_source(s.sources["zendesk"], d),
    "files": lambda s, d: files_source(s.landing_dir, s.quarantine_dir, d),
}
# Entities per source: the top-level tables the audit checks (dlt adds child tables for nested lists).
# Every one has a primary key column `id`.
ENTITIES: dict[str, tuple[str, ...]] = {
    "hubspot": ("pipelines", "owners", *HUBSPOT_OBJECTS),
    "stripe": (*STRIPE_OBJECTS, "events"),
    "zendesk": ("tickets", "users", "ticket_events", "organizations", "satisfaction_ratings", "sla_policies", "talk_calls"),
    "files": tuple(table_name(folder) for folder in FOLDERS),
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
    drift: list[dict[str, str]] = field(default_factory=list)  # fields added, missing or retyped

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class IngestError(RuntimeError):
    """A source failed (after retries); the message names the endpoint and status, never a secret."""


def raw_dataset(source: str) -> str:
    return f"raw_{source}"


def _configure_http_defaults() -> None:
    # dlt's HTTP client: retries with backoff honouring Retry-After, and a request timeout.
    os.environ.setdefault("RUNTIME__REQUEST_TIMEOUT", "30")
    os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "5")
    os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "1")
    os.environ.setdefault("RUNTIME__LOG_LEVEL", "WARNING")
    os.environ.setdefault("DATA_WRITER__DISABLE_COMPRESSION", "true")  # local intermediate files: CPU, not disk, is short
    # the file drops arrive as Arrow tables: give them the row ids and load ids dict rows get
    os.environ.setdefault("NORMALIZE__PARQUET_NORMALIZER__ADD_DLT_LOAD_ID", "true")
    os.environ.setdefault("NORMALIZE__PARQUET_NORMALIZER__ADD_DLT_ID", "true")


def skip_reason(name: str, settings: Settings) -> str | None:
    if name == "files":
        return None
    source_settings = settings.sources[name]
    if not source_settings.configured:
        return f"not configured: set {', '.join(source_settings.missing)}"
    return None


def make_pipeline(name: str, settings: Settings) -> Any:
    return dlt.pipeline(
        pipeline_name=f"crmwh_{name}",
        destination=dlt.destinations.duckdb(str(settings.build_db)),
        dataset_name=raw_dataset(name),
        pipelines_dir=str(settings.dlt_dir),
    )


def _root_cause(error: BaseException) -> BaseException:
    """Our own `SourceError` if dlt wrapped one, else the innermost explicit cause."""
    chain, seen = [], error
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    ours = [e for e in chain if isinstance(e, SourceError)]
    if ours:
        return ours[0]
    seen = error
    while seen.__cause__ is not None:
        seen = seen.__cause__
    return seen


def load_source(name: str, settings: Settings) -> LoadReport:
    """Extract one source and append it to `raw_<name>`; a source without credentials is skipped."""
    reason = skip_reason(name, settings)
    if reason:
        return LoadReport(name, skipped_reason=reason)
    _configure_http_defaults()
    secrets = settings.all_secrets()
    pipeline = make_pipeline(name, settings)
    drift = DriftLog()
    source = SOURCES[name](settings, drift)
    if name in ("files", "hubspot"):
        source.schema.remove_type_detection("iso_timestamp")  # text stays as sent; audit and staging type it
    gc.disable()  # the run allocates millions of short-lived dicts: cyclic GC passes cost ~15% of it
    try:
        info = pipeline.run(source, loader_file_format=LOADER_FILE_FORMAT)
    except Exception as error:
        cause = _root_cause(error)
        raise IngestError(redact(f"{name} failed: {type(cause).__name__}: {cause}", secrets)) from None
    finally:
        gc.enable()
    trace = pipeline.last_trace
    counts = trace.last_normalize_info.row_counts if trace and trace.last_normalize_info else {}
    rows = {table: count for table, count in counts.items() if not table.startswith("_dlt")}
    load_id = info.loads_ids[-1] if info.loads_ids else None
    return LoadReport(name, load_id=load_id, rows=rows, drift=drift.changes)

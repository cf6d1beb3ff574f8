"""File drops: CSV, JSON lines or Parquet files in `$CRMWH_HOME/landing/<folder>/`.

Each file is read once: its name, size and SHA-256 are kept in dlt state (committed with the load,
so a failed run reads it again). Files still being written (`*.tmp`, `*.part`, hidden, or whose
size or mtime moves while we look) are left for the next run. A file that cannot be parsed or lacks
a required column is moved whole to `$CRMWH_HOME/quarantine/<folder>/` beside a `.reason.txt`.
Rows land in `raw_files.<folder with / as __>` with every column as text, the file they came from
(`_source_file`) and an `id`: the folder's natural key (joined with `|` when it has several columns).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import dlt
import pyarrow as pa

from connectors.drift import DriftLog, DriftTracker

# folder -> (required columns, natural key columns)
FOLDERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "marketing/campaigns": (("campaign_id", "name", "channel", "start_date", "end_date", "audience"), ("campaign_id",)),
    "marketing/campaign_costs": (("campaign_id", "spend_date", "amount", "currency"), ("campaign_id", "spend_date", "currency")),
    "marketing/email_events": (("event_id", "campaign_id", "contact_email", "event_type", "occurred_at"), ("event_id",)),
    "marketing/form_submissions": (
        ("submission_id", "form_id", "campaign_id", "contact_email", "submitted_at", "page_url"),
        ("submission_id",),
    ),
    "marketing/web_sessions": (
        ("session_id", "visitor_id", "contact_email", "started_at", "duration_seconds", "page_views", "goal_completed", "source"),
        ("session_id",),
    ),
    "marketing/list_memberships": (
        ("list_id", "contact_email", "subscribed_at", "unsubscribed_at"),
        ("list_id", "contact_email", "subscribed_at"),
    ),
    "crm/goals": (("owner_id", "month", "goal_amount", "currency"), ("owner_id", "month")),
    "finance/support_costs": (("month", "amount", "currency"), ("month", "currency")),
    "finance/fx_rates": (("month", "currency", "rate"), ("month", "currency")),
}
IN_PROGRESS_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload")
SETTLE_SECONDS = float(os.environ.get("CRMWH_FILES_SETTLE_SECONDS", "0.5"))


def table_name(folder: str) -> str:
    return folder.replace("/", "__")


class BadFileError(ValueError):
    """The file is quarantined whole; the message is its reason."""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value)


def parse(path: Path, data: bytes) -> list[dict[str, str | None]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True)
            rows = list(reader)
            if any(None in row or any(v is None for v in row.values()) for row in rows):
                raise BadFileError("a row has more or fewer fields than the header")
            return [{k: v for k, v in row.items()} for row in rows] if reader.fieldnames else _no_header()
        if suffix in (".jsonl", ".ndjson", ".json"):
            rows = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
            if not all(isinstance(r, dict) for r in rows):
                raise BadFileError("a line is not a JSON object")
            return [{k: _text(v) for k, v in r.items()} for r in rows]
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(io.BytesIO(data))
            return [{k: _text(v) for k, v in r.items()} for r in table.to_pylist()]
    except BadFileError:
        raise
    except (ValueError, UnicodeDecodeError, csv.Error, OSError) as error:
        raise BadFileError(f"cannot parse {suffix[1:]}: {type(error).__name__}: {str(error)[:200]}") from None
    raise BadFileError(f"unsupported file type {suffix or '(none)'}: expected .csv, .jsonl or .parquet")


def _no_header() -> list[dict[str, str | None]]:
    raise BadFileError("empty file: no header row")


def columns_of(path: Path, data: bytes, rows: list[dict[str, Any]]) -> set[str]:
    if path.suffix.lower() == ".csv":
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))), [])
        return set(header)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return set(pq.read_schema(io.BytesIO(data)).names)
    return set().union(*(r.keys() for r in rows)) if rows else set()


@dataclass
class Candidate:
    path: Path
    size: int
    mtime_ns: int


def settled_files_in(folders: list[Path], settle_seconds: float | None = None) -> list[Path]:
    """Files that look complete: no in-progress suffix, not hidden, not growing while we watch."""
    settle_seconds = SETTLE_SECONDS if settle_seconds is None else settle_seconds
    candidates = []
    paths = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())]
    for path in paths:
        if not path.is_file() or path.name.startswith(".") or path.name.lower().endswith(IN_PROGRESS_SUFFIXES):
            continue
        stat = path.stat()
        candidates.append(Candidate(path, stat.st_size, stat.st_mtime_ns))
    if candidates and settle_seconds > 0:
        time.sleep(settle_seconds)
    settled = []
    for candidate in candidates:
        try:
            stat = candidate.path.stat()
        except FileNotFoundError:
            continue
        if (stat.st_size, stat.st_mtime_ns) == (candidate.size, candidate.mtime_ns):
            settled.append(candidate.path)
    return settled


def quarantine(path: Path, folder: str, quarantine_dir: Path, reason: str) -> Path:
    target_dir = quarantine_dir / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    if target.exists():
        target = target_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{path.name}"
    shutil.move(str(path), target)
    target.with_name(target.name + ".reason.txt").write_text(f"{folder}/{path.name}: {reason}\n")
    return target


class Scanner:
    """Looks at every landing folder once per run, with a single settle pause for all of them."""

    def __init__(self, landing_dir: Path) -> None:
        self.landing_dir = landing_dir
        self._settled: dict[str, list[Path]] | None = None

    def settled(self, folder: str) -> list[Path]:
        if self._settled is None:
            everything = settled_files_in([self.landing_dir / f for f in FOLDERS])
            self._settled = {f: [p for p in everything if p.parent == self.landing_dir / f] for f in FOLDERS}
        return self._settled.get(folder, [])


def as_arrow(records: list[dict[str, Any]]) -> pa.Table:
    """Every column text, as dropped; Arrow skips dlt's row-by-row normalizer (flat rows need none)."""
    names = list(dict.fromkeys(k for r in records for k in r))
    # `id` is the resource's primary key, which dlt makes NOT NULL: say so, or dlt warns every night
    schema = pa.schema([pa.field(n, pa.string(), nullable=n != "id") for n in names])
    return pa.Table.from_pylist(records, schema=schema)


def folder_resource(folder: str, scanner: Scanner, quarantine_dir: Path, drift: DriftLog) -> Any:
    required, key_columns = FOLDERS[folder]

    @dlt.resource(name=table_name(folder), primary_key="id", write_disposition="append")
    def rows() -> Iterator[list[dict[str, Any]]]:
        state = dlt.current.resource_state()
        read: dict[str, dict[str, Any]] = state.setdefault("files", {})
        tracker = DriftTracker(table_name(folder))
        for path in scanner.settled(folder):
            data = path.read_bytes()
            fingerprint = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            if read.get(path.name) == fingerprint:
                continue
            try:
                records = parse(path, data)
                missing = [c for c in required if c not in columns_of(path, data, records)]
                if missing:
                    raise BadFileError(f"missing required column(s): {', '.join(missing)}")
            except BadFileError as error:
                quarantine(path, folder, quarantine_dir, str(error))
                continue
            for record in records:
                record["id"] = "|".join(record.get(c) or "" for c in key_columns)
                record["_source_file"] = path.name
                tracker.observe(record)
            read[path.name] = fingerprint
            if records:
                yield as_arrow(records)
        drift.record(tracker, state)

    return rows


def files_source(landing_dir: Path, quarantine_dir: Path, drift: DriftLog | None = None) -> Any:
    drift = drift if drift is not None else DriftLog()

    @dlt.source(name="files", max_table_nesting=0)
    def files() -> list[Any]:
        scanner = Scanner(landing_dir)
        return [folder_resource(folder, scanner, quarantine_dir, drift) for folder in FOLDERS]

    return files()

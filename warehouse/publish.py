"""Publish: copy the marts from the build database into a new file and swap it in atomically.

The BI file (`marts.duckdb`) is only ever replaced by `os.replace` in its own folder, so a reader
that has the old file open keeps reading the old inode and a new reader sees the new file; nobody
waits for a lock. Every published file is also kept under `versions/` (the last N) for rollback.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

# Schemas of the build database whose tables BI may read. `restricted` (PII) is never published.
PUBLISHED_SCHEMAS = ("core", "metrics")
CURRENT_POINTER = "CURRENT"
PUBLISH_INFO_TABLE = "_crmwh_publish"


@dataclass(frozen=True)
class PublishResult:
    version: str
    path: Path
    tables: list[str]
    pruned: list[str]


def _published_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    placeholders = ", ".join("?" for _ in PUBLISHED_SCHEMAS)
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_catalog = 'build' and table_type = 'BASE TABLE' and table_schema in ({placeholders}) "
        "order by table_schema, table_name",
        list(PUBLISHED_SCHEMAS),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]


def list_versions(versions_dir: Path) -> list[str]:
    """Published versions, oldest first (names sort by time)."""
    return sorted(p.name.removeprefix("marts-").removesuffix(".duckdb") for p in versions_dir.glob("marts-*.duckdb"))


def current_version(versions_dir: Path) -> str | None:
    pointer = versions_dir / CURRENT_POINTER
    return pointer.read_text().strip() if pointer.exists() else None


def version_path(versions_dir: Path, version: str) -> Path:
    return versions_dir / f"marts-{version}.duckdb"


def _swap_in(versions_dir: Path, bi_db: Path, version: str) -> None:
    """Make `version` the BI file: copy beside it, then rename over it (atomic on one filesystem)."""
    staging = bi_db.with_name(f".{bi_db.name}.{version}.swap")
    shutil.copyfile(version_path(versions_dir, version), staging)
    os.replace(staging, bi_db)
    pointer_tmp = versions_dir / f".{CURRENT_POINTER}.tmp"
    pointer_tmp.write_text(version + "\n")
    os.replace(pointer_tmp, versions_dir / CURRENT_POINTER)


def _prune(versions_dir: Path, keep: int) -> list[str]:
    current = current_version(versions_dir)
    versions = list_versions(versions_dir)
    doomed = [v for v in versions[: max(0, len(versions) - keep)] if v != current]
    for version in doomed:
        version_path(versions_dir, version).unlink()
    return doomed


def publish(build_db: Path, bi_db: Path, versions_dir: Path, keep: int = 5, run_id: str | None = None) -> PublishResult:
    versions_dir.mkdir(parents=True, exist_ok=True)
    version = _new_version()
    building = versions_dir / f".marts-{version}.building"
    con = duckdb.connect(str(building))
    try:
        con.execute(f"attach '{build_db}' as build (read_only)")
        tables = _published_tables(con)
        if not any(name == "mart_kpis" for _, name in tables):
            raise RuntimeError(f"nothing to publish: {build_db} has no mart_kpis (did dbt build run?)")
        for schema, name in tables:
            con.execute(f'create table main."{name}" as select * from build."{schema}"."{name}"')
        con.execute(
            f"create table main.{PUBLISH_INFO_TABLE} as select ? as version, cast(? as timestamptz) as published_at, ? as run_id",
            [version, datetime.now(UTC), run_id],
        )
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(building, version_path(versions_dir, version))
    _swap_in(versions_dir, bi_db, version)
    pruned = _prune(versions_dir, keep)
    return PublishResult(version, bi_db, [name for _, name in tables], pruned)


def rollback(bi_db: Path, versions_dir: Path) -> str:
    """Make the version published before the current one the BI file again; returns it."""
    versions = list_versions(versions_dir)
    current = current_version(versions_dir)
    if current not in versions:
        raise RuntimeError("nothing to roll back: no published version is current")
    position = versions.index(current)
    if position == 0:
        raise RuntimeError(f"nothing to roll back to: {current} is the oldest version kept")
    previous = versions[position - 1]
    _swap_in(versions_dir, bi_db, previous)
    return previous

"""Where the audit keeps its verdicts, and the `clean` views that are all dbt may read.

Raw tables are never rewritten. A row that fails a rule gets a row in `audit.quarantine` with its
reasons; `clean.<source>__<table>` shows only audited, unquarantined rows (and, for dlt's child
tables of nested lists, only the children of such rows).
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from expectations.validate import BatchOutcome

DDL = """
create schema if not exists audit;
create schema if not exists clean;
create table if not exists audit.quarantine (
    entity varchar not null, row_id varchar not null, load_id varchar not null,
    severity varchar not null, reasons varchar not null, quarantined_at timestamptz not null
);
create table if not exists audit.audited_loads (
    entity varchar not null, load_id varchar not null, rows bigint not null, clean bigint not null,
    quarantined bigint not null, passed boolean not null, audited_at timestamptz not null
);
"""


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> int:
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and refuses the next statement.
    return int(con.execute(sql, params or []).fetchall()[0][0])


def ensure_store(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def unaudited_loads(con: duckdb.DuckDBPyConnection, entity: str, raw_relation: str) -> list[str]:
    rows = con.execute(
        f"select distinct _dlt_load_id from {raw_relation} "
        "where _dlt_load_id not in (select load_id from audit.audited_loads where entity = ?) order by 1",
        [entity],
    ).fetchall()
    return [r[0] for r in rows]


def record(con: duckdb.DuckDBPyConnection, outcome: BatchOutcome, load_id: str) -> None:
    now = datetime.now(UTC)
    blocking = {r.reason for r in outcome.blocking_failures}
    rows = [
        (
            outcome.entity,
            row_id,
            load_id,
            "error" if blocking.intersection(reasons) else "warn",
            "; ".join(sorted(set(reasons))),
            now,
        )
        for row_id, reasons in outcome.quarantined.items()
    ]
    if rows:  # through Arrow: executemany inserts row by row, 100x slower
        names = ["entity", "row_id", "load_id", "severity", "reasons", "quarantined_at"]
        batch = pa.Table.from_pylist([dict(zip(names, row, strict=True)) for row in rows])
        con.register("quarantined_rows", batch)
        con.execute("insert into audit.quarantine by name select * from quarantined_rows")
        con.unregister("quarantined_rows")
    con.execute(
        "insert into audit.audited_loads values (?, ?, ?, ?, ?, ?, ?)",
        [outcome.entity, load_id, outcome.rows, outcome.clean, len(outcome.quarantined), not outcome.blocking_failures, now],
    )


def child_tables(con: duckdb.DuckDBPyConnection, dataset: str, table: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? and starts_with(table_name, ?) order by 1",
        [dataset, f"{table}__"],
    ).fetchall()
    return [r[0] for r in rows]


def refresh_clean_views(con: duckdb.DuckDBPyConnection, entity: str, dataset: str, table: str) -> None:
    source = entity.split(".")[0]
    con.execute(
        f"create or replace view clean.{source}__{table} as select r.* from {dataset}.{table} r "
        f"where r._dlt_load_id in (select load_id from audit.audited_loads where entity = '{entity}') "
        f"and r._dlt_id not in (select row_id from audit.quarantine where entity = '{entity}')"
    )
    children = child_tables(con, dataset, table)
    for child in children:
        # dlt flattens nested dicts into columns, so a child's parent is the longest table name it extends
        parent = max((t for t in [table, *children] if child.startswith(t + "__")), key=len)
        con.execute(
            f"create or replace view clean.{source}__{child} as select c.* from {dataset}.{child} c "
            f"where c._dlt_parent_id in (select _dlt_id from clean.{source}__{parent})"
        )


def reconcile(con: duckdb.DuckDBPyConnection, entity: str, dataset: str, table: str) -> dict[str, int]:
    """raw = clean + quarantined + not yet audited, over every load ever landed."""
    source = entity.split(".")[0]
    raw = _scalar(con, f"select count(*) from {dataset}.{table}")
    clean = _scalar(con, f"select count(*) from clean.{source}__{table}")
    quarantined = _scalar(con, "select count(distinct row_id) from audit.quarantine where entity = ?", [entity])
    return {"raw": raw, "clean": clean, "quarantined": quarantined, "unaccounted": raw - clean - quarantined}

"""Read-only access to the published BI file, the way a BI tool opens it."""

from __future__ import annotations

from pathlib import Path

import duckdb


def connect_bi(bi_db: Path) -> duckdb.DuckDBPyConnection:
    """Open the BI file read-only: its catalog is `marts`, so `marts.mart_kpis` names the table."""
    if not bi_db.exists():
        raise FileNotFoundError(f"{bi_db} does not exist yet: run `crmwh demo` or `crmwh run` first")
    return duckdb.connect(str(bi_db), read_only=True)

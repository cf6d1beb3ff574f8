"""Publish swaps the BI file atomically, keeps the last versions, and rolls back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.bi import connect_bi
from warehouse.publish import current_version, list_versions, publish, rollback


def _build(path: Path, value: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create schema if not exists metrics; create schema if not exists core; create schema if not exists restricted"
        )
        con.execute("create or replace table metrics.mart_kpis as select ? as value", [value])
        con.execute("create or replace table core.fct_deals as select 1 as deal_id")
        con.execute("create or replace table restricted.customer_pii as select 'a@b.c' as email")
        con.execute("create or replace view metrics.some_view as select 1 as x")


def _value(bi: Path) -> int:
    with connect_bi(bi) as con:
        return con.execute("select value from marts.mart_kpis").fetchall()[0][0]


def test_publish_puts_marts_in_main_schema_without_pii(tmp_path: Path) -> None:
    build, bi, versions = tmp_path / "build.duckdb", tmp_path / "marts.duckdb", tmp_path / "versions"
    _build(build, 1)
    result = publish(build, bi, versions)
    assert sorted(result.tables) == ["fct_deals", "mart_kpis"]
    with connect_bi(bi) as con:
        tables = con.execute("select table_schema, table_name from information_schema.tables order by 2").fetchall()
        assert ("main", "mart_kpis") in tables and ("main", "fct_deals") in tables
        assert not [t for t in tables if t[1] in ("customer_pii", "some_view")]
        assert con.execute("select version from marts._crmwh_publish").fetchall()[0][0] == result.version


def test_keeps_last_five_and_rolls_back(tmp_path: Path) -> None:
    build, bi, versions = tmp_path / "build.duckdb", tmp_path / "marts.duckdb", tmp_path / "versions"
    published = []
    for value in range(7):
        _build(build, value)
        published.append(publish(build, bi, versions, keep=5).version)
    assert list_versions(versions) == published[-5:]
    assert _value(bi) == 6
    assert rollback(bi, versions) == published[-2]
    assert _value(bi) == 5 and current_version(versions) == published[-2]
    assert rollback(bi, versions) == published[-3]
    assert _value(bi) == 4
    _build(build, 99)
    publish(build, bi, versions, keep=5)
    assert _value(bi) == 99


def test_reader_keeps_old_file_while_publish_swaps(tmp_path: Path) -> None:
    build, bi, versions = tmp_path / "build.duckdb", tmp_path / "marts.duckdb", tmp_path / "versions"
    _build(build, 1)
    publish(build, bi, versions)
    reader = connect_bi(bi)
    assert reader.execute("select value from marts.mart_kpis").fetchall() == [(1,)]
    _build(build, 2)
    publish(build, bi, versions)  # must not wait for, nor disturb, the open reader
    assert reader.execute("select value from marts.mart_kpis").fetchall() == [(1,)]
    # a new reader (another process, as a BI tool is; DuckDB caches open files per process) sees the new file
    query = (
        f"import duckdb; print(duckdb.connect({str(bi)!r}, read_only=True).sql('select value from marts.mart_kpis').fetchall())"
    )
    assert subprocess.run([sys.executable, "-c", query], capture_output=True, text=True, check=True).stdout.strip() == "[(2,)]"
    reader.close()


def test_nothing_to_roll_back(tmp_path: Path) -> None:
    build, bi, versions = tmp_path / "build.duckdb", tmp_path / "marts.duckdb", tmp_path / "versions"
    with pytest.raises(RuntimeError, match="nothing to roll back"):
        rollback(bi, versions)
    _build(build, 1)
    publish(build, bi, versions)
    with pytest.raises(RuntimeError, match="oldest"):
        rollback(bi, versions)


def test_refuses_to_publish_without_marts(tmp_path: Path) -> None:
    build, bi = tmp_path / "build.duckdb", tmp_path / "marts.duckdb"
    duckdb.connect(str(build)).close()
    with pytest.raises(RuntimeError, match="nothing to publish"):
        publish(build, bi, tmp_path / "versions")
    assert not bi.exists()

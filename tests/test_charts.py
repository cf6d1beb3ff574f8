"""Charts are drawn from the published BI file only, for the metrics it has."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from warehouse.charts import render_charts


def test_draws_the_trends_the_bi_file_has(tmp_path: Path) -> None:
    bi = tmp_path / "marts.duckdb"
    with duckdb.connect(str(bi)) as con:
        con.execute(
            "create table mart_kpis (month date, metric_id varchar, dimension varchar, dimension_value varchar, value double)"
        )
        for month in range(1, 13):
            for metric, value in (("deals_won", month), ("deals_lost", 12 - month), ("gross_revenue", 1000.0 * month)):
                con.execute("insert into mart_kpis values (?, ?, 'all', 'all', ?)", [date(2025, month, 1), metric, value])
    written = render_charts(bi, tmp_path / "reports")
    assert sorted(p.name for p in written) == ["deals.png", "revenue.png"]  # no support metrics, no support chart
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000

"""The metric registry (dbt_project/seeds/metric_registry.csv) is the single list of the catalog's
metrics that the docs, mart_kpis and the tests are built from.

On a real night of the demo world, every registry id must have its company-wide row in mart_kpis
for every month with data, and a value (not NULL) in at least one of them; the committed
docs/metrics.md must be exactly what scripts/render_metric_docs.py renders from the registry.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from connectors.demo.world import World
from tests.conftest import PublishedNight
from warehouse.bi import connect_bi

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from render_metric_docs import DOCS, read_registry, render


def _months(first: date, last: date) -> list[date]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def test_committed_docs_equal_the_rendered_registry() -> None:
    rows = read_registry()
    assert DOCS.read_text() == render(rows), "docs/metrics.md is stale: run scripts/render_metric_docs.py"
    assert all(f"`{r['metric_id']}`" in DOCS.read_text() for r in rows)


@pytest.mark.slow
def test_every_registry_id_has_a_company_wide_row_every_month(published_night: PublishedNight, world: World) -> None:
    assert published_night.success, published_night.failure
    with connect_bi(published_night.bi) as con:
        rows = con.execute(
            "select month, metric_id, value from marts.mart_kpis where dimension = 'all' and dimension_value = 'all'"
        ).fetchall()
    values = {(month, metric_id): value for month, metric_id, value in rows}
    months = _months(min(m for m, _ in values), max(m for m, _ in values))
    # the months with data: the demo world's, from its first month with source data to its clock
    assert [m.isoformat() for m in months] == sorted(world.truth["gross_revenue"])
    ids = [r["metric_id"] for r in read_registry()]
    missing = {m: [str(month) for month in months if (month, m) not in values] for m in ids}
    missing = {m: gaps for m, gaps in missing.items() if gaps}
    always_null = [m for m in ids if m not in missing and all(values[(month, m)] is None for month in months)]
    assert not missing, f"registry ids without a company-wide row in some month: {missing}"
    assert not always_null, f"registry ids NULL in every month: {always_null}"
    unknown = {m for _, m in values} - set(ids)
    assert not unknown, f"mart_kpis ids not in the registry: {unknown}"

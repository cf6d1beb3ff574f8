"""The metric registry is the single machine-readable list of the catalog's metrics."""

from __future__ import annotations

import csv

from config import DBT_PROJECT_DIR

REGISTRY = DBT_PROJECT_DIR / "seeds" / "metric_registry.csv"
UNITS = {"count", "ratio", "currency", "days", "hours", "seconds", "score"}


def _rows() -> list[dict[str, str]]:
    with REGISTRY.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_registry_lists_each_catalog_metric_once_with_a_known_unit() -> None:
    rows = _rows()
    ids = [r["metric_id"] for r in rows]
    assert len(ids) == len(set(ids)) == 81
    assert {r["unit"] for r in rows} <= UNITS
    assert {r["section"] for r in rows} == {"sales", "marketing", "customers", "support", "perception"}
    assert all(r["wide_mart"].startswith("mart_") and r["definition"] for r in rows)


def test_units_follow_the_catalog_conventions() -> None:
    unit = {r["metric_id"]: r["unit"] for r in _rows()}
    # durations say their unit in the name; rates are ratios; money is currency
    for metric_id, metric_unit in unit.items():
        for suffix in ("days", "hours", "seconds"):
            if metric_id.endswith(f"_{suffix}") and not metric_id.endswith("_per_day"):
                assert metric_unit == suffix, metric_id
        if metric_id.endswith("_rate"):
            assert metric_unit == "ratio", metric_id
    assert unit["new_revenue"] == unit["net_revenue"] == unit["clv"] == "currency"
    assert unit["nps"] == unit["ces"] == "score"

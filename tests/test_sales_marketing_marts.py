"""Sales and marketing marts on the session's published night (emulator APIs and file drops).

Company-wide figures are compared with the generator's ground truth by test_nightly_end_to_end;
this module compares the breakdowns (owner, lead source, pipeline, stage, lost reason, activity
type, call outcome, campaign), checks that every Sales and Marketing id has its company-wide row
in every month, and that the wide marts are published.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from config import DBT_PROJECT_DIR
from connectors.demo.world import World
from tests.conftest import PublishedNight
from warehouse.bi import connect_bi

pytestmark = pytest.mark.slow

WIDE_MARTS = (
    "mart_pipeline",
    "mart_sales_performance",
    "mart_forecast",
    "mart_conversion",
    "mart_lost_deals",
    "mart_sales_cycle",
    "mart_activity",
    "mart_campaigns",
    "mart_marketing",
)
# truth_breakdowns' dimension names where mart_kpis names them otherwise
DIMENSIONS = {"lost_from_stage": "stage", "type": "activity_type"}


def _section_ids() -> set[str]:
    with (DBT_PROJECT_DIR / "seeds" / "metric_registry.csv").open(newline="") as handle:
        return {r["metric_id"] for r in csv.DictReader(handle) if r["section"] in ("sales", "marketing")}


@pytest.fixture(scope="module")
def published(published_night: PublishedNight) -> tuple[PublishedNight, Path]:
    return published_night, published_night.bi


def _kpis(bi: Path) -> dict[tuple[str, str, str, str], float | None]:
    with connect_bi(bi) as con:
        rows = con.execute(
            "select metric_id, dimension, dimension_value, strftime(month, '%Y-%m-%d'), value from marts.mart_kpis"
        ).fetchall()
    return {(m, d, v, month): value for m, d, v, month, value in rows}


def test_night_publishes_every_sales_and_marketing_id_every_month(published: tuple[PublishedNight, Path], world: World) -> None:
    night, bi = published
    assert night.success, night.failure
    kpis = _kpis(bi)
    months = sorted({month for (_, d, _, month) in kpis if d == "all"})
    assert months[0] == min(world.truth["deals_won"]) and len(months) >= 24
    missing = [(m, month) for m in sorted(_section_ids()) for month in months if (m, "all", "all", month) not in kpis]
    assert missing == []
    for metric in _section_ids() & set(world.truth):  # the e2e compares values; here, every id has truth
        assert any(v is not None for v in world.truth[metric].values()), metric
    assert _section_ids() <= set(world.truth)


def test_breakdowns_equal_the_generators_ground_truth(published: tuple[PublishedNight, Path], world: World) -> None:
    _, bi = published
    kpis = _kpis(bi)
    compared = 0
    for metric in sorted(_section_ids() & set(world.truth_breakdowns)):
        for dimension, members in world.truth_breakdowns[metric].items():
            name = DIMENSIONS.get(dimension, dimension)
            for member, series in members.items():
                for month, expected in series.items():
                    got = kpis.get((metric, name, member, month), 0.0)
                    assert got == pytest.approx(expected, abs=0.005), (metric, name, member, month)
                    compared += 1
    assert compared > 1000


def test_wide_marts_are_published(published: tuple[PublishedNight, Path]) -> None:
    _, bi = published
    with connect_bi(bi) as con:
        for mart in WIDE_MARTS:
            assert con.execute(f"select count(*) from marts.{mart}").fetchall()[0][0] > 0, mart

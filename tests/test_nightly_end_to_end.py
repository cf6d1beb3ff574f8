"""One real night (dlt → GX audit → dbt build → publish, in Dagster) against the emulator.

The tests in this module share one data folder and run in order: a clean night, a night the
audit must block, another clean night, then a rollback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import DBT_PROJECT_DIR, load_settings
from connectors.demo.emulator import Emulator
from connectors.demo.world import World
from connectors.loader import ENTITIES
from orchestration.cli import main as crmwh
from orchestration.demo import point_sources_at
from orchestration.nightly import NightSummary, run_nightly
from warehouse.bi import connect_bi
from warehouse.publish import list_versions

pytestmark = pytest.mark.slow


class Night:
    def __init__(self, home: Path, emulator: Emulator) -> None:
        self.home, self.emulator = home, emulator
        self.summaries: list[NightSummary] = []

    def run(self) -> NightSummary:
        summary = run_nightly(load_settings(), log_level="WARNING")
        self.summaries.append(summary)
        return summary


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory, world: World) -> Iterator[Night]:
    patch = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("e2e") / "crmwh"
    patch.setenv("CRMWH_HOME", str(home))
    patch.setenv("CRMWH_AUDIT_CLOCK", world.now.isoformat())
    world.write_file_drops(home / "landing")  # marketing, goal and finance exports arrive as files
    with Emulator(world) as emulator:
        for key, value in _emulator_env(emulator).items():
            patch.setenv(key, value)
        state = Night(home, emulator)
        state.run()
        yield state
    patch.undo()


def _emulator_env(emulator: Emulator) -> dict[str, str]:
    import os

    before = dict(os.environ)
    point_sources_at(emulator.base_url)
    env = {k: v for k, v in os.environ.items() if k.startswith("CRMWH_") and before.get(k) != v}
    for key in env:  # leave os.environ to the monkeypatch
        if key in before:
            os.environ[key] = before[key]
        else:
            del os.environ[key]
    return env


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_night_lands_audits_and_publishes(night: Night, world: World) -> None:
    summary = night.summaries[0]
    assert summary.success, summary.failure
    assert summary.rows_landed["raw/hubspot/deals"] == len(world.hubspot["deals"])
    assert summary.rows_landed["raw/stripe/charges"] == len(world.stripe["charges"])
    assert summary.rows_landed["raw/zendesk/tickets"] == len(world.zendesk["tickets"])
    assert summary.audit_passed and len(summary.checks) == sum(len(e) for e in ENTITIES.values())
    assert summary.published_version is not None
    assert (night.home / "marts.duckdb").exists()


def test_dbt_artifacts_of_the_night_stay_in_the_data_folder(night: Night) -> None:
    run_folder = night.home / "dbt" / "runs" / night.summaries[0].run_id
    assert (run_folder / "run_results.json").exists() and (run_folder / "manifest.json").exists()
    assert not list(DBT_PROJECT_DIR.joinpath("target").glob(f"*-{night.summaries[0].run_id[:7]}-*"))


def test_marts_equal_the_generators_ground_truth(night: Night, world: World) -> None:
    with connect_bi(night.home / "marts.duckdb") as con:
        rows = con.execute(
            "select strftime(month, '%Y-%m-%d'), metric_id, value from marts.mart_kpis where dimension = 'all'"
        ).fetchall()
    published = {(month, metric): value for month, metric, value in rows}
    in_marts = {metric for _, metric in published}
    compared = 0
    # Every metric the generator has ground truth for and the marts carry is compared, month by month.
    for metric in sorted(set(world.truth) & in_marts):
        for month, expected in world.truth[metric].items():
            assert published[(month, metric)] == pytest.approx(expected, abs=0.005), (metric, month)
            compared += 1
    assert {"deals_won", "new_revenue", "gross_revenue", "cases_solved"} <= set(world.truth) & in_marts
    assert compared >= 24 * 4
    assert sum(world.truth["gross_revenue"].values()) > 0


def test_blocking_check_stops_the_night_before_dbt(night: Night, capsys: pytest.CaptureFixture[str]) -> None:
    bi = night.home / "marts.duckdb"
    before, versions_before = _sha256(bi), list_versions(night.home / "versions")
    night.emulator.inject("/v1/charges", "duplicate_pk", times=1)
    summary = night.run()
    assert not summary.success
    passed, description = summary.checks["raw/stripe/charges"]
    assert not passed and "duplicate id in load" in description
    assert "crmwh_dbt_models" not in summary.steps_succeeded
    assert summary.published_version is None
    assert _sha256(bi) == before
    assert list_versions(night.home / "versions") == versions_before
    capsys.readouterr()
    assert crmwh(["status"]) == 0
    status = capsys.readouterr().out
    assert "last audit: BLOCKED" in status and "stripe.charges: duplicate id in load (2 rows)" in status
    assert "FAILURE" in status


def test_next_clean_night_publishes_again_and_rollback_restores(night: Night, capsys: pytest.CaptureFixture[str]) -> None:
    summary = night.run()
    assert summary.success, summary.failure
    first, latest = night.summaries[0].published_version, summary.published_version
    assert list_versions(night.home / "versions") == [first, latest]
    capsys.readouterr()
    assert crmwh(["rollback"]) == 0
    assert first in capsys.readouterr().out
    with connect_bi(night.home / "marts.duckdb") as con:
        assert con.execute("select version from marts._crmwh_publish").fetchall() == [(first,)]

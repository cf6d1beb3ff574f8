"""A team with API access only (no marketing, goal or finance exports) still gets every metric.

Every registry id has its company-wide row in every month; metrics that need a file drop are 0
(counts) or NULL (ratios whose denominator comes from the missing export), never missing.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from config import DBT_PROJECT_DIR, load_settings
from connectors.demo.emulator import Emulator
from connectors.demo.generator import generate_world
from orchestration.demo import point_sources_at
from orchestration.nightly import run_nightly
from warehouse.bi import connect_bi

pytestmark = pytest.mark.slow


def test_every_metric_has_its_rows_without_file_drops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = generate_world(seed=11, scale=0.05)
    monkeypatch.setenv("CRMWH_HOME", str(tmp_path / "crmwh"))
    monkeypatch.setenv("CRMWH_AUDIT_CLOCK", world.now.isoformat())
    with Emulator(world) as emulator:
        for key in ("HUBSPOT_BASE_URL", "HUBSPOT_TOKEN", "STRIPE_BASE_URL", "STRIPE_API_KEY"):
            monkeypatch.setenv(f"CRMWH_{key}", "")  # registered so monkeypatch restores them
        for key in ("ZENDESK_BASE_URL", "ZENDESK_EMAIL", "ZENDESK_TOKEN"):
            monkeypatch.setenv(f"CRMWH_{key}", "")
        point_sources_at(emulator.base_url)
        summary = run_nightly(load_settings(), log_level="WARNING")
    assert summary.success, summary.failure
    assert not any(key.startswith("raw/files/") and rows for key, rows in summary.rows_landed.items())
    with (DBT_PROJECT_DIR / "seeds" / "metric_registry.csv").open(newline="") as handle:
        registry = {row["metric_id"]: row["unit"] for row in csv.DictReader(handle)}
    with connect_bi(tmp_path / "crmwh" / "marts.duckdb") as con:
        rows = con.execute(
            "select metric_id, count(*), count(value), sum(value) from marts.mart_kpis where dimension = 'all' group by 1"
        ).fetchall()
    per_metric = {metric: (months, valued, total) for metric, months, valued, total in rows}
    assert set(per_metric) == set(registry)
    assert {months for months, _, _ in per_metric.values()} == {24}
    # counts that only a file drop can feed are zero in every month, not missing
    for metric in ("web_sessions", "campaign_responses", "campaigns_active", "goal_amount"):
        assert per_metric[metric][1] == 24 and per_metric[metric][2] == 0, metric
    # while the API-fed metrics still carry the business
    assert per_metric["deals_won"][2] > 0 and per_metric["gross_revenue"][2] > 0 and per_metric["cases_solved"][2] > 0

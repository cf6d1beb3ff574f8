"""Process environment the tools need, derived from the project's settings (one place)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from config import Settings

DBT_RUNS_KEPT = 5  # dbt target folders (artifacts, compiled SQL, dbt.log) of the latest runs
DAGSTER_YAML = """\
# Written by crmwh: local run storage, writers to the build database serialised by the `duckdb` pool.
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""


def prepare_environment(settings: Settings) -> None:
    """Point Dagster, dbt, dlt and GX at the data folder and turn their telemetry off."""
    settings.ensure_dirs()
    os.environ["DAGSTER_HOME"] = str(settings.dagster_home)
    os.environ["CRMWH_BUILD_DB"] = str(settings.build_db)
    os.environ["DBT_LOG_PATH"] = str(settings.home / "dbt" / "logs")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    dagster_yaml = Path(settings.dagster_home) / "dagster.yaml"
    if not dagster_yaml.exists():
        dagster_yaml.write_text(DAGSTER_YAML)


def dbt_run_target(settings: Settings, run_id: str, parsed_target: Path) -> Path:
    """A fresh dbt target folder for one run, under `$CRMWH_HOME/dbt/runs/`.

    dagster-dbt would otherwise make a new ~25 MB folder inside the dbt project for every run and
    never remove it; here only the newest `DBT_RUNS_KEPT` stay. The project's last parse
    (`partial_parse.msgpack`) is copied in so dbt does not parse the whole project again.
    """
    runs = settings.home / "dbt" / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    earlier = sorted((p for p in runs.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for stale in earlier[: max(0, len(earlier) - (DBT_RUNS_KEPT - 1))]:
        shutil.rmtree(stale, ignore_errors=True)
    target = runs / run_id
    target.mkdir(exist_ok=True)
    parse = parsed_target / "partial_parse.msgpack"
    if parse.exists():
        shutil.copy2(parse, target / parse.name)
    return target

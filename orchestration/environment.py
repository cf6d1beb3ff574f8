"""Process environment the tools need, derived from the project's settings (one place)."""

from __future__ import annotations

import os
from pathlib import Path

from config import Settings

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

"""Where a night's dbt artifacts go: one folder per run in the data folder, the newest few kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from config import load_settings
from orchestration.environment import DBT_RUNS_KEPT, dbt_run_target


def test_each_run_gets_a_fresh_folder_and_only_the_newest_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRMWH_HOME", str(tmp_path / "home"))
    settings = load_settings()
    parsed = tmp_path / "parsed"
    parsed.mkdir()
    (parsed / "partial_parse.msgpack").write_bytes(b"parse")
    made = []
    for night in range(DBT_RUNS_KEPT + 3):
        target = dbt_run_target(settings, f"run-{night}", parsed)
        (target / "run_results.json").write_text("{}")
        os.utime(target, (1_000_000 + night, 1_000_000 + night))  # mtime order = run order
        made.append(target)
    kept = sorted(p.name for p in (settings.home / "dbt" / "runs").iterdir())
    assert kept == sorted(t.name for t in made[-DBT_RUNS_KEPT:])
    assert (made[-1] / "partial_parse.msgpack").read_bytes() == b"parse"

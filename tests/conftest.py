"""Shared fixtures: a small demo world, the emulator serving it, a private data folder, and one
published night of that world shared by the modules that only read its marts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from connectors.demo.emulator import Emulator
from connectors.demo.generator import generate_world
from connectors.demo.world import World

TEST_SCALE = 0.1
TEST_SEED = 7


@pytest.fixture(scope="session")
def world() -> World:
    return generate_world(seed=TEST_SEED, scale=TEST_SCALE)


@pytest.fixture
def emulator(world: World) -> Iterator[Emulator]:
    with Emulator(world) as running:
        yield running


@pytest.fixture
def crmwh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "crmwh"
    monkeypatch.setenv("CRMWH_HOME", str(home))
    for key in list(os.environ):
        if key.startswith(("CRMWH_HUBSPOT_", "CRMWH_STRIPE_", "CRMWH_ZENDESK_")):
            monkeypatch.delenv(key)
    return home


class PublishedNight(NamedTuple):
    home: Path
    bi: Path  # the published BI file, marts.duckdb
    success: bool
    failure: str | None


@pytest.fixture(scope="session")
def published_night(tmp_path_factory: pytest.TempPathFactory, world: World) -> Iterator[PublishedNight]:
    """One clean night of the test world (APIs from the emulator, file drops landed), published once
    per session for the test modules that only read its marts."""
    from config import load_settings
    from orchestration.demo import point_sources_at
    from orchestration.nightly import run_nightly

    patch = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("published_night") / "crmwh"
    patch.setenv("CRMWH_HOME", str(home))
    for key in list(os.environ):
        if key.startswith(("CRMWH_HUBSPOT_", "CRMWH_STRIPE_", "CRMWH_ZENDESK_")):
            patch.delenv(key)
    world.write_file_drops(home / "landing")  # marketing, goal and finance exports arrive as files
    before = dict(os.environ)
    try:
        with Emulator(world) as emulator:
            point_sources_at(emulator.base_url)
            changed = {k: v for k, v in os.environ.items() if k.startswith("CRMWH_") and before.get(k) != v}
            for key, value in changed.items():  # hand the change to the monkeypatch, so undo restores it
                if key in before:
                    os.environ[key] = before[key]
                else:
                    del os.environ[key]
                patch.setenv(key, value)
            summary = run_nightly(load_settings(), log_level="WARNING")
        yield PublishedNight(home, home / "marts.duckdb", summary.success, summary.failure)
    finally:
        patch.undo()

"""Shared fixtures: a small demo world, the emulator serving it, and a private data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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

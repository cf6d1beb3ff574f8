"""The connectors against the generator's world (with its defects): full sync, then the next night."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import connectors.files
import connectors.zendesk
from config import load_settings
from connectors.demo.emulator import Emulator
from connectors.demo.gen_defects import DEFAULT_DEFECT_RATES
from connectors.demo.generator import generate_world
from connectors.demo.world import World
from connectors.files import FOLDERS, table_name
from connectors.loader import ENTITIES, LoadReport, load_source
from orchestration.demo import point_sources_at
from tests.test_connectors import FULL_REFRESH, checksum, rows, served_records

SCALE, SEED = 0.03, 11
API_SOURCES = ("hubspot", "stripe", "zendesk")


@pytest.fixture(scope="module")
def worlds() -> tuple[World, World]:
    rates = DEFAULT_DEFECT_RATES | {"repeated_across_pages": 0.2}
    return generate_world(SEED, SCALE, defect_rates=rates), generate_world(SEED, SCALE, night=1, defect_rates=rates)


@pytest.fixture
def emulator(worlds: tuple[World, World], crmwh_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    monkeypatch.setattr(connectors.files, "SETTLE_SECONDS", 0.05)
    monkeypatch.setattr(connectors.zendesk, "TALK_PAGE_SIZE", 50)  # the stop rule must know the vendor's page size
    with Emulator(worlds[0], time_page_size=50, talk_page_size=50) as running:
        point_sources_at(running.base_url)
        yield running
    for key in [k for k in os.environ if k.startswith(("CRMWH_HUBSPOT_", "CRMWH_STRIPE_", "CRMWH_ZENDESK_"))]:
        del os.environ[key]


def _ids(home: Path, source: str, report: LoadReport) -> dict[str, set[str]]:
    return {
        entity: {str(r["id"]) for r in rows(home, source, entity, report.load_id)} if report.rows.get(entity) else set()
        for entity in ENTITIES[source]
    }


def _changed(before: World, after: World, source: str, entity: str) -> set[str]:
    old = {str(r["id"]): json.dumps(r, sort_keys=True) for r in served_records(before, source, entity)}
    return {str(r["id"]) for r in served_records(after, source, entity) if old.get(str(r["id"])) != json.dumps(r, sort_keys=True)}


def test_full_sync_then_next_night(emulator: Emulator, worlds: tuple[World, World], crmwh_home: Path) -> None:
    night0, night1 = worlds
    assert any(d["kind"] == "repeated_across_pages" for d in night0.manifest["defects"])
    night0.write_file_drops(crmwh_home / "landing")
    for source in (*API_SOURCES, "files"):
        report = load_source(source, load_settings())
        for entity in ENTITIES[source]:
            if source == "files":
                folder = next(f for f in FOLDERS if table_name(f) == entity)
                expected: list[dict[str, Any]] = night0.files.get(folder, [])
                landed = rows(crmwh_home, source, entity)
                assert checksum(
                    [(r["_source_file"] != "", json.dumps({k: r[k] for k in expected[0]})) for r in landed]
                ) == checksum([(True, json.dumps(r)) for r in expected]), entity
                continue
            expected = served_records(night0, source, entity)
            landed = rows(crmwh_home, source, entity, report.load_id) if report.rows.get(entity) else []
            assert len(landed) == len(expected), f"{source}.{entity}"
            assert checksum([(r["id"], "") for r in landed]) == checksum([(r["id"], "") for r in expected]), f"{source}.{entity}"
    emulator.world = night1
    for source in API_SOURCES:
        landed_ids = _ids(crmwh_home, source, load_source(source, load_settings()))
        for entity, ids in landed_ids.items():
            if f"{source}.{entity}" not in FULL_REFRESH:
                assert ids == _changed(night0, night1, source, entity), f"{source}.{entity}"

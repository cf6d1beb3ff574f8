"""A sync killed with SIGKILL half-way, then run again, ends with the same tables as one that ran through."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from connectors.demo.emulator import Emulator
from connectors.demo.world import World
from tests.test_connectors_fixtures import NOW, fixture_world

TOKEN = "kill-test-token"
PROJECT = Path(__file__).resolve().parents[1]
RUN = "from config import load_settings; from connectors.loader import load_source; load_source('stripe', load_settings())"


def bigger_world() -> World:
    """The fixture world with a few hundred charges, so a sync takes many pages."""
    world = fixture_world()
    template = world.stripe["charges"][0]
    extra = [{**template, "id": f"ch_{n:06d}", "created": int(NOW.timestamp()) - 10_000 - n * 60} for n in range(100, 400)]
    world.stripe["charges"] = sorted(world.stripe["charges"] + extra, key=lambda r: (-r["created"], r["id"]))
    return world


def env_for(home: Path, emulator: Emulator) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRMWH_")}
    return env | {
        "CRMWH_HOME": str(home),
        "CRMWH_STRIPE_BASE_URL": emulator.base_url,
        "CRMWH_STRIPE_API_KEY": TOKEN,
        "PYTHONPATH": str(PROJECT),
    }


def run_to_end(home: Path, emulator: Emulator) -> None:
    subprocess.run([sys.executable, "-c", RUN], env=env_for(home, emulator), check=True, cwd=PROJECT, timeout=120)


def latest_versions(home: Path) -> dict[str, set[tuple[str, str]]]:
    """What staging sees: per table, the newest version of each id (id, content digest)."""
    out: dict[str, set[tuple[str, str]]] = {}
    with duckdb.connect(str(home / "build.duckdb"), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute("select table_name from information_schema.tables where table_schema = 'raw_stripe'").fetchall()
        ]
        for table in tables:
            if table.startswith("_dlt") or "__" in table:
                continue
            rows = con.execute(
                f"select id, md5(cast(columns(* exclude (_dlt_id, _dlt_load_id)) as varchar)) from ("
                f"select *, row_number() over (partition by id order by _dlt_load_id desc) as rank_ from raw_stripe.{table}"
                f") where rank_ = 1"
            ).fetchall()
            out[table] = {(str(r[0]), str(r[1:])) for r in rows}
    return out


def test_sigkill_mid_sync_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    world = bigger_world()
    with Emulator(world, token=TOKEN) as emulator, Emulator(world, token=TOKEN) as undisturbed:
        reference = subprocess.Popen([sys.executable, "-c", RUN], env=env_for(tmp_path / "reference", undisturbed), cwd=PROJECT)
        emulator.slow_seconds = 0.02  # so the kill lands in the middle of the charges
        killed_home = tmp_path / "killed"
        process = subprocess.Popen([sys.executable, "-c", RUN], env=env_for(killed_home, emulator), cwd=PROJECT)
        deadline = time.monotonic() + 60
        while sum("/v1/charges" in r for r in emulator.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        emulator.slow_seconds = 0.0
        run_to_end(killed_home, emulator)
        assert reference.wait(timeout=120) == 0
    assert latest_versions(killed_home) == latest_versions(tmp_path / "reference")

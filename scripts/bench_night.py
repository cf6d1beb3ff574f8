"""Benchmark one whole night (ingest → audit → dbt build → publish) on the demo world.

Prints the wall time of each Dagster step and of the night, and the peak memory of this process
(the in-process executor runs every step here; dbt's subprocess is measured separately by the OS).

    .venv/bin/python scripts/bench_night.py --scale 1
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, nargs="+", default=[1.0])
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    for scale in args.scale:
        home = Path(tempfile.mkdtemp(prefix=f"bench-night-{scale}-"))
        os.environ["CRMWH_HOME"] = str(home)
        from config import load_settings
        from connectors.demo.emulator import Emulator
        from connectors.demo.generator import generate_world
        from orchestration.demo import point_sources_at
        from orchestration.nightly import run_nightly

        started = time.perf_counter()
        world = generate_world(seed=args.seed, scale=scale)
        generated = time.perf_counter() - started
        with Emulator(world) as emulator:
            point_sources_at(emulator.base_url)
            os.environ["CRMWH_AUDIT_CLOCK"] = world.now.isoformat()
            world.write_file_drops(load_settings().landing_dir)  # as the demo does: every source lands
            night_started = time.perf_counter()
            summary = run_nightly(load_settings(), log_level="ERROR")
            night = time.perf_counter() - night_started
        from dagster import DagsterInstance

        with DagsterInstance.get() as instance:
            stats = instance.get_run_step_stats(summary.run_id)
        by_kind: dict[str, float] = defaultdict(float)
        for stat in stats:
            kind = stat.step_key
            if kind.startswith("ingest_"):
                kind = "ingest (all sources)"
            elif kind.endswith("_audit"):
                kind = "audit (all entities)"
            by_kind[kind] += (stat.end_time or 0) - (stat.start_time or 0)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = sum(summary.rows_landed.values())
        outcome = "ok" if summary.success else "FAILED"
        print(f"scale {scale}: {outcome}; world {generated:.1f} s; night {night:.1f} s; {rows:,} raw rows")
        for kind, seconds in sorted(by_kind.items(), key=lambda kv: -kv[1]):
            print(f"  {kind:<28} {seconds:7.1f} s (summed over steps)")
        print(f"  peak RSS: this process {peak:.0f} MiB, largest child (dbt) {children:.0f} MiB")
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

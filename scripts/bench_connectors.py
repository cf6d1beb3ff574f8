"""Records per second per source, full sync against the emulator with rate limits off.

The emulator runs as its own process (`crmwh emulator`), as a vendor's API would: the figures are
the connector's, not the connector's plus the server's on the same interpreter lock.

    .venv/bin/python scripts/bench_connectors.py [--scales 1 10] [--sources hubspot stripe zendesk files] [--repeat 3]

Prints, per scale and source: top-level records landed, child rows, wall time, records/s, and how
the time splits between extract (HTTP + our paging/dedupe), normalize and load (dlt), so a slow
figure says where the time goes. With `--repeat N` each source syncs N times from scratch against
the same emulator and the median run is printed last: on a shared machine one run can be off by 10%.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from config import load_settings
from connectors.demo.generator import generate_world
from connectors.loader import ENTITIES, load_source, make_pipeline
from orchestration.demo import point_sources_at

PROJECT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def emulator_process(scale: float, seed: int) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-u", "-m", "orchestration.cli", "emulator", "--port", str(port)]
    command += ["--scale", str(scale), "--seed", str(seed), "--token", TOKEN]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "emulator on" not in line:
            raise RuntimeError(f"emulator did not start: {line!r}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def sync_once(source: str) -> tuple[float, str]:
    """One full sync of `source` into the current `CRMWH_HOME`: (records/s, the printed line)."""
    settings = load_settings()
    began = time.monotonic()
    report = load_source(source, settings)
    wall = time.monotonic() - began
    top = sum(report.rows.get(e, 0) for e in ENTITIES[source])
    children = report.total_rows - top
    trace = make_pipeline(source, settings).last_trace
    steps = {s.step: (s.finished_at - s.started_at).total_seconds() for s in trace.steps} if trace else {}
    split = ", ".join(f"{k} {steps.get(k, 0):.1f} s" for k in ("extract", "normalize", "load"))
    line = f"{source:<8} {top:>9,} records (+{children:,} child rows) in {wall:6.1f} s = {top / wall:>8,.0f} records/s  [{split}]"
    return top / wall, line


def bench(scale: float, sources: list[str], seed: int, repeat: int = 1) -> Iterator[str]:
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="crmwh-bench-"))
    drops = root / "drops"
    try:
        if "files" in sources:
            generate_world(seed=seed, scale=scale).write_file_drops(drops)
        with emulator_process(scale, seed) as base_url:
            yield f"scale {scale}: world generated and served in {time.monotonic() - started:.1f} s"
            point_sources_at(base_url, TOKEN)
            for source in sources:
                runs = []
                for attempt in range(repeat):
                    home = root / f"{source}-{attempt}"  # a fresh warehouse and dlt state per run
                    os.environ["CRMWH_HOME"] = str(home)
                    if source == "files":
                        shutil.copytree(drops, home / "landing")
                    rate, line = sync_once(source)
                    runs.append((rate, line))
                    if repeat > 1:
                        yield f"    run {attempt + 1}: {line}"
                    shutil.rmtree(home, ignore_errors=True)
                median = sorted(runs)[len(runs) // 2]
                yield f"  {median[1]}" + (f"  (median of {repeat})" if repeat > 1 else "")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--sources", nargs="+", default=["hubspot", "stripe", "zendesk", "files"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1, help="syncs per source; the median is reported")
    args = parser.parse_args()
    os.environ.setdefault("CRMWH_FILES_SETTLE_SECONDS", "0.5")
    for scale in args.scales:
        for line in bench(scale, args.sources, args.seed, args.repeat):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

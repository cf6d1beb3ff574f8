"""Generation time and peak memory of the demo world at several scales, and how they grow.

Each measurement runs in a fresh process, so its peak resident set (ru_maxrss) is its own; the
largest of stream_world's worker processes is reported next to it, and CPU seconds add up the
process and its workers (wall time is noisy on a shared machine, CPU time much less so).

    .venv/bin/python scripts/bench_generator.py              # streaming writer at scale 1 and 10
    .venv/bin/python scripts/bench_generator.py --scales 1 10 100 --in-memory
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(scale: float, mode: str) -> dict[str, float]:
    """Run in this process: generate, then report seconds, peak RSS (MiB) and records."""
    import resource

    sys.path.insert(0, str(ROOT))
    from connectors.demo.generator import generate_world, stream_world

    started = time.perf_counter()
    if mode == "stream":
        with tempfile.TemporaryDirectory() as folder:
            counts = stream_world(Path(folder), seed=42, scale=scale)
    else:
        counts = generate_world(seed=42, scale=scale).counts()
    seconds = time.perf_counter() - started
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mib = own.ru_maxrss / 1024  # Linux reports KiB
    worker_mib = workers.ru_maxrss / 1024  # the largest worker process (stream_world's chunk pool)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    return {
        "scale": scale,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mib": round(peak_mib, 1),
        "worker_peak_mib": round(worker_mib, 1),
        "records": sum(counts.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--in-memory", action="store_true", help="measure generate_world instead of stream_world")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    mode = "memory" if args.in_memory else "stream"
    if args.child is not None:
        print(json.dumps(measure(args.child, mode)))
        return
    rows = []
    for scale in args.scales:
        command = [sys.executable, __file__, "--child", str(scale)] + (["--in-memory"] if args.in_memory else [])
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"{'mode':<8} {'scale':>6} {'seconds':>9} {'cpu s':>8} {'peak MiB':>9} {'worker MiB':>11} {'records':>10}")
    for row in rows:
        print(
            f"{mode:<8} {row['scale']:>6g} {row['seconds']:>9.2f} {row['cpu_seconds']:>8.2f} {row['peak_mib']:>9.1f} "
            f"{row['worker_peak_mib']:>11.1f} {row['records']:>10}"
        )
    for small, big in itertools.pairwise(rows):
        factor = big["scale"] / small["scale"]
        print(
            f"x{factor:g} scale: time x{big['seconds'] / small['seconds']:.1f}, "
            f"peak memory x{big['peak_mib'] / small['peak_mib']:.2f}"
        )


if __name__ == "__main__":
    main()

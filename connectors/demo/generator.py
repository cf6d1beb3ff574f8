"""A deterministic synthetic business across CRM, payments, support and file drops.

`generate_world(seed, scale, night)` builds the whole world in memory (what the emulator serves,
scales up to ~10); `stream_world(folder, seed, scale)` writes the same records chunk by chunk as
JSON lines, holding one chunk of accounts at a time, for large scales. Same seed and scale give
the same bytes. The event log (`gen_story`, `gen_model`) runs past night 0's clock; night `k` is a
snapshot of it as of `WORLD_NOW + k days`, and `truth.py` computes the catalog's metrics from the
same log, independently of the rendered records.
"""

from __future__ import annotations

import itertools
import json
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from connectors.demo.gen_common import (
    ACCOUNTS_PER_SCALE,
    CHUNK_ACCOUNTS,
    CURRENCY_EXPONENT,
    MAX_NIGHTS,
    PIPELINES,
    WORLD_NOW,
    WORLD_START,
)
from connectors.demo.gen_defects import DEFAULT_DEFECT_RATES, inject
from connectors.demo.gen_globals import Globals, build_globals
from connectors.demo.gen_render import Systems, fixed_records, identity_links, render_chunk, tally_chunk, tally_fixed
from connectors.demo.gen_render_stripe import newest_first
from connectors.demo.gen_story import simulate_chunk
from connectors.demo.truth import Tally, finish
from connectors.demo.world import World, iso_z, write_csv_drops

__all__ = [
    "CURRENCY_EXPONENT",
    "DEFAULT_DEFECT_RATES",
    "PIPELINES",
    "WORLD_NOW",
    "WORLD_START",
    "generate_world",
    "stream_world",
]


def _accounts(scale: float) -> int:
    return max(1, round(ACCOUNTS_PER_SCALE * scale))


def _chunks(scale: float) -> int:
    return math.ceil(_accounts(scale) / CHUNK_ACCOUNTS)


def _manifest(rates: dict[str, float], defects: list[dict[str, Any]], identity: list[dict[str, Any]]) -> dict[str, Any]:
    return {"rates": dict(sorted(rates.items())), "defects": defects, "identity": identity}


def _extend(into: Systems, part: Systems) -> None:
    for system, objects in part.items():
        for name, rows in objects.items():
            into[system].setdefault(name, []).extend(rows)


def _check(night: int) -> None:
    if not 0 <= night <= MAX_NIGHTS:
        raise ValueError(f"night must be between 0 and {MAX_NIGHTS}")


def generate_world(
    seed: int = 42,
    scale: float = 1.0,
    night: int = 0,
    defect_rates: dict[str, float] | None = None,
    fx_drift: bool = False,
) -> World:
    """The demo business as of night `night`. Clean unless `defect_rates` is given (see gen_defects).

    `fx_drift=True` makes the finance/fx_rates drop's months differ from the shipped default rates
    (the truth always converts with the drop's rate where it has one, else the default).
    """
    _check(night)
    asof = WORLD_NOW + timedelta(days=night)
    rates = dict(defect_rates or {})
    world_facts = build_globals(seed, scale, fx_drift)
    systems = fixed_records(world_facts, asof)
    tally = tally_fixed(world_facts, asof)
    defects: list[dict[str, Any]] = []
    identity: list[dict[str, Any]] = []
    for index in range(_chunks(scale)):
        chunk = simulate_chunk(seed, index, _accounts(scale), world_facts)
        part = render_chunk(chunk, asof)
        defects += inject(seed, rates, part)
        _extend(systems, part)
        tally.merge(tally_chunk(chunk, world_facts, asof))
        identity += identity_links(chunk, asof)
    world = World(seed=seed, scale=scale, now=asof)
    world.hubspot = systems["hubspot"]
    world.stripe = {
        name: newest_first(rows) if name not in ("products", "prices") else rows for name, rows in systems["stripe"].items()
    }
    world.zendesk = systems["zendesk"]
    world.files = systems["files"]
    world.truth, world.truth_breakdowns = finish(tally, asof)
    world.manifest = _manifest(rates, defects, identity)
    return world


def stream_world(
    folder: Path,
    seed: int = 42,
    scale: float = 1.0,
    night: int = 0,
    defect_rates: dict[str, float] | None = None,
    fx_drift: bool = False,
    workers: int | None = None,
) -> dict[str, int]:
    """Write the world chunk by chunk: `<system>/<object>.jsonl`, `files/<folder>/*.csv`, truth and manifest.

    Only a few chunks' accounts and records are held at a time (plus the truth's monthly counters);
    records come in chunk order, not the vendors' list order. Returns the record counts.

    Chunks are simulated, rendered and encoded by `workers` processes (default: one per CPU, at
    most 4; 1 = in this process). Each chunk depends only on (seed, index), and the results are
    written in chunk order, so the bytes do not depend on `workers`.
    """
    _check(night)
    asof = WORLD_NOW + timedelta(days=night)
    rates = dict(defect_rates or {})
    world_facts = build_globals(seed, scale, fx_drift)
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    handles: dict[str, Any] = {}
    stem = f"demo-{seed}-{asof.strftime('%Y%m%d')}"
    tally = tally_fixed(world_facts, asof)

    def emit(part: _Encoded, first: bool) -> None:
        for system, objects in part.items():
            if system == "files":
                write_csv_drops(objects, folder / "files", stem, append=not first)
                for name, rows in objects.items():
                    counts[f"files.{name}"] = counts.get(f"files.{name}", 0) + len(rows)
                continue
            for name, (text, size) in objects.items():
                key = f"{system}.{name}"
                if key not in handles:
                    path = folder / system / f"{name}.jsonl"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handles[key] = path.open("w")
                handles[key].write(text)
                counts[key] = counts.get(key, 0) + size

    meta = {side: (folder / f"manifest_{side}.jsonl").open("w") for side in ("defects", "identity")}
    try:
        emit(_encode(fixed_records(world_facts, asof)), first=True)
        jobs = [(seed, index, _accounts(scale), asof, rates) for index in range(_chunks(scale))]
        for part, defects, identity, tally_parts in _run_chunks(jobs, world_facts, workers):
            meta["defects"].write(defects)
            meta["identity"].write(identity)
            emit(part, first=False)
            tally.merge(_plain_tally(tally_parts))
    finally:
        for handle in [*handles.values(), *meta.values()]:
            handle.close()
    truth, breakdowns = finish(tally, asof)
    _write_json(folder / "truth.json", truth)
    _write_json(folder / "truth_breakdowns.json", breakdowns)
    _write_json(
        folder / "manifest.json",
        {"rates": dict(sorted(rates.items())), "defects": "manifest_defects.jsonl", "identity": "manifest_identity.jsonl"},
    )
    _write_json(folder / "world.json", {"seed": seed, "scale": scale, "now": iso_z(asof), "counts": counts})
    return counts


# A chunk's rendered records, encoded: system -> object -> (JSON lines, row count); "files" keeps its rows.
_Encoded = dict[str, dict[str, Any]]
_Job = tuple[int, int, int, datetime, dict[str, float]]
_ChunkResult = tuple[_Encoded, str, str, tuple[Any, Any, Any]]
_WORKER_GLOBALS: list[Globals] = []


_ENCODER = json.JSONEncoder(sort_keys=True)  # what json.dumps(row, sort_keys=True) builds per call


def _lines(rows: list[Any]) -> str:
    encode = _ENCODER.encode
    return "".join([encode(row) + "\n" for row in rows])


def _encode(part: Systems) -> _Encoded:
    return {
        system: objects if system == "files" else {name: (_lines(rows), len(rows)) for name, rows in objects.items()}
        for system, objects in part.items()
    }


def _chunk_job(job: _Job, world_facts: Globals | None = None) -> _ChunkResult:
    """Everything `stream_world` needs from one chunk, as plain picklable values."""
    seed, index, accounts, asof, rates = job
    facts = world_facts if world_facts is not None else _WORKER_GLOBALS[0]
    chunk = simulate_chunk(seed, index, accounts, facts)
    part = render_chunk(chunk, asof)
    defects = _lines(inject(seed, rates, part))
    identity = _lines(identity_links(chunk, asof))
    tally = tally_chunk(chunk, facts, asof)
    plain = (
        {name: dict(months) for name, months in tally.series.items()},
        {
            name: {dim: {member: dict(months) for member, months in members.items()} for dim, members in dims.items()}
            for name, dims in tally.breakdowns.items()
        },
        dict(tally.sets),
    )
    return _encode(part), defects, identity, plain


def _plain_tally(parts: tuple[Any, Any, Any]) -> Tally:
    """A `Tally` look-alike over plain dicts, for `Tally.merge` (which only reads them)."""
    plain = Tally.__new__(Tally)
    plain.series, plain.breakdowns, plain.sets = parts
    return plain


def _init_worker(world_facts: Globals) -> None:
    _WORKER_GLOBALS[:] = [world_facts]


def _run_chunks(jobs: list[_Job], world_facts: Globals, workers: int | None) -> Iterator[_ChunkResult]:
    """Chunk results in chunk order, with at most 2 per worker computed ahead (bounded memory)."""
    workers = min(4, os.cpu_count() or 1) if workers is None else workers
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        for job in jobs:
            yield _chunk_job(job, world_facts)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(workers, initializer=_init_worker, initargs=(world_facts,)) as pool:
        pending: deque[Any] = deque()
        queued = iter(jobs)
        for job in itertools.islice(queued, 2 * workers):
            pending.append(pool.apply_async(_chunk_job, (job,)))
        while pending:
            result = pending.popleft().get()
            for job in itertools.islice(queued, 1):
                pending.append(pool.apply_async(_chunk_job, (job,)))
            yield result


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, sort_keys=True, indent=1))

"""A deterministic synthetic business across CRM, payments, support and file drops.

`generate_world(seed, scale, night)` builds the whole world in memory (what the emulator serves,
scales up to ~10); `stream_world(folder, seed, scale)` writes the same records chunk by chunk as
JSON lines, holding one chunk of accounts at a time, for large scales. Same seed and scale give
the same bytes. The event log (`gen_story`, `gen_model`) runs past night 0's clock; night `k` is a
snapshot of it as of `WORLD_NOW + k days`, and `truth.py` computes the catalog's metrics from the
same log, independently of the rendered records.
"""

from __future__ import annotations

import json
import math
from datetime import timedelta
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
from connectors.demo.gen_globals import build_globals
from connectors.demo.gen_render import Systems, fixed_records, identity_links, render_chunk, tally_chunk, tally_fixed
from connectors.demo.gen_render_stripe import newest_first
from connectors.demo.gen_story import simulate_chunk
from connectors.demo.truth import finish
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
) -> dict[str, int]:
    """Write the world chunk by chunk: `<system>/<object>.jsonl`, `files/<folder>/*.csv`, truth and manifest.

    Only one chunk's accounts and records are held at a time (plus the truth's monthly counters);
    records come in chunk order, not the vendors' list order. Returns the record counts.
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

    def emit(part: Systems, first: bool) -> None:
        for system, objects in part.items():
            if system == "files":
                write_csv_drops(objects, folder / "files", stem, append=not first)
                for name, rows in objects.items():
                    counts[f"files.{name}"] = counts.get(f"files.{name}", 0) + len(rows)
                continue
            for name, rows in objects.items():
                key = f"{system}.{name}"
                if key not in handles:
                    path = folder / system / f"{name}.jsonl"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handles[key] = path.open("w")
                handles[key].writelines(json.dumps(row, sort_keys=True) + "\n" for row in rows)
                counts[key] = counts.get(key, 0) + len(rows)

    meta = {side: (folder / f"manifest_{side}.jsonl").open("w") for side in ("defects", "identity")}
    try:
        emit(fixed_records(world_facts, asof), first=True)
        for index in range(_chunks(scale)):
            chunk = simulate_chunk(seed, index, _accounts(scale), world_facts)
            part = render_chunk(chunk, asof)
            for entry in inject(seed, rates, part):
                meta["defects"].write(json.dumps(entry, sort_keys=True) + "\n")
            for entry in identity_links(chunk, asof):
                meta["identity"].write(json.dumps(entry, sort_keys=True) + "\n")
            emit(part, first=False)
            tally.merge(tally_chunk(chunk, world_facts, asof))
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


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, sort_keys=True, indent=1))

"""The generated business, held as the records each vendor API would return."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Record = dict[str, Any]


@dataclass
class World:
    """Everything the emulator serves, in the vendors' own record shapes.

    `now` is the world's clock: the instant the night's extraction happens. The emulator uses it
    (not the wall clock) for the vendors' time-based rules, so a world is reproducible.
    """

    seed: int
    scale: float
    now: datetime
    hubspot: dict[str, list[Record]] = field(default_factory=dict)
    stripe: dict[str, list[Record]] = field(default_factory=dict)
    zendesk: dict[str, list[Record]] = field(default_factory=dict)
    truth: dict[str, dict[str, float]] = field(default_factory=dict)  # metric_id -> month -> value
    manifest: dict[str, Any] = field(default_factory=dict)  # injected defects, by kind

    def counts(self) -> dict[str, int]:
        out = {}
        for system in ("hubspot", "stripe", "zendesk"):
            for name, rows in getattr(self, system).items():
                out[f"{system}.{name}"] = len(rows)
        return out

    def write(self, folder: Path) -> None:
        """Write the world as sorted JSON files (same seed and scale give the same bytes)."""
        folder.mkdir(parents=True, exist_ok=True)
        for system in ("hubspot", "stripe", "zendesk"):
            for name, rows in getattr(self, system).items():
                path = folder / system / f"{name}.jsonl"
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("w") as handle:
                    for row in rows:
                        handle.write(json.dumps(row, sort_keys=True) + "\n")
        meta = {"seed": self.seed, "scale": self.scale, "now": iso_z(self.now)}
        (folder / "world.json").write_text(json.dumps(meta, sort_keys=True, indent=1))
        (folder / "truth.json").write_text(json.dumps(self.truth, sort_keys=True, indent=1))
        (folder / "manifest.json").write_text(json.dumps(self.manifest, sort_keys=True, indent=1))


def iso_z(moment: datetime, millis: bool = False) -> str:
    """ISO-8601 in UTC with a Z, as the vendors print it."""
    moment = moment.astimezone(UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def month_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m-01")

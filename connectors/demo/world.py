"""The generated business, held as the records each vendor API would return."""

from __future__ import annotations

import csv
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
    truth: dict[str, dict[str, float | None]] = field(default_factory=dict)  # metric_id -> month -> value
    manifest: dict[str, Any] = field(default_factory=dict)  # defects, rates, identity links
    files: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # file-drop folder -> rows
    truth_breakdowns: dict[str, Any] = field(default_factory=dict)  # metric -> dimension -> value -> month -> value

    def counts(self) -> dict[str, int]:
        out = {}
        for system in ("hubspot", "stripe", "zendesk"):
            for name, rows in getattr(self, system).items():
                out[f"{system}.{name}"] = len(rows)
        for folder, rows in self.files.items():
            out[f"files.{folder}"] = len(rows)
        return out

    def write_file_drops(self, landing_dir: Path) -> list[Path]:
        """Write each file drop as `<landing_dir>/<folder>/<name>.csv` (one header row); return the paths."""
        return write_csv_drops(self.files, landing_dir, f"demo-{self.seed}-{self.now.strftime('%Y%m%d')}")

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
        self.write_file_drops(folder / "files")
        meta = {"seed": self.seed, "scale": self.scale, "now": iso_z(self.now)}
        (folder / "world.json").write_text(json.dumps(meta, sort_keys=True, indent=1))
        (folder / "truth.json").write_text(json.dumps(self.truth, sort_keys=True, indent=1))
        (folder / "truth_breakdowns.json").write_text(json.dumps(self.truth_breakdowns, sort_keys=True, indent=1))
        (folder / "manifest.json").write_text(json.dumps(self.manifest, sort_keys=True, indent=1))


def write_csv_drops(files: dict[str, list[dict[str, str]]], landing_dir: Path, stem: str, append: bool = False) -> list[Path]:
    """One CSV per folder, columns in the file-drop contract's order (extra columns after them)."""
    from connectors.demo.gen_render_files import FILE_COLUMNS

    paths = []
    for folder, rows in files.items():
        path = landing_dir / folder / f"{stem}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        columns = list(FILE_COLUMNS.get(folder, []))
        for row in rows:
            columns += [k for k in row if k not in columns]
        fresh = not (append and path.exists())
        with path.open("w" if fresh else "a", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            if fresh:
                writer.writeheader()
            writer.writerows(rows)
        paths.append(path)
    return paths


def iso_z(moment: datetime, millis: bool = False) -> str:
    """ISO-8601 in UTC with a Z, as the vendors print it."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime's unpadded %Y (isoformat pads to 4 digits)
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S")
        return f"{stamp}.{moment.microsecond // 1000:03d}Z" if millis else stamp + "Z"
    # isoformat (C) gives the same bytes as the strftime above, several times faster; it truncates to
    # milliseconds like `microsecond // 1000`. Drop its "+00:00".
    return moment.isoformat(timespec="milliseconds" if millis else "seconds")[:-6] + "Z"


def month_of(moment: datetime) -> str:
    if moment.year < 1000:
        return moment.strftime("%Y-%m-01")
    return f"{moment.year}-{moment.month:02d}-01"

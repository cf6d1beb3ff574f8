"""The demo world is deterministic and its ground truth is internally consistent."""

from __future__ import annotations

import hashlib
from pathlib import Path

from connectors.demo.generator import generate_world


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate_world(seed=3, scale=0.05).write(tmp_path / "a")
    generate_world(seed=3, scale=0.05).write(tmp_path / "b")
    generate_world(seed=4, scale=0.05).write(tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_truth_covers_every_month_of_the_window() -> None:
    world = generate_world(seed=3, scale=0.05)
    for metric, series in world.truth.items():
        assert len(series) == 24, metric
    assert sum(world.truth["deals_won"].values()) > 0
    succeeded = [c for c in world.stripe["charges"] if c["status"] == "succeeded"]
    assert 0 < len(succeeded) < len(world.stripe["charges"])  # failed charges exist and are excluded
    assert {c["currency"] for c in world.stripe["charges"]} >= {"usd", "eur", "jpy"}

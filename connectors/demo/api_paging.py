"""Paging helpers shared by the vendor modules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connectors.demo.world import Record


def repeated_before(rows: list[Record], start: int, limit: int, repeated: set[Any], key: str = "id") -> list[Record]:
    """Records of the previous page that the world marks `repeated_across_pages`: served again at
    the top of this page, as a vendor does when its listing shifts between two requests."""
    if not repeated or start <= 0:
        return []
    return [r for r in rows[max(0, start - limit) : start] if str(r.get(key)) in repeated]


_CACHE: dict[tuple[int, str], tuple[list[Record], int, Any]] = {}


def cached(rows: list[Record], tag: str, build: Callable[[list[Record]], Any]) -> Any:
    """`build(rows)` memoised per list and tag: worlds are read-only while served, but a test may
    append to a list, so a change of length rebuilds."""
    key = (id(rows), tag)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not rows or hit[1] != len(rows):
        hit = (rows, len(rows), build(rows))
        _CACHE[key] = hit
    return hit[2]

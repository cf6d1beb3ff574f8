"""Incremental bookkeeping shared by the connectors.

- `Batch` collects one resource's records for one run and removes what a vendor serves twice: an
  identical repeat (a boundary record of an inclusive `start_time`, a page served again) is
  dropped; a later version of a record replaces the earlier one; two *different* versions with
  nothing to tell them apart are both kept, for the audit to block (never silently picked).
- `Boundary` is the saved position of a time-based export: the last cursor value and the digests
  of the records at exactly that value, so the next run's inclusive start drops them.

State lives in dlt's resource state, which dlt commits together with the load: a run that fails
does not advance it, and the next run resumes from the last committed position.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

Record = dict[str, Any]
YIELD_CHUNK = 1000


def digest(record: Record) -> str:
    payload = orjson.dumps(record, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
    return hashlib.blake2b(payload, digest_size=8).hexdigest()


@dataclass
class _Entry:
    record: Record
    suppressed: bool = False  # already loaded by an earlier run (a boundary repeat)
    dropped: bool = False
    _digest: str | None = None

    @property
    def digest(self) -> str:
        """Computed on the first key collision only: most keys arrive once, and hashing every
        record cost a tenth of a full sync."""
        if self._digest is None:
            self._digest = digest(self.record)
        return self._digest


@dataclass
class Batch:
    """One run's records of one resource, deduplicated by primary key (see module doc)."""

    key: Callable[[Record], Any] = lambda r: r["id"]
    version: Callable[[Record], Any] | None = None
    entries: list[_Entry] = field(default_factory=list)
    by_key: dict[Any, list[int]] = field(default_factory=dict)
    repeats_dropped: int = 0

    def add(self, record: Record, suppressed: bool = False) -> None:
        key = self.key(record)
        positions = self.by_key.get(key, [])
        live = [i for i in positions if not self.entries[i].dropped]
        entry = _Entry(record)
        if live and any(self.entries[i].digest == entry.digest for i in live):
            self.repeats_dropped += 1
            return
        if live and self.version is not None:
            newer = self.version(record)
            if all(_later(newer, self.version(self.entries[i].record)) for i in live):
                for i in live:
                    self.entries[i].dropped = True
                live = []
            elif all(_later(self.version(self.entries[i].record), newer) for i in live):
                return  # an older version arriving late
        for i in live:
            self.entries[i].suppressed = False  # two versions conflict: show the audit both
        self.by_key.setdefault(key, []).append(len(self.entries))
        entry.suppressed = suppressed and not live
        self.entries.append(entry)

    def replace(self, record: Record) -> None:
        """Land `record` as the only version of its key in this run (a newer source of truth)."""
        for i in self.by_key.get(self.key(record), []):
            self.entries[i].dropped = True
        self.add(record)

    def __contains__(self, key: Any) -> bool:
        """Whether this run will land a version of `key` (boundary repeats it drops do not count)."""
        return any(not self.entries[i].dropped and not self.entries[i].suppressed for i in self.by_key.get(key, []))

    def records(self) -> list[Record]:
        return [e.record for e in self.entries if not e.dropped and not e.suppressed]

    def chunks(self, size: int = YIELD_CHUNK) -> Iterator[list[Record]]:
        rows = self.records()
        for start in range(0, len(rows), size):
            yield rows[start : start + size]


def _later(a: Any, b: Any) -> bool:
    try:
        return a is not None and (b is None or a > b)
    except TypeError:
        return False


@dataclass
class Boundary:
    """Saved position of a time-based export (kept in dlt resource state as a plain dict)."""

    cursor: Any = None
    at_cursor: dict[str, str] = field(default_factory=dict)  # id -> digest of records at `cursor`

    @classmethod
    def load(cls, state: dict[str, Any], name: str = "boundary") -> Boundary:
        saved = state.get(name) or {}
        return cls(saved.get("cursor"), dict(saved.get("at_cursor") or {}))

    def save(self, state: dict[str, Any], name: str = "boundary") -> None:
        state[name] = {"cursor": self.cursor, "at_cursor": self.at_cursor}

    def already_loaded(self, record: Record, cursor_value: Any, fingerprint: Callable[[Record], str] = digest) -> bool:
        if self.cursor is None or cursor_value is None or _later(self.cursor, cursor_value):
            return False
        return self.at_cursor.get(str(record["id"])) == fingerprint(record)

    def advance(
        self,
        records: list[Record],
        cursor_of: Callable[[Record], Any],
        fingerprint: Callable[[Record], str] = digest,
        ceiling: Any = None,
    ) -> None:
        """Move to the greatest cursor value among `records` (never backwards, never past `ceiling`,
        the server's clock: a record stamped in the future must not make the next run skip the
        changes made before that stamp; it is remembered instead, so it does not land twice)."""
        values = [v for v in (cursor_of(r) for r in records) if v is not None]
        if not values:
            return
        top = max(values)
        if ceiling is not None and _later(top, ceiling):
            top = ceiling
        if self.cursor is not None and _later(self.cursor, top):
            return
        if top != self.cursor:
            self.cursor, self.at_cursor = top, {}
        for record in records:
            value = cursor_of(record)
            if value is not None and not _later(top, value):
                self.at_cursor[str(record["id"])] = fingerprint(record)

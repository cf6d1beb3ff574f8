"""Schema drift: what a vendor added, removed or retyped, recorded and left to the audit.

dlt already turns a new field into a new column and a retyped value into a variant column, so
nothing crashes; this records *that* it happened, per table and field, against the fields and
types seen by earlier committed loads (kept in dlt resource state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FREE_FORM = {"metadata"}
TYPE_NAMES = {bool: "bool", int: "number", float: "number", str: "text", dict: "object", list: "array"}


def _fields(record: dict[str, Any], prefix: str = "", depth: int = 2) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if value is None:
            out[name] = "null"
        elif isinstance(value, dict) and depth > 1:
            out[name] = "object"
            out.update(_fields(value, name + ".", depth - 1))
        else:
            out[name] = TYPE_NAMES.get(type(value), "text")
    return out


SAMPLE_EVERY_AFTER = 2000  # past this many records, look at one in ten: drift hits every record alike


@dataclass
class DriftTracker:
    """Fields and JSON types of one table's records in this run, compared with the saved ones."""

    table: str
    seen: dict[str, set[str]] = field(default_factory=dict)
    records: int = 0

    def observe(self, record: dict[str, Any]) -> None:
        self.records += 1
        if self.records > SAMPLE_EVERY_AFTER and self.records % 10:
            return
        for name, kind in _fields(record).items():
            kinds = self.seen.setdefault(name, set())
            if kind != "null":
                kinds.add(kind)

    def compare(self, state: dict[str, Any]) -> list[dict[str, str]]:
        """Changes against `state["fields"]`, which is then updated to this run's picture."""
        known: dict[str, str] = dict(state.get("fields") or {})
        changes: list[dict[str, str]] = []
        if known and self.records:
            for name, kinds in sorted(self.seen.items()):
                if name not in known:
                    changes.append({"table": self.table, "field": name, "change": "added", "detail": "/".join(sorted(kinds))})
                elif kinds and known[name] and known[name] not in kinds:
                    detail = f"{known[name]} -> {'/'.join(sorted(kinds))}"
                    changes.append({"table": self.table, "field": name, "change": "retyped", "detail": detail})
            parents = {n.rsplit(".", 1)[0] for n in self.seen if "." in n}
            for name in sorted(set(known) - set(self.seen)):
                parent = name.rsplit(".", 1)[0] if "." in name else None
                if parent in FREE_FORM:
                    continue  # free-form maps (Stripe metadata): keys come and go by design
                if parent is None or parent in parents:
                    changes.append(
                        {"table": self.table, "field": name, "change": "missing", "detail": "absent from every record"}
                    )
        for name, kinds in self.seen.items():
            if name not in known or (kinds and known[name] not in kinds):
                known[name] = sorted(kinds)[0] if kinds else ""
        state["fields"] = known
        return changes


@dataclass
class DriftLog:
    """What the loader reports after a run: every change any resource of the source saw."""

    changes: list[dict[str, str]] = field(default_factory=list)

    def record(self, tracker: DriftTracker, state: dict[str, Any]) -> None:
        self.changes.extend(tracker.compare(state))

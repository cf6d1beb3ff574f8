"""Injectable faults: what a vendor API does wrong now and then."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

DRIFT_KINDS = ("drift_add", "drift_remove", "drift_retype")
FAULT_KINDS = (
    "http_500",
    "http_503",
    "rate_limit",
    "rate_limit_no_header",
    "timeout",
    "truncated",
    "duplicate_pk",
    "repeat_page",
    *DRIFT_KINDS,
)
LIST_KEYS = (
    "results",
    "data",
    "tickets",
    "users",
    "ticket_events",
    "organizations",
    "calls",
    "satisfaction_ratings",
    "sla_policies",
)
ADDED_FIELD = "emulator_new_field"


@dataclass
class Fault:
    """Answer requests whose path starts with `path` wrongly, `times` times (-1: always).

    Drift faults change every record of the answer: `drift_add` adds `emulator_new_field`,
    `drift_remove` drops `field`, `drift_retype` turns `field` into another JSON type. `field` is a
    dotted path (`properties.amount`); by default the first scalar field other than `id`.
    """

    path: str
    kind: str
    times: int = 1
    retry_after: int = 1
    field: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(FAULT_KINDS)}")


def records_of(body: Any) -> list[dict[str, Any]] | None:
    if not isinstance(body, dict):
        return None
    for key in LIST_KEYS:
        rows = body.get(key)
        if isinstance(rows, list):
            return rows
    return [body] if "id" in body else None  # a single-object read


def duplicate_first(body: Any) -> Any:
    """Repeat the page's first record with altered content under the same id."""
    body = copy.deepcopy(body)
    rows = records_of(body)
    if rows:
        twin = copy.deepcopy(rows[0])
        if "properties" in twin:
            twin["properties"]["hs_lastmodifieddate"] = twin["properties"].get("createdate")
        twin["emulator_duplicate"] = True
        rows.insert(1, twin)  # after its original, so the page still ends on the right id
    return body


def _default_field(record: dict[str, Any]) -> str | None:
    for key, value in record.items():
        if key != "id" and isinstance(value, str | int | float) and not isinstance(value, bool):
            return key
    return None


def _retyped(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return {"value": value}
    if isinstance(value, int | float):
        return str(value)
    return str(value)


def apply_drift(body: Any, fault: Fault) -> Any:
    body = copy.deepcopy(body)
    for record in records_of(body) or []:
        if fault.kind == "drift_add":
            record[ADDED_FIELD] = "added by the vendor"
            continue
        name = fault.field or _default_field(record)
        if not name:
            continue
        *parents, leaf = name.split(".")
        holder: Any = record
        for part in parents:
            holder = holder.get(part) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or leaf not in holder:
            continue
        if fault.kind == "drift_remove":
            del holder[leaf]
        else:
            holder[leaf] = _retyped(holder[leaf])
    return body

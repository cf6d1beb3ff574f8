"""Zendesk Support incremental cursor export: `start_time` then `cursor`, `end_of_stream`."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from connectors.demo.world import Record, World

EXCLUSION_SECONDS = 60  # changes from the last minute before the request are left out


def _unix(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def _encode(position: tuple[int, int]) -> str:
    return base64.urlsafe_b64encode(f"{position[0]}:{position[1]}".encode()).decode()


def _decode(cursor: str) -> tuple[int, int] | None:
    try:
        updated, ticket_id = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        return int(updated), int(ticket_id)
    except (ValueError, UnicodeDecodeError):
        return None


def _shape(record: Record, include: set[str]) -> Record:
    if "metric_sets" in include:
        return record
    return {k: v for k, v in record.items() if k != "metric_set"}


def tickets_cursor(world: World, params: dict[str, str], path: str) -> tuple[int, Any]:
    try:
        per_page = max(1, min(int(params.get("per_page", "1000")), 1000))
    except ValueError:
        return 400, {"error": "InvalidValue", "description": "per_page must be an integer"}
    horizon = int(world.now.timestamp()) - EXCLUSION_SECONDS
    keyed = sorted(((_unix(r["updated_at"]), r["id"]), r) for r in world.zendesk.get("tickets", []))
    if "cursor" in params:
        position = _decode(params["cursor"])
        if position is None:
            return 400, {"error": "InvalidPaginationParameter", "description": "cursor is invalid"}
        rows = [(k, r) for k, r in keyed if k > position]
    elif "start_time" in params:
        try:
            start = int(params["start_time"])
        except ValueError:
            return 400, {"error": "InvalidValue", "description": "start_time must be a unix time"}
        if start > horizon:
            return 422, {"error": "InvalidValue", "description": "start_time is too recent"}
        rows = [(k, r) for k, r in keyed if k[0] >= start]
    else:
        return 400, {"error": "InvalidPaginationParameter", "description": "start_time or cursor is required"}
    rows = [(k, r) for k, r in rows if k[0] <= horizon]
    page = rows[:per_page]
    include = set((params.get("include") or "").split(","))
    last = page[-1][0] if page else (_decode(params["cursor"]) if "cursor" in params else (int(params["start_time"]) - 1, 0))
    cursor = _encode(last)  # type: ignore[arg-type]
    return 200, {
        "tickets": [_shape(r, include) for _, r in page],
        "after_cursor": cursor,
        "after_url": f"{path}?cursor={cursor}",
        "before_cursor": None,
        "before_url": None,
        "end_of_stream": len(rows) <= per_page,
    }

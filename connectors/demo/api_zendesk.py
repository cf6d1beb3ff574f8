"""Zendesk Support and Talk export shapes.

- cursor exports (tickets, users): `start_time` then `cursor`, `after_cursor`, `end_of_stream`;
- time-based exports (ticket events, organizations): `start_time`, `next_page`, `end_time`,
  `end_of_stream`, and the records at `end_time` repeat on the next page (inclusive start);
- Talk incremental calls: `next_page` is never null, a page shorter than the page size is the last;
- satisfaction ratings with cursor pagination (`page[size]`, `page[after]`, `meta.has_more`);
- SLA policies, one page.
Changes from the last minute before the world's clock are left out of every incremental export.
"""

from __future__ import annotations

import base64
import bisect
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from connectors.demo.api_paging import cached
from connectors.demo.world import Record, World

EXCLUSION_SECONDS = 60  # changes from the last minute before the request are left out
CURSOR_PAGE_CAP = 1000
TIME_PAGE_SIZE = 1000
TALK_PAGE_SIZE = 1000
RATINGS_PAGE_CAP = 100

Key = tuple[int, int]
# A record stamped later than the world's clock (the generator's future_date defect) cannot have been
# changed in the future: the export places it where the server wrote it, one hour before night 0's
# clock (CONTRACT.md: 2026-10-31T22:00Z), the same on every night, so it is served once.
FUTURE_SERVED_AT = int(datetime(2026, 10, 31, 21, 0, tzinfo=UTC).timestamp())


def _unix(value: Any) -> int:
    if isinstance(value, int | float):
        return int(value)
    return int(datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp())


def _encode(position: Key) -> str:
    return base64.urlsafe_b64encode(f"{position[0]}:{position[1]}".encode()).decode()


def _decode(cursor: str) -> Key | None:
    try:
        updated, record_id = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        return int(updated), int(record_id)
    except (ValueError, UnicodeDecodeError):
        return None


def _error(status: int, error: str, description: str) -> tuple[int, Any]:
    return status, {"error": error, "description": description}


def _keyed(rows: list[Record], time_field: str, now: int) -> tuple[list[Key], list[Record]]:
    """Rows sorted by (time, id), with their keys alongside for bisecting."""

    def written_at(record: Record) -> int:
        moment = _unix(record[time_field])
        return moment if moment <= now else FUTURE_SERVED_AT

    def build(rs: list[Record]) -> tuple[list[Key], list[Record]]:
        pairs = sorted((((written_at(r), int(r["id"])), r) for r in rs), key=lambda p: p[0])
        return [k for k, _ in pairs], [r for _, r in pairs]

    return cached(rows, f"keyed:{time_field}:{now}", build)


def _horizon(world: World) -> int:
    return int(world.now.timestamp()) - EXCLUSION_SECONDS


def _int_param(params: dict[str, str], name: str, default: int, cap: int) -> int:
    return max(1, min(int(params.get(name, str(default))), cap))


def _with_repeats(keys: list[Key], rows: list[Record], start: int, size: int, repeated: set[str]) -> list[Record]:
    if not repeated or start <= 0:
        return []
    return [r for r in rows[max(0, start - size) : start] if str(r["id"]) in repeated]


def _strip(record: Record, include: set[str], name: str) -> Record:
    if name == "tickets" and "metric_sets" not in include:
        return {k: v for k, v in record.items() if k != "metric_set"}
    if name == "ticket_events" and "comment_events" not in include:
        children = [c for c in record.get("child_events", []) if c.get("event_type") != "Comment"]
        return {**record, "child_events": children}
    return record


def _include(params: dict[str, str]) -> set[str]:
    return set((params.get("include") or "").split(","))


# --- cursor exports: tickets, users -------------------------------------------------------------


def cursor_export(world: World, name: str, params: dict[str, str], path: str, repeated: set[str]) -> tuple[int, Any]:
    try:
        per_page = _int_param(params, "per_page", CURSOR_PAGE_CAP, CURSOR_PAGE_CAP)
    except ValueError:
        return _error(400, "InvalidValue", "per_page must be an integer")
    keys, rows = _keyed(world.zendesk.get(name, []), "updated_at", int(world.now.timestamp()))
    horizon = _horizon(world)
    if "cursor" in params:
        position = _decode(params["cursor"])
        if position is None:
            return _error(400, "InvalidPaginationParameter", "cursor is invalid")
        start = bisect.bisect_right(keys, position)
    elif "start_time" in params:
        try:
            start_time = int(params["start_time"])
        except ValueError:
            return _error(400, "InvalidValue", "start_time must be a unix time")
        if start_time > horizon:
            return _error(422, "InvalidValue", "start_time is too recent")
        position = (start_time - 1, 2**62)
        start = bisect.bisect_left(keys, (start_time, -(2**62)))
    else:
        return _error(400, "InvalidPaginationParameter", "start_time or cursor is required")
    stop = bisect.bisect_right(keys, (horizon, 2**62))
    end = min(start + per_page, stop) if start < stop else start
    page = _with_repeats(keys, rows, start, per_page, repeated) + rows[start:end]
    last = keys[end - 1] if end > start else position
    cursor = _encode(last)
    include = _include(params)
    return 200, {
        name: [_strip(r, include, name) for r in page],
        "after_cursor": cursor,
        "after_url": f"{path}?cursor={cursor}",
        "before_cursor": None,
        "before_url": None,
        "end_of_stream": end >= stop,
    }


# --- time-based exports: ticket events, organizations -------------------------------------------


def _time_window(
    world: World, name: str, time_field: str, params: dict[str, str]
) -> tuple[int, list[Key], list[Record], int, int]:
    start_time = int(params["start_time"])
    keys, rows = _keyed(world.zendesk.get(name, []), time_field, int(world.now.timestamp()))
    start = bisect.bisect_left(keys, (start_time, -(2**62)))
    stop = bisect.bisect_right(keys, (_horizon(world), 2**62))
    return start_time, keys, rows, start, max(start, stop)


def time_export(
    world: World, name: str, time_field: str, params: dict[str, str], path: str, repeated: set[str], page_size: int
) -> tuple[int, Any]:
    if "start_time" not in params:
        return _error(400, "InvalidValue", "start_time is required")
    try:
        if int(params["start_time"]) > _horizon(world):
            return _error(422, "InvalidValue", "start_time is too recent")
        start_time, keys, rows, start, stop = _time_window(world, name, time_field, params)
    except ValueError:
        return _error(400, "InvalidValue", "start_time must be a unix time")
    end = min(start + page_size, stop)
    page = _with_repeats(keys, rows, start, page_size, repeated) + rows[start:end]
    end_time = keys[end - 1][0] if end > start else start_time
    query = {k: v for k, v in params.items() if k != "start_time"} | {"start_time": str(end_time)}
    include = _include(params)
    return 200, {
        name: [_strip(r, include, name) for r in page],
        "next_page": f"{path}?{urlencode(query)}",
        "count": end - start,
        "end_time": end_time,
        "end_of_stream": stop - start <= page_size,
    }


def talk_calls(world: World, params: dict[str, str], path: str, repeated: set[str], page_size: int) -> tuple[int, Any]:
    """Talk: `next_page` always set; a page with fewer than `page_size` calls is the last."""
    if "start_time" not in params:
        return _error(400, "InvalidValue", "start_time is required")
    try:
        start_time, keys, rows, start, stop = _time_window(world, "talk_calls", "updated_at", params)
    except ValueError:
        return _error(400, "InvalidValue", "start_time must be a unix time")
    end = min(start + page_size, stop)
    page = _with_repeats(keys, rows, start, page_size, repeated) + rows[start:end]
    end_time = keys[end - 1][0] if end > start else start_time
    return 200, {
        "calls": page,
        "next_page": f"{path}?start_time={end_time}",
        "count": len(page),
        "end_time": end_time,
    }


# --- satisfaction ratings, SLA policies ---------------------------------------------------------


def satisfaction_ratings(world: World, params: dict[str, str], path: str, repeated: set[str]) -> tuple[int, Any]:
    try:
        size = _int_param(params, "page[size]", RATINGS_PAGE_CAP, RATINGS_PAGE_CAP)
        start_time = int(params.get("start_time", "0"))
    except ValueError:
        return _error(400, "InvalidValue", "page[size] and start_time must be integers")
    keys, rows = _keyed(world.zendesk.get("satisfaction_ratings", []), "updated_at", int(world.now.timestamp()))
    if "page[after]" in params:
        position = _decode(params["page[after]"])
        if position is None:
            return _error(400, "InvalidPaginationParameter", "page[after] is invalid")
        start = bisect.bisect_right(keys, position)
    else:
        start = bisect.bisect_left(keys, (start_time, -(2**62)))
    end = min(start + size, len(rows))
    page = _with_repeats(keys, rows, start, size, repeated) + rows[start:end]
    after = _encode(keys[end - 1]) if end > start else None
    has_more = end < len(rows)
    query = {k: v for k, v in params.items() if k != "page[after]"} | {"page[after]": after or ""}
    return 200, {
        "satisfaction_ratings": page,
        "meta": {"has_more": has_more, "after_cursor": after, "before_cursor": None},
        "links": {"next": f"{path}?{urlencode(query)}" if has_more else None, "prev": None},
    }


def sla_policies(world: World) -> tuple[int, Any]:
    policies = world.zendesk.get("sla_policies", [])
    return 200, {"sla_policies": policies, "next_page": None, "previous_page": None, "count": len(policies)}

"""Stripe list shapes: newest first, `starting_after` cursor, `has_more`, `created[...]` filters.

Subscriptions without `status=all` leave canceled ones out; events are kept 30 days (relative to
the world's clock).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import islice
from typing import Any

from connectors.demo.world import World

STRIPE_OBJECTS = (
    "customers",
    "products",
    "prices",
    "subscriptions",
    "invoices",
    "charges",
    "refunds",
    "balance_transactions",
    "events",
)
EVENT_RETENTION = timedelta(days=30)
COMPARISONS = (
    ("gte", lambda a, b: a >= b),
    ("gt", lambda a, b: a > b),
    ("lte", lambda a, b: a <= b),
    ("lt", lambda a, b: a < b),
)


def _error(status: int, message: str, param: str | None = None) -> tuple[int, Any]:
    return status, {"error": {"type": "invalid_request_error", "message": message, "param": param}}


_INDEX: dict[int, tuple[list[dict[str, Any]], dict[str, int]]] = {}


def _position_index(rows: list[dict[str, Any]]) -> dict[str, int]:
    cached = _INDEX.get(id(rows))
    if cached is None or cached[0] is not rows or len(cached[1]) != len(rows):
        cached = (rows, {r["id"]: i for i, r in enumerate(rows)})
        _INDEX[id(rows)] = cached
    return cached[1]


def _predicate(world: World, object_name: str, params: dict[str, str]) -> Callable[[dict[str, Any]], bool]:
    tests: list[Callable[[dict[str, Any]], bool]] = []
    if object_name == "subscriptions":
        status = params.get("status")
        if status is None:
            tests.append(lambda r: r.get("status") != "canceled")
        elif status != "all":
            tests.append(lambda r: r.get("status") == status)
    if object_name == "events":
        oldest = int((world.now - EVENT_RETENTION).timestamp())
        tests.append(lambda r: r["created"] >= oldest)
        wanted = params.get("type")
        if wanted and wanted.endswith("*"):
            tests.append(lambda r: r["type"].startswith(wanted[:-1]))
        elif wanted:
            tests.append(lambda r: r["type"] == wanted)
    for op, test in COMPARISONS:
        bound = params.get(f"created[{op}]")
        if bound is not None:
            tests.append(lambda r, t=test, b=int(bound): t(r["created"], b))
    return lambda r: all(t(r) for t in tests)


def list_objects(world: World, object_name: str, params: dict[str, str], path: str, repeated: set[str]) -> tuple[int, Any]:
    if object_name not in STRIPE_OBJECTS:
        return _error(404, f"Unrecognized request URL (GET: {path}).")
    try:
        limit = int(params.get("limit", "10"))
        for op, _ in COMPARISONS:
            int(params.get(f"created[{op}]", "0"))
    except ValueError:
        return _error(400, "Invalid integer", "limit")
    if not 1 <= limit <= 100:
        return _error(400, "This value must be between 1 and 100.", "limit")
    rows = world.stripe.get(object_name, [])
    keep = _predicate(world, object_name, params)
    start = 0
    after = params.get("starting_after")
    if after:
        position = _position_index(rows).get(after)
        if position is None:
            return _error(400, f"No such object: '{after}'", "starting_after")
        start = position + 1
    # newest first: a created[gte] listing stops scanning as soon as the page is full
    matches = list(islice((rows[i] for i in range(start, len(rows)) if keep(rows[i])), limit + 1))
    previous = list(islice((r for r in reversed(rows[:start]) if keep(r)), limit)) if repeated and start else []
    repeats = [r for r in reversed(previous) if r["id"] in repeated]
    return 200, {"object": "list", "url": path, "has_more": len(matches) > limit, "data": repeats + matches[:limit]}

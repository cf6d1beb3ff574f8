"""Stripe list shapes: newest first, `starting_after` cursor, `has_more`, `created[gte]` filters."""

from __future__ import annotations

from typing import Any

from connectors.demo.world import World


def _error(status: int, message: str, param: str | None = None) -> tuple[int, Any]:
    return status, {"error": {"type": "invalid_request_error", "message": message, "param": param}}


def list_objects(world: World, object_name: str, params: dict[str, str], path: str) -> tuple[int, Any]:
    if object_name not in world.stripe:
        return _error(404, f"Unrecognized request URL (GET: {path}).")
    try:
        limit = int(params.get("limit", "10"))
    except ValueError:
        return _error(400, "Invalid integer: limit", "limit")
    if not 1 <= limit <= 100:
        return _error(400, "This value must be between 1 and 100.", "limit")
    rows = world.stripe[object_name]
    for op, test in (
        ("gte", lambda a, b: a >= b),
        ("gt", lambda a, b: a > b),
        ("lte", lambda a, b: a <= b),
        ("lt", lambda a, b: a < b),
    ):
        bound = params.get(f"created[{op}]")
        if bound is not None:
            rows = [r for r in rows if test(r["created"], int(bound))]
    after = params.get("starting_after")
    if after:
        position = next((i for i, r in enumerate(rows) if r["id"] == after), None)
        if position is None:
            return _error(400, f"No such object: '{after}'", "starting_after")
        rows = rows[position + 1 :]
    page = rows[:limit]
    return 200, {"object": "list", "url": path, "has_more": len(rows) > limit, "data": page}

"""HubSpot CRM v3 shapes: object lists with `after` paging, pipelines, owners."""

from __future__ import annotations

from typing import Any

from connectors.demo.world import Record, World

DEFAULT_PROPERTIES = ("hs_object_id", "createdate", "hs_lastmodifieddate")
HISTORY_PAGE_CAP = 50  # HubSpot caps a page at 50 records when history is asked for


def _shape(record: Record, properties: list[str] | None, with_history: list[str] | None) -> Record:
    out = {k: v for k, v in record.items() if k not in ("properties", "propertiesWithHistory")}
    wanted = set(DEFAULT_PROPERTIES) | set(properties or [])
    out["properties"] = {k: v for k, v in record.get("properties", {}).items() if k in wanted}
    if with_history:
        history = record.get("propertiesWithHistory", {})
        out["propertiesWithHistory"] = {k: history.get(k, []) for k in with_history}
    return out


def _csv(params: dict[str, str], key: str) -> list[str] | None:
    value = params.get(key)
    return [v for v in value.split(",") if v] if value else None


def _page(rows: list[Record], params: dict[str, str], path: str, cap: int = 100) -> tuple[list[Record], dict[str, Any] | None]:
    try:
        limit = max(1, min(int(params.get("limit", "10")), cap))
        start = int(params.get("after", "0"))
    except ValueError:
        return [], None
    page = rows[start : start + limit]
    following = start + limit
    if following >= len(rows):
        return page, None
    return page, {"next": {"after": str(following), "link": f"{path}?after={following}&limit={limit}"}}


def list_objects(world: World, object_type: str, params: dict[str, str], path: str) -> tuple[int, Any]:
    if object_type not in world.hubspot or object_type in ("pipelines", "owners"):
        return 404, {
            "status": "error",
            "message": f"Unable to infer object type from: {object_type}",
            "category": "OBJECT_NOT_FOUND",
        }
    archived = params.get("archived", "false") == "true"
    rows = [r for r in world.hubspot[object_type] if bool(r.get("archived")) == archived]
    with_history = _csv(params, "propertiesWithHistory")
    page, paging = _page(rows, params, path, cap=HISTORY_PAGE_CAP if with_history else 100)
    body: dict[str, Any] = {"results": [_shape(r, _csv(params, "properties"), with_history) for r in page]}
    if paging:
        body["paging"] = paging
    return 200, body


def list_pipelines(world: World) -> tuple[int, Any]:
    return 200, {"results": world.hubspot.get("pipelines", [])}


def list_owners(world: World, params: dict[str, str], path: str) -> tuple[int, Any]:
    page, paging = _page(world.hubspot.get("owners", []), params, path, cap=500)
    body: dict[str, Any] = {"results": page}
    if paging:
        body["paging"] = paging
    return 200, body

"""HubSpot CRM v3 shapes: object lists with `after` paging, search, single reads, properties,
pipelines and owners.

Records are the world's own (see CONTRACT.md); this module only selects, filters and pages them the
way HubSpot does: properties only when asked for, history pages capped at 50, search capped at
10,000 results (400 when paging past), `paging` absent on the last page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from connectors.demo.api_paging import cached, repeated_before
from connectors.demo.world import Record, World

CRM_OBJECTS = ("companies", "contacts", "deals", "calls", "emails", "meetings", "tasks", "feedback_submissions")
DEFAULT_PROPERTIES = ("hs_object_id", "createdate", "hs_lastmodifieddate")
CONTACT_DEFAULT_PROPERTIES = ("hs_object_id", "createdate", "lastmodifieddate")
HISTORY_PAGE_CAP = 50  # HubSpot caps a page at 50 records when history is asked for
SEARCH_PAGE_CAP = 200
SEARCH_RESULT_CAP = 10_000


def _not_found(object_type: str) -> tuple[int, Any]:
    return 404, {"status": "error", "message": f"Unable to infer object type from: {object_type}", "category": "OBJECT_NOT_FOUND"}


def _bad_request(message: str) -> tuple[int, Any]:
    return 400, {"status": "error", "message": message, "category": "VALIDATION_ERROR"}


def _defaults(object_type: str) -> tuple[str, ...]:
    return CONTACT_DEFAULT_PROPERTIES if object_type == "contacts" else DEFAULT_PROPERTIES


def shape(
    record: Record,
    object_type: str,
    properties: list[str] | None,
    with_history: list[str] | None,
    associations: list[str] | None = None,
) -> Record:
    out = {k: v for k, v in record.items() if k not in ("properties", "propertiesWithHistory", "associations")}
    wanted = set(_defaults(object_type)) | set(properties or [])
    out["properties"] = {k: v for k, v in record.get("properties", {}).items() if k in wanted}
    if with_history:
        history = record.get("propertiesWithHistory", {})
        out["propertiesWithHistory"] = {k: history.get(k, []) for k in with_history}
    if associations:
        linked = record.get("associations", {})
        picked = {k: linked[k] for k in associations if linked.get(k, {}).get("results")}
        if picked:
            out["associations"] = picked
    return out


def _csv(params: dict[str, str], key: str) -> list[str] | None:
    value = params.get(key)
    return [v for v in value.split(",") if v] if value else None


def _page(
    rows: list[Record], params: dict[str, str], path: str, cap: int, repeated: set[str]
) -> tuple[list[Record], dict[str, Any] | None]:
    try:
        limit = max(1, min(int(params.get("limit", "10")), cap))
        start = int(params.get("after", "0"))
    except ValueError:
        return [], None
    page = repeated_before(rows, start, limit, repeated, "id") + rows[start : start + limit]
    following = start + limit
    if following >= len(rows):
        return page, None
    return page, {"next": {"after": str(following), "link": f"{path}?after={following}&limit={limit}"}}


def list_objects(world: World, object_type: str, params: dict[str, str], path: str, repeated: set[str]) -> tuple[int, Any]:
    if object_type not in CRM_OBJECTS:
        return _not_found(object_type)
    archived = params.get("archived", "false") == "true"
    rows = cached(
        world.hubspot.get(object_type, []),
        f"archived={archived}",
        lambda rs: [r for r in rs if bool(r.get("archived")) == archived],
    )
    with_history = _csv(params, "propertiesWithHistory")
    page, paging = _page(rows, params, path, HISTORY_PAGE_CAP if with_history else 100, repeated)
    properties, associations = _csv(params, "properties"), _csv(params, "associations")
    body: dict[str, Any] = {"results": [shape(r, object_type, properties, with_history, associations) for r in page]}
    if paging:
        body["paging"] = paging
    return 200, body


def read_object(world: World, object_type: str, object_id: str, params: dict[str, str]) -> tuple[int, Any]:
    if object_type not in CRM_OBJECTS:
        return _not_found(object_type)
    archived = params.get("archived", "false") == "true"
    rows = world.hubspot.get(object_type, [])
    record = cached(rows, "by_id", lambda rs: {r["id"]: r for r in rs}).get(object_id)
    if record is not None and bool(record.get("archived")) == archived:
        history, associations = _csv(params, "propertiesWithHistory"), _csv(params, "associations")
        return 200, shape(record, object_type, _csv(params, "properties"), history, associations)
    return 404, {"status": "error", "message": "Object not found.  objectId are usually numeric.", "category": "OBJECT_NOT_FOUND"}


def list_properties(world: World, object_type: str) -> tuple[int, Any]:
    if object_type not in CRM_OBJECTS:
        return _not_found(object_type)
    names = set(_defaults(object_type))
    for record in world.hubspot.get(object_type, []):
        names.update(record.get("properties", {}))
    results = [{"name": n, "label": n, "type": "string", "fieldType": "text", "hidden": False} for n in sorted(names)]
    return 200, {"results": results}


# --- search ---------------------------------------------------------------------------------------


def _comparable(value: Any) -> float | str | None:
    """Dates arrive as ISO-8601 or epoch-ms strings, ids as numeric strings: compare them as numbers."""
    if value is None or value == "":
        return None
    text = str(value)
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000
    except ValueError:
        return text


OPERATORS = {
    "EQ": lambda a, b: a == b,
    "NEQ": lambda a, b: a != b,
    "GT": lambda a, b: a > b,
    "GTE": lambda a, b: a >= b,
    "LT": lambda a, b: a < b,
    "LTE": lambda a, b: a <= b,
}


def _value(record: Record, name: str) -> Any:
    if name == "hs_object_id":
        return record["id"]
    return record.get("properties", {}).get(name)


def _numeric_id(record: Record) -> int:
    return int(record["id"]) if str(record["id"]).isdigit() else 0


def _matches(record: Record, group: dict[str, Any]) -> bool:
    for rule in group.get("filters", []):
        test = OPERATORS.get(rule.get("operator", ""))
        left, right = _comparable(_value(record, rule.get("propertyName", ""))), _comparable(rule.get("value"))
        if test is None or left is None or right is None or type(left) is not type(right) or not test(left, right):
            return False
    return True


def search(world: World, object_type: str, body: Any, path: str, result_cap: int = SEARCH_RESULT_CAP) -> tuple[int, Any]:
    if object_type not in CRM_OBJECTS:
        return _not_found(object_type)
    if not isinstance(body, dict):
        return _bad_request("Invalid input JSON")
    try:
        limit = int(body.get("limit", 10))
        after = int(body.get("after") or 0)
    except (TypeError, ValueError):
        return _bad_request("limit and after must be integers")
    if not 1 <= limit <= SEARCH_PAGE_CAP:
        return _bad_request(f"limit must be between 1 and {SEARCH_PAGE_CAP}")
    if after >= result_cap:
        return _bad_request(f"Cannot page beyond the first {result_cap} results")
    groups = body.get("filterGroups") or []
    rows = [r for r in world.hubspot.get(object_type, []) if not r.get("archived")]
    if groups:
        rows = [r for r in rows if any(_matches(r, g) for g in groups)]
    for sort in reversed(body.get("sorts") or []):
        name = sort if isinstance(sort, str) else sort.get("propertyName", "")
        descending = isinstance(sort, dict) and sort.get("direction") == "DESCENDING"
        rows = sorted(rows, key=lambda r, n=name: (_comparable(_value(r, n)) or 0, _numeric_id(r)), reverse=descending)
    total = len(rows)
    end = min(after + limit, result_cap)
    page = rows[after:end]
    properties = body.get("properties") or []
    out: dict[str, Any] = {"total": total, "results": [shape(r, object_type, properties, None) for r in page]}
    if end < total:
        out["paging"] = {"next": {"after": str(end), "link": f"{path}?after={end}"}}
    return 200, out


# --- pipelines and owners -------------------------------------------------------------------------


def list_pipelines(world: World, object_type: str) -> tuple[int, Any]:
    if object_type != "deals":
        return 200, {"results": []}
    return 200, {"results": world.hubspot.get("pipelines", [])}


def list_owners(world: World, params: dict[str, str], path: str, repeated: set[str]) -> tuple[int, Any]:
    archived = params.get("archived", "false") == "true"
    rows = [r for r in world.hubspot.get("owners", []) if bool(r.get("archived")) == archived]
    page, paging = _page(rows, params, path, 500, repeated)
    body: dict[str, Any] = {"results": page}
    if paging:
        body["paging"] = paging
    return 200, body

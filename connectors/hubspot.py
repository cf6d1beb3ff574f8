"""HubSpot CRM v3 through dlt: pipelines, owners and every CRM object the metrics read.

Per object, the first run lists everything (`GET /crm/v3/objects/{type}`, every property the
portal defines, the property history the metrics read, associations). Later runs ask the search
API for what changed since the saved last-modified value (`hs_lastmodifieddate`, contacts:
`lastmodifieddate`, GTE, ascending); past 10,000 results the search is re-issued from the last
value seen. Changed records that carry history or associations are re-read one by one, since
search returns neither. Archived (deleted, merged) records come from `archived=true` and land with
`archived = true`: marked, never dropped.

Values land as the text HubSpot sends (the loader switches off dlt's ISO-timestamp detection for
this source): the audit and staging type them, and dlt skips a per-value parse that cost a third
of a full sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import dlt
from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.helpers.rest_client.paginators import JSONResponseCursorPaginator, SinglePagePaginator

from config import SourceSettings
from connectors.drift import DriftLog, DriftTracker
from connectors.http import SourceError, VendorClient
from connectors.state import Batch, Boundary, Record

SEARCH_CAP = 10_000
SEARCH_PAGE = 200
LIST_LIMIT = 100  # HubSpot serves at most 100 a page (50 when history is asked for)


@dataclass(frozen=True)
class ObjectSpec:
    modified: str = "hs_lastmodifieddate"
    history: tuple[str, ...] = ()
    associations: tuple[str, ...] = ()


# History only where a metric reads a value "as at" an instant; associations as sources.md lists them.
OBJECTS: dict[str, ObjectSpec] = {
    "companies": ObjectSpec(),
    "contacts": ObjectSpec(modified="lastmodifieddate", associations=("companies",)),
    "deals": ObjectSpec(
        history=("dealstage", "amount", "closedate", "hs_forecast_probability"),
        associations=("contacts", "companies"),
    ),
    "calls": ObjectSpec(associations=("deals", "contacts")),
    "emails": ObjectSpec(associations=("deals", "contacts")),
    "meetings": ObjectSpec(associations=("deals", "contacts")),
    "tasks": ObjectSpec(associations=("deals", "contacts")),
    "feedback_submissions": ObjectSpec(associations=("contacts", "tickets")),
}


def modified_ms(record: Record, spec: ObjectSpec) -> int | None:
    """Last-modified as epoch milliseconds (HubSpot prints ISO-8601 or epoch-ms strings)."""
    value = (record.get("properties") or {}).get(spec.modified) or record.get("updatedAt")
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return int(value.timestamp() * 1000)
    text = str(value)
    if text.isdigit():
        return int(text)
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        return None


def _after() -> JSONResponseCursorPaginator:
    # The last page has no `paging` at all: the paginator stops when the path is missing.
    return JSONResponseCursorPaginator(cursor_path="paging.next.after", cursor_param="after")


def property_names(client: VendorClient, object_type: str) -> list[str]:
    body = client.get(f"crm/v3/properties/{object_type}")
    return sorted(p["name"] for p in body.get("results", []) if not p.get("archived"))


def list_params(properties: list[str], spec: ObjectSpec, archived: bool) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": LIST_LIMIT, "properties": ",".join(properties), "archived": str(archived).lower()}
    if spec.history:
        params["propertiesWithHistory"] = ",".join(spec.history)
    if spec.associations:
        params["associations"] = ",".join(spec.associations)
    return params


def search_changed(
    client: VendorClient, object_type: str, spec: ObjectSpec, since_ms: int, properties: list[str]
) -> Iterator[Record]:
    """Every record modified at or after `since_ms`, re-querying past the 10,000-result cap."""
    path = f"crm/v3/objects/{object_type}/search"
    lower, after, last_ms, returned = since_ms, None, since_ms, 0
    while True:
        body: dict[str, Any] = {
            "filterGroups": [{"filters": [{"propertyName": spec.modified, "operator": "GTE", "value": str(lower)}]}],
            "sorts": [{"propertyName": spec.modified, "direction": "ASCENDING"}],
            "properties": properties,
            "limit": SEARCH_PAGE,
        }
        capped = after is not None and int(after) >= SEARCH_CAP
        if not capped and after is not None:
            body["after"] = after
        try:
            page = None if capped else client.post(path, body)
        except SourceError as error:
            if error.status != 400 or after is None:
                raise
            page = None  # paged past the cap: the API answers 400
        if page is None:
            if last_ms <= lower and returned >= SEARCH_PAGE:
                raise SourceError(f"hubspot: more records than the search cap share last-modified {lower} in {object_type}")
            lower, after, returned = last_ms, None, 0
            continue
        results = page.get("results", [])
        returned += len(results)
        for record in results:
            last_ms = max(last_ms, modified_ms(record, spec) or last_ms)
            yield record
        after = (page.get("paging") or {}).get("next", {}).get("after")
        if not after:
            return


def _enrich(client: VendorClient, object_type: str, record: Record, properties: list[str], spec: ObjectSpec) -> Record | None:
    """Re-read one changed record with its history and associations (search returns neither)."""
    params = list_params(properties, spec, archived=False)
    params.pop("limit")
    try:
        return client.get(f"crm/v3/objects/{object_type}/{record['id']}", params)
    except SourceError as error:
        if error.status == 404:  # archived since the search: the archived listing brings it
            return None
        raise


def _fingerprint(spec: ObjectSpec) -> Any:
    return lambda r: str(modified_ms(r, spec))


def crm_object(client: VendorClient, object_type: str, spec: ObjectSpec, drift: DriftLog) -> Any:
    @dlt.resource(name=object_type, primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        state = dlt.current.resource_state()
        boundary = Boundary.load(state)
        properties = property_names(client, object_type)
        batch = Batch(version=lambda r: modified_ms(r, spec))
        if boundary.cursor is None:
            path = f"crm/v3/objects/{object_type}"
            for page in client.paginate(path, list_params(properties, spec, False), "results", _after()):
                for record in page:
                    batch.add(record)
        else:
            for record in search_changed(client, object_type, spec, int(boundary.cursor), properties):
                batch.add(record, suppressed=boundary.already_loaded(record, modified_ms(record, spec), _fingerprint(spec)))
            if spec.history or spec.associations:
                fresh = Batch(version=lambda r: modified_ms(r, spec))
                for record in batch.records():
                    full = _enrich(client, object_type, record, properties, spec)
                    if full is not None:
                        fresh.add(full)
                batch = fresh
        live = batch.records()
        archived_ids = set(state.get("archived_ids") or [])
        path = f"crm/v3/objects/{object_type}"
        for page in client.paginate(path, list_params(properties, spec, True), "results", _after()):
            for record in page:
                if record["id"] not in archived_ids:
                    batch.add(record)
                    archived_ids.add(record["id"])
        tracker = DriftTracker(object_type)
        for chunk in batch.chunks():
            for record in chunk:
                tracker.observe(record)
            yield chunk
        now = client.server_seconds()
        boundary.advance(live, lambda r: modified_ms(r, spec), _fingerprint(spec), ceiling=now * 1000 if now else None)
        boundary.save(state)
        state["archived_ids"] = sorted(archived_ids)
        drift.record(tracker, state)

    return records


def owners(client: VendorClient, drift: DriftLog) -> Any:
    """Owners are few: the full list (active and archived) every night."""

    @dlt.resource(name="owners", primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        batch = Batch()
        for archived in ("false", "true"):
            for page in client.paginate("crm/v3/owners", {"limit": LIST_LIMIT, "archived": archived}, "results", _after()):
                for record in page:
                    batch.add(record)
        tracker = DriftTracker("owners")
        for chunk in batch.chunks():
            for record in chunk:
                tracker.observe(record)
            yield chunk
        drift.record(tracker, dlt.current.resource_state())

    return records


def pipelines(client: VendorClient, drift: DriftLog) -> Any:
    @dlt.resource(name="pipelines", primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        tracker = DriftTracker("pipelines")
        for page in client.paginate("crm/v3/pipelines/deals", {}, "results", SinglePagePaginator()):
            for record in page:
                tracker.observe(record)
            yield page
        drift.record(tracker, dlt.current.resource_state())

    return records


def hubspot_source(settings: SourceSettings, drift: DriftLog | None = None) -> Any:
    drift = drift if drift is not None else DriftLog()
    client = VendorClient("hubspot", settings.base_url, BearerTokenAuth(settings.secret("TOKEN")))

    @dlt.source(name="hubspot", max_table_nesting=3)
    def hubspot() -> list[Any]:
        return [
            pipelines(client, drift),
            owners(client, drift),
            *(crm_object(client, name, spec, drift) for name, spec in OBJECTS.items()),
        ]

    return hubspot()

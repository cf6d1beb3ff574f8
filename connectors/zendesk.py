"""Zendesk Support and Talk through dlt.

- tickets (with metric sets) and users: cursor exports; the `after_cursor` of the last page is
  saved and the next run resumes from it (the first run starts at `start_time=0`);
- ticket events (with comment events) and organizations: time-based exports; the next run starts
  at the greatest time seen (inclusive), the repeated boundary records are dropped;
- satisfaction ratings: `start_time` plus cursor pagination, same boundary rule;
- Talk calls: `next_page` is never null, so a page shorter than the page size is the last one;
  `start_time` is inclusive, the boundary call repeats and is dropped;
- SLA policies: the whole list every night.
Deleted tickets arrive with status `deleted` and land as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import dlt
from dlt.sources.helpers.rest_client.auth import HttpBasicAuth

from config import SourceSettings
from connectors.drift import DriftLog, DriftTracker
from connectors.http import SourceError, VendorClient
from connectors.paginators import ZendeskEndOfStreamPaginator
from connectors.state import Batch, Boundary, Record

TALK_PAGE_SIZE = 1000
CURSOR_PAGE_SIZE = 1000
RATINGS_PAGE_SIZE = 100


def unix(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return int(value)
    return int(datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp())


def _emit(batch: Batch, tracker: DriftTracker) -> Iterator[list[Record]]:
    for chunk in batch.chunks():
        for record in chunk:
            tracker.observe(record)
        yield chunk


def cursor_export(client: VendorClient, name: str, include: str | None, drift: DriftLog) -> Any:
    @dlt.resource(name=name, primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        state = dlt.current.resource_state()
        saved = state.get("after_cursor")
        params: dict[str, Any] = {"per_page": CURSOR_PAGE_SIZE, **({"include": include} if include else {})}
        params |= {"cursor": saved} if saved else {"start_time": 0}
        paginator = ZendeskEndOfStreamPaginator()
        batch = Batch(version=lambda r: unix(r.get("updated_at")))
        for page in client.paginate(f"api/v2/incremental/{name}/cursor.json", params, name, paginator):
            for record in page:
                batch.add(record)
        yield from _emit(batch, tracker := DriftTracker(name))
        if paginator.after_cursor:
            state["after_cursor"] = paginator.after_cursor
        drift.record(tracker, state)

    return records


def _time_based(
    client: VendorClient, path: str, key: str, start: int, params: dict[str, Any], last_page: Callable[[dict[str, Any]], bool]
) -> Iterator[Record]:
    """A time-based export from `start` (inclusive) until `last_page(body)` says so."""
    while True:
        body = client.get(path, params | {"start_time": start})
        yield from body.get(key) or []
        if last_page(body):
            return
        following = int(body.get("end_time") or start)
        if following <= start and len(body.get(key) or []) > 0:
            raise SourceError(f"zendesk: {path} does not advance past start_time {start} (a page of equal timestamps)")
        start = following


def time_export(
    client: VendorClient,
    name: str,
    path: str,
    key: str,
    time_field: str,
    drift: DriftLog,
    params: dict[str, Any] | None = None,
    last_page: Callable[[dict[str, Any]], bool] | None = None,
) -> Any:
    stop = last_page or (lambda body: bool(body.get("end_of_stream", True)))

    @dlt.resource(name=name, primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        state = dlt.current.resource_state()
        boundary = Boundary.load(state)
        start = int(boundary.cursor or 0)
        batch = Batch(version=lambda r: unix(r.get(time_field)))
        for record in _time_based(client, path, key, start, params or {}, stop):
            batch.add(record, suppressed=boundary.already_loaded(record, unix(record.get(time_field))))
        yield from _emit(batch, tracker := DriftTracker(name))
        boundary.advance(batch.records(), lambda r: unix(r.get(time_field)), ceiling=client.server_seconds())
        boundary.save(state)
        drift.record(tracker, state)

    return records


def satisfaction_ratings(client: VendorClient, drift: DriftLog) -> Any:
    @dlt.resource(name="satisfaction_ratings", primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        state = dlt.current.resource_state()
        boundary = Boundary.load(state)
        params: dict[str, Any] = {"page[size]": RATINGS_PAGE_SIZE, "start_time": int(boundary.cursor or 0)}
        batch = Batch(version=lambda r: unix(r.get("updated_at")))
        while True:
            body = client.get("api/v2/satisfaction_ratings", params)
            for record in body.get("satisfaction_ratings") or []:
                batch.add(record, suppressed=boundary.already_loaded(record, unix(record.get("updated_at"))))
            meta = body.get("meta") or {}
            if not meta.get("has_more") or not meta.get("after_cursor"):
                break
            params = {**params, "page[after]": meta["after_cursor"]}
        yield from _emit(batch, tracker := DriftTracker("satisfaction_ratings"))
        boundary.advance(batch.records(), lambda r: unix(r.get("updated_at")), ceiling=client.server_seconds())
        boundary.save(state)
        drift.record(tracker, state)

    return records


def sla_policies(client: VendorClient, drift: DriftLog) -> Any:
    @dlt.resource(name="sla_policies", primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        batch = Batch()
        for record in client.get("api/v2/slas/policies").get("sla_policies") or []:
            batch.add(record)
        yield from _emit(batch, tracker := DriftTracker("sla_policies"))
        drift.record(tracker, dlt.current.resource_state())

    return records


def zendesk_source(settings: SourceSettings, drift: DriftLog | None = None, talk_page_size: int | None = None) -> Any:
    drift = drift if drift is not None else DriftLog()
    auth = HttpBasicAuth(f"{settings.secret('EMAIL')}/token", settings.secret("TOKEN"))
    client = VendorClient("zendesk", settings.base_url, auth)
    talk_page = talk_page_size or TALK_PAGE_SIZE

    @dlt.source(name="zendesk", max_table_nesting=2)
    def zendesk() -> list[Any]:
        return [
            cursor_export(client, "tickets", "metric_sets", drift),
            cursor_export(client, "users", None, drift),
            time_export(
                client,
                "ticket_events",
                "api/v2/incremental/ticket_events.json",
                "ticket_events",
                "timestamp",
                drift,
                {"include": "comment_events"},
            ),
            time_export(client, "organizations", "api/v2/incremental/organizations.json", "organizations", "updated_at", drift),
            satisfaction_ratings(client, drift),
            sla_policies(client, drift),
            time_export(
                client,
                "talk_calls",
                "api/v2/channels/voice/stats/incremental/calls",
                "calls",
                "updated_at",
                drift,
                last_page=lambda body: len(body.get("calls") or []) < talk_page,
            ),
        ]

    return zendesk()

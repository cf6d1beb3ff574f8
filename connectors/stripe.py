"""Stripe through dlt, with a pinned API version.

Per object, the first run lists everything (`starting_after` / `has_more`; subscriptions with
`status=all`). Later runs list only `created[gte]=<saved created>` (the boundary objects repeat and
are dropped) and take changes (refunds, status flips, paid invoices, deletions) from `/v1/events`:
the newest `data.object` of each changed object lands as its new version, `*.deleted` events with
`deleted = true`. Events are kept 30 days, so when the last sync is older than that (by the API's
own clock, the `Date` header) every object is listed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import dlt
from dlt.sources.helpers.rest_client.auth import BearerTokenAuth

from config import SourceSettings
from connectors.drift import DriftLog, DriftTracker
from connectors.http import VendorClient
from connectors.paginators import StripeStartingAfterPaginator
from connectors.state import Batch, Boundary, Record

# Newer versions moved invoice.subscription and subscription periods; the staging models expect this one.
STRIPE_VERSION = "2024-06-20"
EVENT_RETENTION = timedelta(days=30)
SAFETY = timedelta(hours=1)
PAGE_LIMIT = 100
OBJECTS = ("customers", "products", "prices", "subscriptions", "invoices", "charges", "refunds", "balance_transactions")
EVENT_OBJECT_TYPES = {
    "customer": "customers",
    "product": "products",
    "price": "prices",
    "subscription": "subscriptions",
    "invoice": "invoices",
    "charge": "charges",
    "refund": "refunds",
}


def list_all(client: VendorClient, name: str, params: dict[str, Any]) -> Iterator[Record]:
    query = {"limit": PAGE_LIMIT, **params}
    if name == "subscriptions":
        query["status"] = "all"  # or canceled subscriptions are missing
    for page in client.paginate(f"v1/{name}", query, "data", StripeStartingAfterPaginator()):
        yield from page


class EventFeed:
    """`/v1/events` since the saved position, fetched once per run and shared by every object."""

    def __init__(self, client: VendorClient) -> None:
        self.client = client
        self.batch: Batch | None = None
        self.full_relist = False
        self.snapshots: dict[str, dict[str, Record]] = {}

    def ensure(self) -> None:
        if self.batch is not None:
            return
        state = dlt.current.source_state()
        boundary = Boundary.load(state, "events")
        synced_at = state.get("synced_at")
        params = {} if boundary.cursor is None else {"created[gte]": boundary.cursor}
        batch = Batch()
        for event in list_all(self.client, "events", params):
            batch.add(event, suppressed=boundary.already_loaded(event, event["created"]))
        server_now = self.client.server_time or datetime.now(UTC)
        self.full_relist = synced_at is None or server_now - datetime.fromtimestamp(synced_at, UTC) > EVENT_RETENTION - SAFETY
        for event in batch.records():  # newest first: the first snapshot of an object is its latest
            obj = (event.get("data") or {}).get("object") or {}
            table = EVENT_OBJECT_TYPES.get(str(obj.get("object")))
            if table and obj.get("id") and obj["id"] not in self.snapshots.setdefault(table, {}):
                snapshot = dict(obj)
                if str(event.get("type", "")).endswith(".deleted"):
                    snapshot["deleted"] = True
                self.snapshots[table][obj["id"]] = snapshot
        self.batch = batch
        boundary.advance(batch.records(), lambda r: r["created"], ceiling=self.client.server_seconds())
        boundary.save(state, "events")
        state["synced_at"] = int(server_now.timestamp())


def stripe_object(client: VendorClient, name: str, feed: EventFeed, drift: DriftLog) -> Any:
    @dlt.resource(name=name, primary_key="id", write_disposition="append")
    def records() -> Iterator[list[Record]]:
        feed.ensure()
        state = dlt.current.resource_state()
        boundary = Boundary.load(state)
        full = boundary.cursor is None or feed.full_relist
        batch = Batch()
        for record in list_all(client, name, {} if full else {"created[gte]": boundary.cursor}):
            batch.add(record, suppressed=not full and boundary.already_loaded(record, record["created"]))
        listed = batch.records()
        if not full:
            for object_id, snapshot in feed.snapshots.get(name, {}).items():
                if object_id not in batch:  # the listing is the current state; events fill in the rest
                    batch.replace(snapshot)
        tracker = DriftTracker(name)
        for chunk in batch.chunks():
            for record in chunk:
                tracker.observe(record)
            yield chunk
        boundary.advance(listed, lambda r: r["created"], ceiling=client.server_seconds())
        boundary.save(state)
        drift.record(tracker, state)

    return records


def events(feed: EventFeed, drift: DriftLog) -> Any:
    # `data` differs per event type: kept as one JSON column instead of hundreds of sparse ones.
    @dlt.resource(name="events", primary_key="id", write_disposition="append", columns={"data": {"data_type": "json"}})
    def records() -> Iterator[list[Record]]:
        feed.ensure()
        assert feed.batch is not None
        tracker = DriftTracker("events")
        for chunk in feed.batch.chunks():
            for record in chunk:
                tracker.observe(record)
            yield chunk
        drift.record(tracker, dlt.current.resource_state())

    return records


def stripe_source(settings: SourceSettings, drift: DriftLog | None = None) -> Any:
    drift = drift if drift is not None else DriftLog()
    client = VendorClient(
        "stripe", settings.base_url, BearerTokenAuth(settings.secret("API_KEY")), headers={"Stripe-Version": STRIPE_VERSION}
    )
    feed = EventFeed(client)

    @dlt.source(name="stripe", max_table_nesting=2)
    def stripe() -> list[Any]:
        return [events(feed, drift), *(stripe_object(client, name, feed, drift) for name in OBJECTS)]

    return stripe()

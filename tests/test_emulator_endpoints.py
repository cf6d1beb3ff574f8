"""Every endpoint of sources.md: shapes, paging, stop rules, limits and faults (hand-made world)."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import requests

from connectors.demo.api_hubspot import CRM_OBJECTS
from connectors.demo.api_stripe import STRIPE_OBJECTS
from connectors.demo.emulator import Emulator
from tests.test_connectors_fixtures import NOW, fixture_world

BEARER = {"Authorization": "Bearer demo-token"}
ZENDESK = ("agent@example.com/token", "demo-token")


@pytest.fixture
def api() -> Iterator[Emulator]:
    with Emulator(fixture_world(), time_page_size=3, talk_page_size=3) as emulator:
        yield emulator


def get(api: Emulator, path: str, **params: object) -> requests.Response:
    auth = ZENDESK if path.startswith("/api/v2/") else None
    headers = None if auth else BEARER
    return requests.get(api.base_url + path, params=params, headers=headers, auth=auth, timeout=5)


def test_hubspot_lists_every_object_with_archived_and_associations(api: Emulator) -> None:
    for object_type in CRM_OBJECTS:
        body = get(api, f"/crm/v3/objects/{object_type}", limit=100).json()
        live = [r for r in api.world.hubspot[object_type] if not r["archived"]]
        assert [r["id"] for r in body["results"]] == [r["id"] for r in live] and "paging" not in body
    archived = get(api, "/crm/v3/objects/contacts", archived="true").json()["results"]
    assert [r["id"] for r in archived] == ["506"] and archived[0]["archived"] is True
    call = get(api, "/crm/v3/objects/calls", limit=1, associations="deals").json()["results"][0]
    assert call["associations"]["deals"]["results"][0]["id"] == "9001"
    assert get(api, "/crm/v3/objects/widgets").status_code == 404
    api.world.hubspot.pop("tasks")
    assert get(api, "/crm/v3/objects/tasks").json() == {"results": []}  # an object the world lacks
    contact = get(api, "/crm/v3/objects/contacts/501", properties="email").json()
    assert set(contact["properties"]) == {"hs_object_id", "createdate", "lastmodifieddate", "email"}
    names = {p["name"] for p in get(api, "/crm/v3/properties/deals").json()["results"]}
    assert {"dealstage", "amount", "hs_lastmodifieddate"} <= names
    stages = get(api, "/crm/v3/pipelines/deals").json()["results"][0]["stages"]
    assert stages[1]["metadata"] == {"probability": "1.0", "isClosed": "true"}
    owners = get(api, "/crm/v3/owners", archived="true").json()["results"]
    assert [o["id"] for o in owners] == ["1002"]


def search(api: Emulator, object_type: str, body: dict[str, object]) -> requests.Response:
    return requests.post(f"{api.base_url}/crm/v3/objects/{object_type}/search", json=body, headers=BEARER, timeout=5)


def test_hubspot_search_filters_sorts_pages_and_caps(api: Emulator) -> None:
    since = api.world.hubspot["deals"][3]["properties"]["hs_lastmodifieddate"]
    query = {
        "filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": since}]}],
        "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
        "properties": ["dealstage"],
        "limit": 2,
    }
    first = search(api, "deals", query).json()
    assert first["total"] == 4 and [r["id"] for r in first["results"]] == ["9004", "9005"]
    assert "propertiesWithHistory" not in first["results"][0] and "associations" not in first["results"][0]
    second = search(api, "deals", query | {"after": first["paging"]["next"]["after"]}).json()
    assert [r["id"] for r in second["results"]] == ["9006", "9007"] and "paging" not in second
    contacts = {"filterGroups": [{"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": "0"}]}]}
    assert search(api, "contacts", contacts).json()["total"] == 5  # archived ones are not searchable
    assert search(api, "deals", query | {"limit": 201}).status_code == 400
    api.search_result_cap = 3
    capped = search(api, "deals", query).json()
    assert capped["paging"]["next"]["after"] == "2"
    last = search(api, "deals", query | {"after": "2"}).json()
    assert len(last["results"]) == 1 and last["paging"]["next"]["after"] == "3"
    assert search(api, "deals", query | {"after": "3"}).status_code == 400  # paging past the cap


def test_stripe_lists_subscriptions_status_and_events_window(api: Emulator) -> None:
    for name in STRIPE_OBJECTS:
        body = get(api, f"/v1/{name}", limit=100).json()
        assert body["object"] == "list" and body["has_more"] is False
    subscriptions = get(api, "/v1/subscriptions", limit=100).json()["data"]
    assert "canceled" not in {s["status"] for s in subscriptions}
    assert len(get(api, "/v1/subscriptions", limit=100, status="all").json()["data"]) == 4
    events = get(api, "/v1/events", limit=100).json()["data"]
    assert events and min(e["created"] for e in events) >= NOW.timestamp() - 30 * 86400
    assert len(events) < len(api.world.stripe["events"])
    cutoff = api.world.stripe["charges"][2]["created"]
    recent = get(api, "/v1/charges", limit=2, **{"created[gte]": cutoff}).json()
    assert [c["id"] for c in recent["data"]] == [c["id"] for c in api.world.stripe["charges"][:2]] and recent["has_more"]
    after = get(api, "/v1/charges", limit=2, starting_after=recent["data"][-1]["id"], **{"created[gte]": cutoff}).json()
    assert [c["id"] for c in after["data"]] == [api.world.stripe["charges"][2]["id"]] and after["has_more"] is False


def test_zendesk_exports_and_their_stop_rules(api: Emulator) -> None:
    users = get(api, "/api/v2/incremental/users/cursor.json", start_time=0, per_page=2).json()
    seen = [u["id"] for u in users["users"]]
    while not users["end_of_stream"]:
        users = get(api, "/api/v2/incremental/users/cursor.json", cursor=users["after_cursor"], per_page=2).json()
        seen += [u["id"] for u in users["users"]]
    assert sorted(seen) == [100, 101, 102, 103, 104]
    # time-based: the records at end_time repeat on the next page
    page = get(api, "/api/v2/incremental/ticket_events.json", start_time=0).json()
    assert len(page["ticket_events"]) == 3 and page["end_of_stream"] is False
    assert all(c["event_type"] != "Comment" for e in page["ticket_events"] for c in e["child_events"])
    following = requests.get(api.base_url + page["next_page"], auth=ZENDESK, timeout=5).json()
    assert following["ticket_events"][0]["id"] == page["ticket_events"][-1]["id"]
    with_comments = get(api, "/api/v2/incremental/ticket_events.json", start_time=0, include="comment_events").json()
    assert any(c["event_type"] == "Comment" for c in with_comments["ticket_events"][0]["child_events"])
    assert get(api, "/api/v2/incremental/ticket_events.json", start_time=int(NOW.timestamp())).status_code == 422
    orgs = get(api, "/api/v2/incremental/organizations.json", start_time=0).json()
    assert [o["id"] for o in orgs["organizations"]] == [50, 51, 52] and orgs["end_of_stream"] is True
    ratings = get(api, "/api/v2/satisfaction_ratings", **{"page[size]": 3}).json()
    assert len(ratings["satisfaction_ratings"]) == 3 and ratings["meta"]["has_more"] is True
    assert get(api, "/api/v2/slas/policies").json()["count"] == 2
    # Talk: next_page never null; a short page is the last; start_time is inclusive
    calls, start, pages = [], 0, 0
    while True:
        body = get(api, "/api/v2/channels/voice/stats/incremental/calls", start_time=start).json()
        assert body["next_page"]
        calls += [c["id"] for c in body["calls"]]
        pages += 1
        if len(body["calls"]) < 3:
            break
        start = body["end_time"]
    assert set(calls) == {c["id"] for c in api.world.zendesk["talk_calls"]} and len(calls) > len(set(calls))


def test_rate_limit_and_date_header(api: Emulator) -> None:
    assert parsedate_to_datetime(get(api, "/v1/charges").headers["Date"]) == NOW
    api.rate_limit, api.rate_window = 2, 5.0
    statuses = [get(api, "/v1/charges") for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429] and int(statuses[2].headers["Retry-After"]) >= 1
    api.rate_limit_retry_after = False
    limited = get(api, "/v1/charges")
    assert limited.status_code == 429 and "Retry-After" not in limited.headers


def test_faults_truncate_drift_and_repeat(api: Emulator) -> None:
    api.inject("/v1/charges", "truncated")
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        get(api, "/v1/charges", limit=5).json()
    api.inject("/v1/charges", "drift_add")
    assert get(api, "/v1/charges", limit=2).json()["data"][0]["emulator_new_field"]
    api.inject("/v1/charges", "drift_remove", field="currency")
    assert "currency" not in get(api, "/v1/charges", limit=2).json()["data"][0]
    api.inject("/crm/v3/objects/deals", "drift_retype", field="properties.amount")
    assert isinstance(get(api, "/crm/v3/objects/deals", properties="amount").json()["results"][0]["properties"]["amount"], float)
    first = get(api, "/v1/customers", limit=2).json()
    api.inject("/v1/customers", "repeat_page")
    again = get(api, "/v1/customers", limit=2, starting_after=first["data"][-1]["id"]).json()
    assert again == first
    api.world.manifest["defects"] = [{"kind": "repeated_across_pages", "entity": "zendesk.tickets", "id": "2", "detail": ""}]
    page = get(api, "/api/v2/incremental/tickets/cursor.json", start_time=0, per_page=2).json()
    following = get(api, "/api/v2/incremental/tickets/cursor.json", cursor=page["after_cursor"], per_page=2).json()
    assert [t["id"] for t in following["tickets"]][:2] == [2, 3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_crmwh_emulator_serves_standalone(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-u",
        "-m",
        "orchestration.cli",
        "emulator",
        "--port",
        str(port),
        "--scale",
        "0.02",
        "--token",
        "T0k",
    ]
    project = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert "emulator on" in process.stdout.readline()
        response = requests.get(f"http://127.0.0.1:{port}/v1/charges", headers={"Authorization": "Bearer T0k"}, timeout=10)
        assert response.status_code == 200 and response.json()["data"]
        basic = base64.b64encode(b"x@example.com/token:T0k").decode()
        tickets = requests.get(
            f"http://127.0.0.1:{port}/api/v2/incremental/tickets/cursor.json?start_time=0",
            headers={"Authorization": f"Basic {basic}"},
            timeout=10,
        )
        assert json.loads(tickets.text)["tickets"]
    finally:
        process.terminate()
        process.wait(timeout=10)

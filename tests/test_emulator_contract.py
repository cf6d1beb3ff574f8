"""The emulator answers in the vendors' documented shapes, paging and stop rules."""

from __future__ import annotations

import requests

from connectors.demo.emulator import Emulator
from connectors.demo.world import World

BEARER = {"Authorization": "Bearer demo-token"}
ZENDESK_AUTH = ("agent@example.com/token", "demo-token")


def test_auth_is_checked_per_vendor(emulator: Emulator) -> None:
    assert requests.get(emulator.base_url + "/crm/v3/objects/deals", timeout=5).status_code == 401
    assert (
        requests.get(emulator.base_url + "/v1/charges", headers={"Authorization": "Bearer wrong"}, timeout=5).status_code == 401
    )
    zendesk = emulator.base_url + "/api/v2/incremental/tickets/cursor.json?start_time=0"
    assert requests.get(zendesk, auth=("agent@example.com", "demo-token"), timeout=5).status_code == 401  # no /token suffix
    assert requests.get(zendesk, auth=ZENDESK_AUTH, timeout=5).status_code == 200


def test_hubspot_paging_ends_without_paging_key(emulator: Emulator, world: World) -> None:
    seen, after, pages = [], None, 0
    while True:
        params = {"limit": 100, "properties": "amount,dealstage", "propertiesWithHistory": "dealstage"}
        if after:
            params["after"] = after
        body = requests.get(emulator.base_url + "/crm/v3/objects/deals", params=params, headers=BEARER, timeout=5).json()
        pages += 1
        assert len(body["results"]) <= 50  # history caps a page at 50
        seen += [r["id"] for r in body["results"]]
        if "paging" not in body:
            break
        after = body["paging"]["next"]["after"]
    assert seen == [d["id"] for d in world.hubspot["deals"]]
    assert pages == -(-len(seen) // 50)
    first = world.hubspot["deals"][0]
    body = requests.get(emulator.base_url + "/crm/v3/objects/deals", params={"limit": 1}, headers=BEARER, timeout=5).json()
    assert set(body["results"][0]["properties"]) == {
        "hs_object_id",
        "createdate",
        "hs_lastmodifieddate",
    }  # only asked-for + defaults
    assert "propertiesWithHistory" not in body["results"][0]
    assert body["results"][0]["id"] == first["id"]


def test_stripe_starting_after_and_has_more(emulator: Emulator, world: World) -> None:
    ids, after = [], None
    while True:
        params = {"limit": 100, **({"starting_after": after} if after else {})}
        body = requests.get(emulator.base_url + "/v1/charges", params=params, headers=BEARER, timeout=5).json()
        assert body["object"] == "list"
        ids += [c["id"] for c in body["data"]]
        if not body["has_more"]:
            break
        after = body["data"][-1]["id"]
    assert ids == [c["id"] for c in world.stripe["charges"]]
    created = [c["created"] for c in world.stripe["charges"]]
    assert created == sorted(created, reverse=True)  # newest first
    bad = requests.get(emulator.base_url + "/v1/charges", params={"limit": 101}, headers=BEARER, timeout=5)
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "limit"


def test_zendesk_cursor_export_until_end_of_stream(emulator: Emulator, world: World) -> None:
    url = emulator.base_url + "/api/v2/incremental/tickets/cursor.json"
    body = requests.get(url, params={"start_time": 0, "per_page": 100}, auth=ZENDESK_AUTH, timeout=5).json()
    ids = [t["id"] for t in body["tickets"]]
    assert "metric_set" not in body["tickets"][0]  # only with include=metric_sets
    while not body["end_of_stream"]:
        body = requests.get(url, params={"cursor": body["after_cursor"], "per_page": 100}, auth=ZENDESK_AUTH, timeout=5).json()
        ids += [t["id"] for t in body["tickets"]]
    assert sorted(ids) == sorted(t["id"] for t in world.zendesk["tickets"])
    assert len(ids) == len(set(ids))
    # resuming from the saved cursor returns nothing new, and says so
    again = requests.get(url, params={"cursor": body["after_cursor"]}, auth=ZENDESK_AUTH, timeout=5).json()
    assert again["tickets"] == [] and again["end_of_stream"] is True


def test_faults_are_injectable(emulator: Emulator) -> None:
    emulator.inject("/v1/charges", "rate_limit", times=1, retry_after=3)
    emulator.inject("/crm/v3/objects/deals", "http_500", times=1)
    limited = requests.get(emulator.base_url + "/v1/charges", headers=BEARER, timeout=5)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "3"
    assert requests.get(emulator.base_url + "/v1/charges", headers=BEARER, timeout=5).status_code == 200
    assert requests.get(emulator.base_url + "/crm/v3/objects/deals", headers=BEARER, timeout=5).status_code == 500
    emulator.inject("/v1/charges", "duplicate_pk", times=1)
    page = requests.get(emulator.base_url + "/v1/charges", params={"limit": 5}, headers=BEARER, timeout=5).json()["data"]
    assert page[0]["id"] == page[1]["id"] and len(page) == 6

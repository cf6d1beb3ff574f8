"""A local HTTP server that speaks the HubSpot, Stripe and Zendesk shapes from a generated world.

Auth is checked as each vendor expects (Bearer for HubSpot and Stripe, basic `email/token:TOKEN`
for Zendesk). Faults can be injected per path prefix so tests can watch the connectors react; an
optional rate limit answers 429 (with or without `Retry-After`). The `Date` header is the world's
clock, as a vendor's is its own.
"""

from __future__ import annotations

import base64
import json
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson

from connectors.demo import api_hubspot, api_stripe, api_zendesk
from connectors.demo.api_faults import DRIFT_KINDS, FAULT_KINDS, Fault, apply_drift, duplicate_first
from connectors.demo.world import World

__all__ = ["FAULT_KINDS", "Emulator", "Fault"]


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: Any
    repeated: set[str]


@dataclass
class Emulator:
    world: World
    token: str = "demo-token"
    host: str = "127.0.0.1"
    port: int = 0
    faults: list[Fault] = field(default_factory=list)
    timeout_seconds: float = 5.0
    slow_seconds: float = 0.0  # added to every answer, to watch a sync in flight
    requests: list[str] = field(default_factory=list)
    # Optional rate limit over all requests: at most `rate_limit` requests per `rate_window` seconds.
    rate_limit: int | None = None
    rate_window: float = 1.0
    rate_limit_retry_after: bool = True
    search_result_cap: int = api_hubspot.SEARCH_RESULT_CAP
    time_page_size: int = api_zendesk.TIME_PAGE_SIZE
    talk_page_size: int = api_zendesk.TALK_PAGE_SIZE
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _recent: list[float] = field(default_factory=list)
    _last_bodies: dict[str, tuple[int, Any]] = field(default_factory=dict)
    _issued: tuple[int, set[str]] = (0, set())  # (id of the world, positions this world handed out)

    # --- lifecycle ---
    def start(self) -> Emulator:
        handler = type("Handler", (_Handler,), {"emulator": self})
        self._server = ThreadingHTTPServer((self.host, self.port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="crmwh-emulator", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # --- faults and limits ---
    def inject(self, path: str, kind: str, times: int = 1, retry_after: int = 1, field: str | None = None) -> None:
        """Answer requests whose path starts with `path` wrongly, `times` times (-1: always)."""
        with self._lock:
            self.faults.append(Fault(path, kind, times, retry_after, field))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if path.startswith(fault.path) and fault.times != 0:
                    fault.times -= 1 if fault.times > 0 else 0
                    return fault
        return None

    def over_rate_limit(self) -> float | None:
        """Seconds until a slot frees up, or None when the request may go through."""
        if not self.rate_limit:
            return None
        now = time.monotonic()
        with self._lock:
            self._recent = [t for t in self._recent if now - t < self.rate_window]
            if len(self._recent) >= self.rate_limit:
                return self.rate_window - (now - self._recent[0])
            self._recent.append(now)
        return None

    def repeated_ids(self, vendor: str, entity: str) -> set[str]:
        """Ids the world's manifest marks `repeated_across_pages` for `<vendor>.<entity>`."""
        defects = self.world.manifest.get("defects", []) if isinstance(self.world.manifest, dict) else []
        return {
            str(d.get("id"))
            for d in defects
            if d.get("kind") == "repeated_across_pages" and d.get("entity") == f"{vendor}.{entity}"
        }

    def _positions_issued(self) -> set[str]:
        if self._issued[0] != id(self.world):
            self._issued = (id(self.world), set())
        return self._issued[1]

    def _resumed_from_elsewhere(self, params: dict[str, str]) -> bool:
        """A Zendesk export resumed from a position an earlier night handed out: there is no page
        before it in this listing, so nothing is repeated across its first boundary."""
        keys = [k for k in RESUME_KEYS if k in params and not (k == "start_time" and params[k] == "0")]
        issued = self._positions_issued()
        return bool(keys) and not any(params[k] in issued for k in keys)

    def _remember_positions(self, body: Any) -> None:
        if isinstance(body, dict):
            meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
            for value in (body.get("after_cursor"), body.get("end_time"), meta.get("after_cursor")):
                if value is not None:
                    self._positions_issued().add(str(value))

    # --- routing ---
    def route(self, method: str, path: str, params: dict[str, str], body: Any = None) -> tuple[int, Any]:
        for route_method, pattern, vendor, entity_group, handler in ROUTES:
            match = pattern.fullmatch(path)
            if match and method == route_method:
                entity = match.group(entity_group) if isinstance(entity_group, int) else entity_group
                repeated = set() if self._resumed_from_elsewhere(params) else self.repeated_ids(vendor, entity)
                status, answer = handler(self, match, Request(method, path, params, body, repeated))
                if status == 200:
                    self._remember_positions(answer)
                return status, answer
        return 404, {"error": "not_found", "message": f"no route for {method} {path}"}

    def authorised(self, path: str, headers: Any) -> bool:
        header = headers.get("Authorization", "")
        if path.startswith("/api/v2/"):
            if not header.startswith("Basic "):
                return False
            try:
                user, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return False
            return user.endswith("/token") and secret == self.token
        return header == f"Bearer {self.token}"


RESUME_KEYS = ("cursor", "start_time", "page[after]")
Handler = Callable[[Emulator, re.Match[str], Request], tuple[int, Any]]
HS, ZD = api_hubspot, api_zendesk
ROUTES: list[tuple[str, re.Pattern[str], str, str | int, Handler]] = [
    ("GET", re.compile(r"/crm/v3/pipelines/(\w+)"), "hubspot", "pipelines", lambda e, m, r: HS.list_pipelines(e.world, m[1])),
    (
        "GET",
        re.compile(r"/crm/v3/owners/?"),
        "hubspot",
        "owners",
        lambda e, m, r: HS.list_owners(e.world, r.params, r.path, r.repeated),
    ),
    ("GET", re.compile(r"/crm/v3/properties/(\w+)"), "hubspot", 1, lambda e, m, r: HS.list_properties(e.world, m[1])),
    (
        "GET",
        re.compile(r"/crm/v3/objects/(\w+)"),
        "hubspot",
        1,
        lambda e, m, r: HS.list_objects(e.world, m[1], r.params, r.path, r.repeated),
    ),
    (
        "GET",
        re.compile(r"/crm/v3/objects/(\w+)/(\w+)"),
        "hubspot",
        1,
        lambda e, m, r: HS.read_object(e.world, m[1], m[2], r.params),
    ),
    (
        "POST",
        re.compile(r"/crm/v3/objects/(\w+)/search"),
        "hubspot",
        1,
        lambda e, m, r: HS.search(e.world, m[1], r.body, r.path, e.search_result_cap),
    ),
    (
        "GET",
        re.compile(r"/v1/(\w+)"),
        "stripe",
        1,
        lambda e, m, r: api_stripe.list_objects(e.world, m[1], r.params, r.path, r.repeated),
    ),
    (
        "GET",
        re.compile(r"/api/v2/incremental/(tickets|users)/cursor\.json"),
        "zendesk",
        1,
        lambda e, m, r: ZD.cursor_export(e.world, m[1], r.params, r.path, r.repeated),
    ),
    (
        "GET",
        re.compile(r"/api/v2/incremental/ticket_events\.json"),
        "zendesk",
        "ticket_events",
        lambda e, m, r: ZD.time_export(e.world, "ticket_events", "timestamp", r.params, r.path, r.repeated, e.time_page_size),
    ),
    (
        "GET",
        re.compile(r"/api/v2/incremental/organizations\.json"),
        "zendesk",
        "organizations",
        lambda e, m, r: ZD.time_export(e.world, "organizations", "updated_at", r.params, r.path, r.repeated, e.time_page_size),
    ),
    (
        "GET",
        re.compile(r"/api/v2/satisfaction_ratings(?:\.json)?"),
        "zendesk",
        "satisfaction_ratings",
        lambda e, m, r: ZD.satisfaction_ratings(e.world, r.params, r.path, r.repeated),
    ),
    ("GET", re.compile(r"/api/v2/slas/policies(?:\.json)?"), "zendesk", "sla_policies", lambda e, m, r: ZD.sla_policies(e.world)),
    (
        "GET",
        re.compile(r"/api/v2/channels/voice/stats/incremental/calls(?:\.json)?"),
        "zendesk",
        "talk_calls",
        lambda e, m, r: ZD.talk_calls(e.world, r.params, r.path, r.repeated, e.talk_page_size),
    ),
]


class _Handler(BaseHTTPRequestHandler):
    emulator: Emulator
    protocol_version = "HTTP/1.1"
    # one segment per answer: headers and body in separate small writes meet delayed ACKs (40 ms each)
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read self.emulator.requests
        return

    def date_time_string(self, timestamp: float | None = None) -> str:
        return formatdate(self.emulator.world.now.timestamp(), usegmt=True)

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None, truncate: bool = False) -> None:
        payload = orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if truncate:  # the connection drops half-way through the body
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            self.wfile.write(payload[: max(1, len(payload) // 2)])
            self.wfile.flush()
            return
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.emulator.requests.append(self.path)
        if self.emulator.slow_seconds:
            time.sleep(self.emulator.slow_seconds)
        if not self.emulator.authorised(url.path, self.headers):
            message = "Authentication credentials not found or invalid"
            self._send(401, {"status": "error", "message": message, "category": "INVALID_AUTHENTICATION"})
            return
        wait = self.emulator.over_rate_limit()
        if wait is not None:
            headers = {"Retry-After": str(max(1, math.ceil(wait)))} if self.emulator.rate_limit_retry_after else {}
            self._send(429, {"error": {"type": "rate_limit_error", "message": "Too many requests"}}, headers)
            return
        fault = self.emulator.take_fault(url.path)
        if fault and fault.kind == "http_500":
            self._send(500, {"error": "internal_error", "message": "emulated server error"})
            return
        if fault and fault.kind == "http_503":
            self._send(503, {"error": "unavailable", "message": "emulated outage"})
            return
        if fault and fault.kind in ("rate_limit", "rate_limit_no_header"):
            headers = {"Retry-After": str(fault.retry_after)} if fault.kind == "rate_limit" else {}
            self._send(429, {"error": {"type": "rate_limit_error", "message": "Too many requests"}}, headers)
            return
        if fault and fault.kind == "timeout":
            time.sleep(self.emulator.timeout_seconds)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            self._send(400, {"status": "error", "message": "Invalid input JSON", "category": "VALIDATION_ERROR"})
            return
        key = f"{method} {url.path}"
        previous = self.emulator._last_bodies.get(key)
        status, answer = self.emulator.route(method, url.path, params, body)
        if status == 200:
            self.emulator._last_bodies[key] = (status, answer)
            if fault and fault.kind == "repeat_page" and previous is not None:
                status, answer = previous  # the page before, served again in place of this one
            if fault and fault.kind == "duplicate_pk":
                answer = duplicate_first(answer)
            if fault and fault.kind in DRIFT_KINDS:
                answer = apply_drift(answer, fault)
        self._send(status, answer, truncate=bool(fault and fault.kind == "truncated"))

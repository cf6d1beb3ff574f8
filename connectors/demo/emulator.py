"""A local HTTP server that speaks the HubSpot, Stripe and Zendesk shapes from a generated world.

Auth is checked as each vendor expects (Bearer for HubSpot and Stripe, basic `email/token:TOKEN`
for Zendesk). Faults can be injected per path prefix so tests can watch the connectors react.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from connectors.demo import api_hubspot, api_stripe, api_zendesk
from connectors.demo.world import World

FAULT_KINDS = ("http_500", "rate_limit", "rate_limit_no_header", "timeout", "truncated", "duplicate_pk")
LIST_KEYS = ("results", "data", "tickets")


@dataclass
class Fault:
    """Answer requests whose path starts with `path` wrongly, `times` times (-1: always)."""

    path: str
    kind: str
    times: int = 1
    retry_after: int = 1

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(FAULT_KINDS)}")


@dataclass
class Emulator:
    world: World
    token: str = "demo-token"
    host: str = "127.0.0.1"
    port: int = 0
    faults: list[Fault] = field(default_factory=list)
    timeout_seconds: float = 5.0
    requests: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

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

    def inject(self, path: str, kind: str, times: int = 1, retry_after: int = 1) -> None:
        with self._lock:
            self.faults.append(Fault(path, kind, times, retry_after))

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if path.startswith(fault.path) and fault.times != 0:
                    fault.times -= 1 if fault.times > 0 else 0
                    return fault
        return None

    # --- routing ---
    def route(self, method: str, path: str, params: dict[str, str]) -> tuple[int, Any]:
        for pattern, _vendor, handler in ROUTES:
            match = pattern.fullmatch(path)
            if match and method == "GET":
                return handler(self.world, match, params, path)
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


Handler = Callable[[World, re.Match[str], dict[str, str], str], tuple[int, Any]]
ROUTES: list[tuple[re.Pattern[str], str, Handler]] = [
    (re.compile(r"/crm/v3/pipelines/deals"), "hubspot", lambda w, m, p, path: api_hubspot.list_pipelines(w)),
    (re.compile(r"/crm/v3/owners/?"), "hubspot", lambda w, m, p, path: api_hubspot.list_owners(w, p, path)),
    (re.compile(r"/crm/v3/objects/(\w+)"), "hubspot", lambda w, m, p, path: api_hubspot.list_objects(w, m.group(1), p, path)),
    (re.compile(r"/v1/(\w+)"), "stripe", lambda w, m, p, path: api_stripe.list_objects(w, m.group(1), p, path)),
    (
        re.compile(r"/api/v2/incremental/tickets/cursor\.json"),
        "zendesk",
        lambda w, m, p, path: api_zendesk.tickets_cursor(w, p, path),
    ),
]


def _duplicate_first(body: Any) -> Any:
    """Repeat the page's first record with altered content under the same id."""
    body = copy.deepcopy(body)
    for key in LIST_KEYS:
        rows = body.get(key) if isinstance(body, dict) else None
        if rows:
            twin = copy.deepcopy(rows[0])
            if "properties" in twin:
                twin["properties"]["hs_lastmodifieddate"] = twin["properties"].get("createdate")
            twin["emulator_duplicate"] = True
            rows.insert(1, twin)  # after its original, so the page still ends on the right id
            break
    return body


class _Handler(BaseHTTPRequestHandler):
    emulator: Emulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read self.emulator.requests
        return

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None, truncate: bool = False) -> None:
        payload = json.dumps(body).encode()
        if truncate:
            payload = payload[: max(1, len(payload) // 2)]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        self.emulator.requests.append(self.path)
        if not self.emulator.authorised(url.path, self.headers):
            self._send(
                401,
                {
                    "status": "error",
                    "message": "Authentication credentials not found or invalid",
                    "category": "INVALID_AUTHENTICATION",
                },
            )
            return
        fault = self.emulator.take_fault(url.path)
        if fault and fault.kind == "http_500":
            self._send(500, {"error": "internal_error", "message": "emulated server error"})
            return
        if fault and fault.kind in ("rate_limit", "rate_limit_no_header"):
            headers = {"Retry-After": str(fault.retry_after)} if fault.kind == "rate_limit" else {}
            self._send(429, {"error": {"type": "rate_limit_error", "message": "Too many requests"}}, headers)
            return
        if fault and fault.kind == "timeout":
            time.sleep(self.emulator.timeout_seconds)
        status, body = self.emulator.route("GET", url.path, params)
        if fault and fault.kind == "duplicate_pk" and status == 200:
            body = _duplicate_first(body)
        self._send(status, body, truncate=bool(fault and fault.kind == "truncated"))

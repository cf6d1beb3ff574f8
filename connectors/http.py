"""The HTTP side of every connector: dlt's REST client with retries, timeouts and honest errors.

dlt's `Client` retries 429, 5xx, dropped connections and timeouts with exponential backoff and
honours `Retry-After`; we add a retry for a body that is not valid JSON (a truncated answer), and
turn what is left after the retries into a `SourceError` that names the endpoint and the status
but never a credential or a query string.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests
from dlt.common.jsonpath import compile_path
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import AuthConfigBase
from dlt.sources.helpers.rest_client.paginators import BasePaginator
from jsonpath_ng import JSONPath


class SourceError(RuntimeError):
    """A page failed after every retry: the source fails, its saved position is not advanced."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def parse_once(response: requests.Response) -> Any:
    """Parse the body once (orjson) and let every later `response.json()` (dlt's paginators and
    data selectors, our checks) reuse it: a page used to be parsed four times."""
    cached = getattr(response, "_crmwh_body", _MISSING)
    if cached is _MISSING:
        cached = orjson.loads(response.content)
        response._crmwh_body = cached  # type: ignore[attr-defined]
        response.json = lambda *args, **kwargs: cached  # type: ignore[method-assign]
    return cached


_MISSING = object()


def _body_is_broken(response: requests.Response | None, exception: BaseException | None) -> bool:
    """A 200 whose body is not JSON (cut short on the way) is retried like a dropped connection."""
    if response is None or response.status_code != 200:
        return False
    try:
        parse_once(response)
    except ValueError:
        return True
    return False


def make_session(base_url: str) -> requests.Session:
    """A requests session with dlt's retry policy, configured from `RUNTIME__REQUEST_*`.

    Proxy and CA-bundle settings are read from the environment once, for the vendor's host, not
    on every request (requests scans the whole environment twice per request otherwise).
    """
    client = Client(
        request_timeout=_env_float("RUNTIME__REQUEST_TIMEOUT", 30),
        request_max_attempts=int(_env_float("RUNTIME__REQUEST_MAX_ATTEMPTS", 5)),
        request_backoff_factor=_env_float("RUNTIME__REQUEST_BACKOFF_FACTOR", 1),
        request_max_retry_delay=_env_float("RUNTIME__REQUEST_MAX_RETRY_DELAY", 300),
        raise_for_status=False,
        retry_condition=_body_is_broken,
        respect_retry_after_header=True,
    )
    session = client.session
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False
    return session


class VendorClient:
    """One vendor's REST client: `get`/`post` return parsed JSON or raise `SourceError`."""

    def __init__(self, source: str, base_url: str, auth: AuthConfigBase, headers: dict[str, str] | None = None) -> None:
        self.source = source
        base_url = base_url.rstrip("/") + "/"
        self.rest = RESTClient(base_url=base_url, headers=headers, auth=auth, session=make_session(base_url))
        self.server_time: datetime | None = None
        self.requests = 0

    def server_seconds(self) -> int | None:
        """The API's own clock (its `Date` header) as unix seconds, once a response has been seen."""
        return int(self.server_time.timestamp()) if self.server_time else None

    def _check(self, method: str, path: str, response: requests.Response) -> Any:
        self.requests += 1
        if response.status_code >= 400:
            raise SourceError(
                f"{self.source}: {method} /{path.lstrip('/')} answered HTTP {response.status_code} "
                f"{response.reason} after retries",
                response.status_code,
            )
        date = response.headers.get("Date")
        if date:
            with contextlib.suppress(TypeError, ValueError):
                self.server_time = parsedate_to_datetime(date).astimezone(UTC)
        try:
            return parse_once(response)
        except ValueError as error:
            raise SourceError(f"{self.source}: {method} /{path.lstrip('/')} answered a body that is not JSON") from error

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.rest.request(path, method=method, **kwargs)  # type: ignore[arg-type]
        except requests.RequestException as error:
            raise SourceError(
                f"{self.source}: {method} /{path.lstrip('/')} failed after retries: {type(error).__name__}"
            ) from None
        return self._check(method, path, response)

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._send("GET", path, params=params)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self._send("POST", path, json=body)

    def get_url(self, url: str) -> Any:
        """Follow a vendor's absolute `next_page` link (same host as the base URL)."""
        return self._send("GET", url)

    def paginate(self, path: str, params: dict[str, Any], data_selector: str, paginator: BasePaginator) -> Iterator[list[Any]]:
        """dlt's paginated GET with one of our paginators; every page is checked like a request."""

        def check(response: requests.Response, *args: Any, **kwargs: Any) -> None:
            if response.status_code >= 400:  # an HTTPError inside the session is what dlt's retry acts on
                raise requests.HTTPError(f"HTTP {response.status_code}", response=response)

        try:
            for page in self.rest.paginate(
                path, params=params, paginator=paginator, data_selector=_compiled(data_selector), hooks={"response": [check]}
            ):
                self._check("GET", path, page.response)
                yield list(page)
        except requests.HTTPError as error:
            if error.response is None:
                raise SourceError(f"{self.source}: GET /{path.lstrip('/')} failed after retries") from None
            self._check("GET", path, error.response)
            raise
        except requests.RequestException as error:
            raise SourceError(f"{self.source}: GET /{path.lstrip('/')} failed after retries: {type(error).__name__}") from None


@functools.cache
def _compiled(data_selector: str) -> JSONPath:
    """dlt compiles a string selector on every page (a yacc parser build, ~0.5 ms): once is enough."""
    return compile_path(data_selector)


def now_utc() -> datetime:
    return datetime.now(UTC)

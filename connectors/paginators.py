"""dlt paginators for the vendor cursor rules dlt has no built-in for."""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.paginators import BasePaginator
from requests import Request, Response


class StripeStartingAfterPaginator(BasePaginator):
    """Stripe: continue after the last item's id while `has_more` is true."""

    def __init__(self) -> None:
        super().__init__()
        self._last_id: str | None = None

    def update_state(self, response: Response, data: list[Any] | None = None) -> None:
        body = response.json()
        self._has_next_page = bool(body.get("has_more")) and bool(data)
        if data:
            self._last_id = data[-1]["id"]

    def update_request(self, request: Request) -> None:
        request.params = {**(request.params or {}), "starting_after": self._last_id}


class ZendeskEndOfStreamPaginator(BasePaginator):
    """Zendesk cursor export: the first request carries `start_time`, the following ones only
    `cursor=<after_cursor>`; stop when `end_of_stream` is true."""

    def __init__(self) -> None:
        super().__init__()
        self.after_cursor: str | None = None

    def update_state(self, response: Response, data: list[Any] | None = None) -> None:
        body = response.json()
        self.after_cursor = body.get("after_cursor") or self.after_cursor
        self._has_next_page = not body.get("end_of_stream", True) and bool(self.after_cursor)

    def update_request(self, request: Request) -> None:
        params = {k: v for k, v in (request.params or {}).items() if k != "start_time"}
        params["cursor"] = self.after_cursor
        request.params = params

"""Zendesk Support (and later Talk) through dlt's rest_api source."""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.auth import HttpBasicAuth
from dlt.sources.rest_api import rest_api_source

from config import SourceSettings
from connectors.paginators import ZendeskEndOfStreamPaginator


def resources() -> list[dict[str, Any]]:
    return [
        {
            "name": "tickets",
            "endpoint": {
                "path": "api/v2/incremental/tickets/cursor.json",
                "params": {"start_time": 0, "include": "metric_sets", "per_page": 1000},
                "data_selector": "tickets",
                "paginator": ZendeskEndOfStreamPaginator(),
            },
            "primary_key": "id",
        },
    ]


def zendesk_source(settings: SourceSettings) -> Any:
    auth = HttpBasicAuth(f"{settings.secret('EMAIL')}/token", settings.secret("TOKEN"))
    return rest_api_source(
        {
            "client": {"base_url": settings.base_url + "/", "auth": auth},
            "resource_defaults": {"write_disposition": "append"},
            "resources": resources(),  # type: ignore[typeddict-item]
        },
        name="zendesk",
    )

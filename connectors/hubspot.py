"""HubSpot CRM v3 through dlt's rest_api source."""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.helpers.rest_client.paginators import JSONResponseCursorPaginator, SinglePagePaginator
from dlt.sources.rest_api import rest_api_source

from config import SourceSettings

DEAL_PROPERTIES = (
    "dealname,amount,deal_currency_code,dealstage,pipeline,createdate,closedate,hs_lastmodifieddate,"
    "hubspot_owner_id,hs_deal_stage_probability,hs_forecast_probability,closed_lost_reason,hs_analytics_source"
)
DEAL_HISTORY = "dealstage,amount,closedate"


def _after_paginator() -> JSONResponseCursorPaginator:
    # The last page has no `paging` at all: the paginator stops when the path is missing.
    return JSONResponseCursorPaginator(cursor_path="paging.next.after", cursor_param="after")


def resources() -> list[dict[str, Any]]:
    return [
        {
            "name": "pipelines",
            "endpoint": {"path": "crm/v3/pipelines/deals", "data_selector": "results", "paginator": SinglePagePaginator()},
            "primary_key": "id",
        },
        {
            "name": "owners",
            "endpoint": {
                "path": "crm/v3/owners",
                "params": {"limit": 100},
                "data_selector": "results",
                "paginator": _after_paginator(),
            },
            "primary_key": "id",
        },
        {
            "name": "deals",
            "endpoint": {
                "path": "crm/v3/objects/deals",
                "params": {"limit": 50, "properties": DEAL_PROPERTIES, "propertiesWithHistory": DEAL_HISTORY},
                "data_selector": "results",
                "paginator": _after_paginator(),
            },
            "primary_key": "id",
        },
    ]


def hubspot_source(settings: SourceSettings) -> Any:
    return rest_api_source(
        {
            "client": {"base_url": settings.base_url + "/", "auth": BearerTokenAuth(settings.secret("TOKEN"))},
            "resource_defaults": {"write_disposition": "append"},
            "resources": resources(),  # type: ignore[typeddict-item]
        },
        name="hubspot",
    )

"""Stripe through dlt's rest_api source, with a pinned API version."""

from __future__ import annotations

from typing import Any

from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.rest_api import rest_api_source

from config import SourceSettings
from connectors.paginators import StripeStartingAfterPaginator

# Newer versions moved invoice.subscription and subscription periods; the staging models expect this one.
STRIPE_VERSION = "2024-06-20"


def resources() -> list[dict[str, Any]]:
    return [
        {
            "name": "charges",
            "endpoint": {
                "path": "v1/charges",
                "params": {"limit": 100},
                "data_selector": "data",
                "paginator": StripeStartingAfterPaginator(),
            },
            "primary_key": "id",
        },
    ]


def stripe_source(settings: SourceSettings) -> Any:
    return rest_api_source(
        {
            "client": {
                "base_url": settings.base_url + "/",
                "auth": BearerTokenAuth(settings.secret("API_KEY")),
                "headers": {"Stripe-Version": STRIPE_VERSION},
            },
            "resource_defaults": {"write_disposition": "append"},
            "resources": resources(),  # type: ignore[typeddict-item]
        },
        name="stripe",
    )

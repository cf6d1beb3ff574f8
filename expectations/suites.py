"""One suite per raw entity. Every rule carries a severity and a reason.

`error` blocks the night (nothing is published); `warn` quarantines the failing rows and lets the
night go on. Either way the failing rows are kept, with their reason, out of what dbt reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import great_expectations as gx
from great_expectations.expectations import Expectation

Severity = Literal["error", "warn"]


@dataclass(frozen=True)
class Rule:
    reason: str
    severity: Severity
    expectation: Expectation


def _unique(column: str) -> Rule:
    return Rule(f"duplicate {column} in load", "error", gx.expectations.ExpectColumnValuesToBeUnique(column=column))


def _required(column: str) -> Rule:
    return Rule(f"missing {column}", "error", gx.expectations.ExpectColumnValuesToNotBeNull(column=column))


def _not_negative(column: str) -> Rule:
    return Rule(f"negative {column}", "warn", gx.expectations.ExpectColumnValuesToBeBetween(column=column, min_value=0))


# entity ("<source>.<table>") -> rules; each entity's primary key is its first unique rule.
SUITES: dict[str, list[Rule]] = {
    "hubspot.pipelines": [_unique("id"), _required("id")],
    "hubspot.owners": [_unique("id"), _required("id")],
    "hubspot.deals": [_unique("id"), _required("id"), _required("properties__createdate"), _required("properties__pipeline")],
    "stripe.charges": [_unique("id"), _required("id"), _required("created"), _required("currency"), _not_negative("amount")],
    "zendesk.tickets": [_unique("id"), _required("id"), _required("created_at")],
}


def rules_for(entity: str) -> list[Rule]:
    """The entity's suite; an entity without its own suite still gets the primary-key rules."""
    return SUITES.get(entity, [_unique("id"), _required("id")])

"""Expected metric values, computed straight from the generator's event log.

Plain Python over the generator's own dataclasses (never the rendered records, never the
warehouse), so an end-to-end test compares two independent computations. Each chunk of accounts
adds additive counters to a `Tally`; `finish` turns the counters into the catalog's metrics, so a
streaming run holds only the counters.

Judgement calls, where metrics.md leaves room (the warehouse should agree, or say why not):
- "As at the end of the month" for the month that contains `now` means as at `now`.
- new_revenue / lost_amount / campaign_revenue use the deal's amount as at the close instant (a
  later edit never changes a past month), converted at the rate of the month of the close;
  pipeline and forecast amounts use the amount as at the instant, at the rate of the metric's month.
- calls_per_opportunity: distinct deals with a close (won or lost) in the month; numerator = the
  calls associated with those deals dated before the end of that month.
- campaign_response_rate: distinct (campaign, e-mail) pairs with a response in the month over
  distinct (campaign, e-mail) pairs with a `sent` event in the month.
- crm_active_users: owners with a call, email, meeting (start) or completed task dated in the
  month, or a stage move (not the create) on a deal they own.
- csat_rate dates a rating by its `created_at` (when it was offered), with its score as of `now`.
- retention_cost_per_customer and gross_profit are None for months without a support-cost row.
- lead_to_deal_rate: a deal associated with the lead, created in [lead date, lead date + 90 days].
Defects (`gen_defects`) are extra records outside the event log, except repeated pages, so the
truth never counts them: see `gen_defects` for how each kind is kept out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from connectors.demo.gen_common import WORLD_START, month_key, months_between

Number = Decimal | int | float


class Tally:
    """Additive counters: series[name][month] and breakdowns[name][dimension][value][month]."""

    def __init__(self) -> None:
        self.series: dict[str, dict[str, Number]] = defaultdict(lambda: defaultdict(int))
        self.breakdowns: dict[str, dict[str, dict[str, dict[str, Number]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        )
        self.sets: dict[str, set[tuple[str, str]]] = defaultdict(set)  # name -> {(month, member)}

    def add(self, name: str, month: str, value: Number = 1, **dims: str) -> None:
        self.series[name][month] += value  # type: ignore[operator]
        for dimension, member in dims.items():
            self.breakdowns[name][dimension][member][month] += value  # type: ignore[operator]

    def member(self, name: str, month: str, member: str) -> None:
        self.sets[name].add((month, member))

    def merge(self, other: Tally) -> None:
        for name, months in other.series.items():
            for month, value in months.items():
                self.series[name][month] += value  # type: ignore[operator]
        for name, dims in other.breakdowns.items():
            for dimension, members in dims.items():
                for member, months in members.items():
                    for month, value in months.items():
                        self.breakdowns[name][dimension][member][month] += value  # type: ignore[operator]
        for name, members in other.sets.items():
            self.sets[name] |= members


def money(value: Number) -> float:
    """Rounded to cents half away from zero, as SQL's round() does on a DECIMAL (the warehouse's rule)."""
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def ratio(numerator: Number | None, denominator: Number | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return float(Decimal(numerator) / Decimal(denominator))


def finish(tally: Tally, asof: datetime) -> tuple[dict[str, dict[str, float | None]], dict[str, Any]]:
    """The catalog's metrics for every month from the world's start to `asof`."""
    from connectors.demo import truth_metrics

    months = months_between(month_key(WORLD_START), month_key(asof))
    return truth_metrics.metrics(tally, months), truth_metrics.breakdowns(tally, months)

"""Expected metric values, computed straight from the generator's event log.

This is deliberately plain Python over the generator's own dataclasses, sharing no code with the
warehouse, so an end-to-end test compares two independent computations.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectors.demo.generator import Charge, Deal, Ticket

# Units of USD per unit of currency: the world's exchange rates (the shipped seed uses the same).
FX_TO_USD = {"USD": Decimal("1"), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067")}
EXPONENT = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0}


def _month(moment: datetime) -> str:
    return moment.strftime("%Y-%m-01")


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}-01" <= last:
        out.append(f"{year:04d}-{month:02d}-01")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def expected_metrics(
    deals: list[Deal], charges: list[Charge], tickets: list[Ticket], pipelines: list[dict[str, Any]]
) -> dict[str, dict[str, float]]:
    won_stages = {s[0] for p in pipelines for s in p["stages"] if s[3] and s[2] == 1.0}
    activity_months = (
        [_month(d.created_at) for d in deals] + [_month(c.created_at) for c in charges] + [_month(t.created_at) for t in tickets]
    )
    months = _months_between(min(activity_months), max(activity_months))

    deals_won: dict[str, int] = defaultdict(int)
    new_revenue: dict[str, Decimal] = defaultdict(Decimal)
    for deal in deals:
        for stage, entered in deal.stages:
            if stage in won_stages:
                deals_won[_month(entered)] += 1
                if deal.amount is not None:
                    new_revenue[_month(entered)] += deal.amount * FX_TO_USD[deal.currency]

    gross: dict[str, Decimal] = defaultdict(Decimal)
    for charge in charges:
        if charge.succeeded:
            major = Decimal(charge.amount_minor).scaleb(-EXPONENT[charge.currency.upper()])
            gross[_month(charge.created_at)] += major * FX_TO_USD[charge.currency.upper()]

    solved: dict[str, int] = defaultdict(int)
    for ticket in tickets:
        if ticket.solved_at is not None:
            solved[_month(ticket.solved_at)] += 1

    return {
        "deals_won": {m: float(deals_won[m]) for m in months},
        "new_revenue": {m: _money(new_revenue[m]) for m in months},
        "gross_revenue": {m: _money(gross[m]) for m in months},
        "cases_solved": {m: float(solved[m]) for m in months},
    }

"""Company-wide facts shared by every chunk: campaigns and their costs, revenue goals, support
costs and the month's exchange rates (the marketing, crm and finance file drops)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from connectors.demo.gen_common import (
    DEFAULT_FX,
    OWNER_IDS,
    WORLD_NOW,
    WORLD_START,
    add_months,
    month_key,
    months_between,
)

CAMPAIGN_CHANNELS = ["email", "paid_social", "webinar", "ppc"]
LISTS = ["newsletter", "product-updates"]
FORMS = ["form_demo_request", "form_ebook", "form_contact_us"]


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str
    channel: str
    start: datetime
    end: datetime
    audience: str  # prospects | customers


@dataclass(frozen=True)
class Cost:
    campaign_id: str
    spend_date: datetime
    amount: Decimal
    currency: str


@dataclass
class Globals:
    campaigns: list[Campaign] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    goals: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (owner id, month) -> USD
    support_costs: dict[str, Decimal] = field(default_factory=dict)  # month -> USD
    fx: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (month, currency) -> USD per unit

    def rate(self, currency: str, month: str) -> Decimal:
        """The month's rate from the fx drop, else the shipped default."""
        return self.fx.get((month, currency.upper()), DEFAULT_FX[currency.upper()])

    def campaigns_at(self, moment: datetime, audience: str) -> list[Campaign]:
        return [c for c in self.campaigns if c.start <= moment < c.end and c.audience == audience]


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_EVEN)


def build_globals(seed: int, scale: float, fx_drift: bool) -> Globals:
    rng = random.Random(f"{seed}:globals")
    out = Globals()
    months = months_between(month_key(WORLD_START), month_key(WORLD_NOW + timedelta(days=40)))
    for i, month in enumerate(months):
        start = add_months(WORLD_START, i) + timedelta(days=rng.randrange(0, 10), hours=9)
        audience = "customers" if i % 4 == 3 else "prospects"
        channel = CAMPAIGN_CHANNELS[i % len(CAMPAIGN_CHANNELS)]
        campaign = Campaign(
            f"cmp_{i + 1:03d}",
            f"{month[:7]} {channel.replace('_', ' ')} push",
            channel,
            start,
            start + timedelta(days=rng.randrange(30, 75)),
            audience,
        )
        out.campaigns.append(campaign)
        spend = campaign.start
        while spend < campaign.end:
            currency = "EUR" if rng.random() < 0.2 else "USD"
            out.costs.append(Cost(campaign.campaign_id, spend, _money(rng.uniform(800, 6000) * max(scale, 0.05)), currency))
            spend += timedelta(days=30)
        for owner in OWNER_IDS:
            out.goals[(owner, month)] = _money(rng.uniform(12_000, 22_000) * max(scale, 0.01) / 10) * 10
    for month in months:
        if "2025-01-01" <= month <= "2026-09-01":
            out.support_costs[month] = _money(rng.uniform(30_000, 45_000) * max(scale, 0.01))
        if "2025-03-01" <= month <= "2025-12-01":  # the fx drop covers some months only
            for currency in ("EUR", "GBP", "JPY"):
                base = DEFAULT_FX[currency]
                drift = Decimal(str(round(rng.uniform(-0.04, 0.04), 3))) * (1 if fx_drift else 0)
                out.fx[(month, currency)] = (base * (1 + drift)).quantize(Decimal("0.000001"))
    return out

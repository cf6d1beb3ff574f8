"""Accounts, contacts and deals: how prospects arrive and move through the sales pipelines."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from connectors.demo.gen_common import (
    COMPANY_SUFFIX,
    COMPANY_WORDS,
    CURRENCY_WEIGHTS,
    FIRST_NAMES,
    FREE_MAIL,
    HORIZON,
    LAST_NAMES,
    LOST_REASONS,
    LOST_STAGE,
    OPEN_STAGES,
    OWNER_IDS,
    PRICE_FACTOR,
    PRODUCT_PRICE,
    WON_STAGE,
    WORLD_START,
)
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Account, Contact, Deal

ORIGIN_WEIGHTS = {"campaign": 35, "form": 35, "referral": 15, "other": 15}
SOURCES_BY_ORIGIN = {
    "campaign": ["EMAIL_MARKETING", "PAID_SEARCH", "SOCIAL_MEDIA"],
    "form": ["ORGANIC_SEARCH", "DIRECT_TRAFFIC"],
    "referral": ["REFERRALS"],
    "other": ["OFFLINE", "DIRECT_TRAFFIC"],
}


def _ascii(text: str) -> str:
    return text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").lower()


def new_account(rng: random.Random, index: int, world: Globals) -> Account:
    span = (HORIZON - timedelta(days=2) - WORLD_START).total_seconds()
    created = WORLD_START + timedelta(seconds=int(span * rng.random() ** 1.15))  # more arrived early on
    origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
    campaign = None
    if origin == "campaign":
        running = world.campaigns_at(created, "prospects")
        if running:
            campaign = rng.choice(running).campaign_id
        else:
            origin = "form"
    word, suffix = rng.choice(COMPANY_WORDS), rng.choice(COMPANY_SUFFIX)
    account = Account(
        index=index,
        company_id=str(5_000_000_000 + index),
        name=f"{word} {suffix}",
        domain=f"{word}-{suffix}-{index}.example".lower(),
        currency=rng.choices(list(CURRENCY_WEIGHTS), weights=list(CURRENCY_WEIGHTS.values()))[0],
        created_at=created,
        source=rng.choice(SOURCES_BY_ORIGIN[origin]),
        origin=origin,
        campaign_id=campaign,
        owner_id=rng.choice(OWNER_IDS),
    )
    _add_contacts(rng, account)
    return account


def _add_contacts(rng: random.Random, account: Account) -> None:
    count = rng.choices([1, 2, 3, 4], weights=[20, 30, 30, 20])[0]
    for j in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        created = account.created_at if j == 0 else account.created_at + timedelta(seconds=rng.randrange(1, 60 * 86400))
        work = f"{_ascii(first)}.{_ascii(last)}@{account.domain}"
        if any(c.work_email == work for c in account.contacts):  # two people with the same name
            work = f"{_ascii(first)}.{_ascii(last)}{j + 1}@{account.domain}"
        email = work if rng.random() > 0.15 else f"{_ascii(first)}{_ascii(last)}{account.index * 4 + j}@{rng.choice(FREE_MAIL)}"
        is_lead = j == 0 or rng.random() > 0.2
        contact = Contact(
            contact_id=str(3_000_000_000 + account.index * 32 + j),
            first=first,
            last=last,
            email=email,
            work_email=work,
            created_at=created,
            source=account.source if j == 0 else rng.choice([account.source, "DIRECT_TRAFFIC", "OFFLINE"]),
            lead_at=created if is_lead else None,
            lead_date_set=rng.random() > 0.1,
            visitor_id=f"v-{account.index}-{j}",
        )
        account.contacts.append(contact)
        if rng.random() < 0.04:  # entered twice, then merged into the first record
            dup_created = created + timedelta(seconds=rng.randrange(3600, 20 * 86400))
            account.contacts.append(
                Contact(
                    contact_id=str(3_000_000_000 + account.index * 32 + 16 + j),
                    first=first,
                    last=last,
                    email=email.upper(),
                    work_email=work,
                    created_at=dup_created,
                    source="OFFLINE",
                    lead_at=dup_created,
                    lead_date_set=True,
                    merged_into=contact.contact_id,
                    merged_at=dup_created + timedelta(seconds=rng.randrange(600, 5 * 86400)),
                )
            )


def live_contacts(account: Account) -> list[Contact]:
    return [c for c in account.contacts if c.merged_into is None]


def deal_amount(product: str, quantity: int, interval: str, currency: str) -> Decimal:
    """First-year contract value: what the subscription bills in its first 12 months."""
    monthly = PRODUCT_PRICE[product] * PRICE_FACTOR[currency] * quantity
    return monthly * (10 if interval == "year" else 12)


def run_deal(
    rng: random.Random,
    deal: Deal,
    amount: Decimal | None,
    lose_per_stage: float,
    forced: tuple[str, datetime] | None = None,
) -> tuple[str | None, datetime]:
    """Move the deal through its pipeline; return its outcome (won/lost/None) and when."""
    pipeline = deal.pipeline
    deal.amounts.append((amount, deal.created_at))
    deal.close_dates.append((deal.created_at + timedelta(days=rng.randrange(30, 61)), deal.created_at))
    moment = deal.created_at
    outcome: str | None = None
    stages = [s for i, s in enumerate(OPEN_STAGES[pipeline]) if i == 0 or rng.random() > 0.15]  # some skip a stage
    for i, stage in enumerate(stages):
        deal.stages.append((stage, moment))
        if forced is not None:  # spread the stages evenly up to the known close
            moment += timedelta(seconds=int((forced[1] - deal.created_at).total_seconds()) // (len(stages) + 1))
            continue
        moment += timedelta(seconds=int(rng.expovariate(1 / (11 * 86400))) + 3600)
        if rng.random() < lose_per_stage:
            outcome = "lost"
            break
        if i == 1 and amount is not None and rng.random() < 0.3:  # renegotiated
            amount = (amount * Decimal(str(rng.choice([0.8, 0.9, 1.1, 1.2])))).quantize(Decimal("0.01"))
            deal.amounts.append((amount, moment - timedelta(seconds=1800)))
    if forced is not None:
        outcome, moment = forced
    outcome = outcome or "won"
    _slip_close_dates(deal, moment)
    _close(rng, deal, outcome, moment)
    return outcome, moment


def _slip_close_dates(deal: Deal, until: datetime) -> None:
    expected = deal.close_dates[-1][0]
    while expected + timedelta(days=1) < until:
        set_at = expected + timedelta(days=1)
        expected = set_at + timedelta(days=30)
        deal.close_dates.append((expected, set_at))


def _close(rng: random.Random, deal: Deal, outcome: str, moment: datetime) -> None:
    if outcome == "lost":
        deal.stages.append((LOST_STAGE[deal.pipeline], moment))
        deal.lost_reason = rng.choice(LOST_REASONS)
    else:
        deal.stages.append((WON_STAGE[deal.pipeline], moment))
    deal.close_dates.append((moment, moment))


def maybe_reopen(rng: random.Random, deal: Deal, lost_at: datetime) -> datetime | None:
    """A lost deal sometimes comes back and is won later; returns the win time."""
    if rng.random() > 0.06:
        return None
    reopened = lost_at + timedelta(days=rng.randrange(10, 40))
    deal.stages.append((OPEN_STAGES[deal.pipeline][-1], reopened))
    won_at = reopened + timedelta(days=rng.randrange(2, 20), seconds=rng.randrange(86400))
    deal.stages.append((WON_STAGE[deal.pipeline], won_at))
    deal.close_dates.append((won_at, won_at))
    deal.lost_reason = None
    return won_at


def new_deal(
    rng: random.Random, account: Account, serial: int, pipeline: str, created: datetime, owner: str | None = None
) -> Deal:
    contacts = [c.contact_id for c in live_contacts(account) if c.created_at <= created] or [account.contacts[0].contact_id]
    deal = Deal(
        deal_id=str(9_000_000_000 + account.index * 32 + serial),
        pipeline=pipeline,
        owner_id=owner or account.owner_id,
        created_at=created,
        currency=account.currency,
        contact_ids=contacts[: rng.randrange(1, len(contacts) + 1)],
        source=account.source,
    )
    if rng.random() < 0.25:
        deal.forecast_probability = Decimal(rng.randrange(10, 95, 5)) / 100
    account.deals.append(deal)
    return deal

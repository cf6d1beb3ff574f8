"""One account's life, end to end: lead → deals → subscription → support → surveys → marketing."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from connectors.demo.gen_activities import log_activities
from connectors.demo.gen_billing import add_on, become_customer, subscribe, unit_amount_minor
from connectors.demo.gen_common import (
    CHUNK_ACCOUNTS,
    HORIZON,
    OWNER_IDS,
    TIERS,
    WORLD_START,
    chunk_rng,
    from_minor,
    moment_between,
)
from connectors.demo.gen_crm import deal_amount, maybe_reopen, new_account, new_deal, run_deal
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_marketing import anonymous_sessions, marketing_life
from connectors.demo.gen_model import Account, Chunk, Deal, TalkCall
from connectors.demo.gen_support import open_ticket, place_call, support_life, zendesk_user


def _sell(rng: random.Random, account: Account) -> tuple[Deal | None, datetime | None]:
    """New-business deals until one is won (or the account gives up); returns the won deal."""
    created = account.contacts[0].created_at + timedelta(seconds=rng.randrange(86400, 45 * 86400))
    for _attempt in range(2):
        if created >= HORIZON:
            return None, None
        deal = new_deal(rng, account, len(account.deals), "default", created)
        deal.product = rng.choices(TIERS, weights=[50, 35, 15])[0]
        interval = "year" if rng.random() < 0.15 else "month"
        quantity = rng.randrange(1, 6)
        amount = None if rng.random() < 0.02 else deal_amount(deal.product, quantity, interval, account.currency)
        deal.product = f"{deal.product}|{interval}|{quantity}"
        outcome, at = run_deal(rng, deal, amount, 0.14)
        if outcome == "lost":
            won_at = maybe_reopen(rng, deal, at)
            if won_at is not None:
                outcome, at = "won", won_at
        log_activities(rng, account, deal)
        if outcome == "won":
            return deal, at
        if rng.random() > 0.3:
            return None, None
        created = at + timedelta(days=rng.randrange(60, 180))
    return None, None


def _renewal_hook(rng: random.Random, account: Account, product: str, quantity: int):
    def hook(period_end: datetime, renews: bool, canceled_at: datetime | None) -> None:
        created = period_end - timedelta(days=45)
        deal = new_deal(rng, account, len(account.deals), "renewals", created)
        amount = from_minor(unit_amount_minor(product, "year", account.currency) * quantity, account.currency)
        forced = ("won", period_end - timedelta(days=rng.randrange(1, 6))) if renews else ("lost", canceled_at or period_end)
        run_deal(rng, deal, amount, 0.0, forced=forced)
        log_activities(rng, account, deal)

    return hook


def simulate_account(rng: random.Random, index: int, world: Globals) -> Account:
    account = new_account(rng, index, world)
    won, won_at = _sell(rng, account)
    customer_since = None
    if won is not None and won_at is not None:
        customer = become_customer(rng, account, won_at)
        product, interval, quantity = won.product.split("|")
        start = customer.created_at + timedelta(seconds=rng.randrange(60, 3 * 86400))
        hook = _renewal_hook(rng, account, product, int(quantity))
        sub = subscribe(rng, account, product, interval, int(quantity), start, hook)
        for _retry in range(3):  # never paid (card declined): they sign up again the next day
            if any(i.paid_at for i in account.invoices) or sub.ended_at is None or sub.ended_at >= HORIZON:
                break
            sub = subscribe(rng, account, product, interval, int(quantity), sub.ended_at + timedelta(days=1), hook)
        customer_since = won_at
        if rng.random() < 0.3:  # cross-sell: an add-on, sold through a small deal
            at = start + timedelta(days=rng.randrange(30, 300))
            if at < HORIZON:
                deal = new_deal(
                    rng, account, len(account.deals), "default", at - timedelta(days=rng.randrange(10, 30)), rng.choice(OWNER_IDS)
                )
                addon = add_on(rng, account, at)
                amount = from_minor(
                    unit_amount_minor("prod_" + addon.phases[0][0].split("_")[1], "month", account.currency) * 12,
                    account.currency,
                )
                run_deal(rng, deal, amount, 0.0, forced=("won", at - timedelta(hours=6)))
                log_activities(rng, account, deal)
        ends = [s.ended_at for s in account.subscriptions]
        end = HORIZON if any(e is None for e in ends) else max(e for e in ends if e) + timedelta(days=30)  # type: ignore[type-var]
        support_life(rng, account, customer.created_at, end)
    elif rng.random() < 0.08:  # a prospect with a pre-sales question
        contact = account.contacts[0]
        at = contact.created_at + timedelta(days=rng.randrange(1, 30))
        if at < HORIZON:
            open_ticket(rng, account, zendesk_user(rng, account, contact, at), at, "web")
    marketing_life(rng, account, world, customer_since)
    return account


def simulate_chunk(seed: int, chunk: int, total_accounts: int, world: Globals) -> Chunk:
    rng = chunk_rng(seed, chunk, "accounts")
    first = chunk * CHUNK_ACCOUNTS
    accounts = [simulate_account(rng, i, world) for i in range(first, min(first + CHUNK_ACCOUNTS, total_accounts))]
    out = Chunk(chunk, accounts)
    extra = chunk_rng(seed, chunk, "anonymous")
    calls: list[TalkCall] = []
    for _ in range(max(1, len(accounts) // 5)):  # unknown callers (blocked numbers, wrong numbers)
        place_call(extra, accounts[0], None, moment_between(extra, WORLD_START, HORIZON), calls, 399_000_000_000 + chunk * 10_000)
    out.anonymous_calls = calls
    out.anonymous_sessions = anonymous_sessions(extra, chunk, len(accounts))
    return out

"""Won deals become paying customers: subscriptions, invoices, charges, refunds and fees."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from connectors.demo.gen_common import (
    ADDONS,
    FREE_MAIL,
    HORIZON,
    PRICE_FACTOR,
    PRODUCT_PRICE,
    TIERS,
    add_months,
    to_minor,
)
from connectors.demo.gen_model import Account, Charge, Invoice, Refund, StripeCustomer, Subscription

# Called for an annual subscription's renewal: (period end, renews?, cancel asked at) -> None.
RenewalHook = Callable[[datetime, bool, datetime | None], None]


def price_id(product: str, interval: str, currency: str) -> str:
    return f"price_{product.removeprefix('prod_')}_{interval}_{currency.lower()}"


def unit_amount_minor(product: str, interval: str, currency: str) -> int:
    monthly = PRODUCT_PRICE[product] * PRICE_FACTOR[currency]
    return to_minor(monthly * (10 if interval == "year" else 1), currency)


def fee_minor(amount_minor: int, currency: str) -> int:
    if currency == "JPY":
        return int((Decimal(amount_minor) * Decimal("0.036")).to_integral_value())
    return int((Decimal(amount_minor) * Decimal("0.029")).to_integral_value()) + 30


def become_customer(rng: random.Random, account: Account, won_at: datetime) -> StripeCustomer:
    if account.customer is not None:
        return account.customer
    contact = account.contacts[0]
    roll = rng.random()
    if roll < 0.5:
        email = contact.email
    elif roll < 0.7:
        email = contact.email.title() if rng.random() < 0.5 else contact.email.upper()
    elif roll < 0.8:
        email = f" {contact.email} "
    else:  # the other address of the person: personal if the CRM has the work one, and back
        # a personal mailbox is one person's: two namesakes at two companies never share one
        local = f"{contact.work_email.split('@')[0]}.{contact.contact_id}"
        email = f"{local}@{rng.choice(FREE_MAIL)}" if contact.email == contact.work_email else contact.work_email
    metadata: dict[str, str] = {}
    roll = rng.random()
    if roll < 0.6:
        metadata["hubspot_contact_id"] = contact.contact_id
        if rng.random() < 0.3:
            metadata["hubspot_company_id"] = account.company_id
    elif roll < 0.7:
        metadata["hubspot_company_id"] = account.company_id
    if not metadata and email.endswith(tuple(FREE_MAIL)) and email != contact.email:
        # a personal address the CRM lacks and no CRM id would be evidence of nothing: no identity
        # rule could join the payments to their company, and the per-account truth would be unreachable
        metadata["hubspot_contact_id"] = contact.contact_id
    name = account.name if rng.random() < 0.6 else f"{account.name} {rng.choice(['Inc.', 'Ltd', 'GmbH', 'LLC'])}"
    account.customer = StripeCustomer(
        f"cus_{account.index:09d}", won_at + timedelta(seconds=rng.randrange(600, 2 * 86400)), email, name, metadata
    )
    return account.customer


def _attempt(rng: random.Random, account: Account, invoice: Invoice, at: datetime, succeed: float) -> bool:
    ok = rng.random() < succeed
    n = len(account.charges())
    charge = Charge(
        f"ch_{account.index:07d}{n:05d}",
        invoice.customer_id,
        invoice.invoice_id,
        at,
        invoice.currency,
        invoice.amount_minor,
        ok,
        fee_minor(invoice.amount_minor, invoice.currency) if ok else 0,
    )
    invoice.charges.append(charge)
    if ok:
        invoice.paid_at = at
        if rng.random() < 0.04:
            refunded = charge.amount_minor if rng.random() < 0.5 else charge.amount_minor * rng.randrange(10, 60) // 100
            charge.refunds.append(
                Refund(f"re_{account.index:07d}{n:05d}", refunded, at + timedelta(seconds=rng.randrange(86400, 20 * 86400)))
            )
    return ok


def _bill(rng: random.Random, account: Account, sub: Subscription, start: datetime, end: datetime, first: bool) -> bool:
    """Invoice one period and try to collect it; False when the subscription dies unpaid."""
    price, quantity, _ = sub.phases[-1]
    product = "prod_" + price.split("_")[1]
    invoice = Invoice(
        f"in_{account.index:07d}{len(account.invoices):05d}",
        sub.subscription_id,
        sub.customer_id,
        start,
        start,
        end,
        price,
        product,
        quantity,
        sub.currency,
        unit_amount_minor(product, sub.interval, sub.currency) * quantity,
    )
    account.invoices.append(invoice)
    at = start + timedelta(seconds=rng.randrange(60, 3600))
    if _attempt(rng, account, invoice, at, 0.93):
        return True
    if first and sub.trial_end is None:  # incomplete: one more try, then it expires after 23 hours
        if _attempt(rng, account, invoice, at + timedelta(hours=2), 0.5):
            return True
        sub.ended_at = sub.canceled_at = sub.created_at + timedelta(hours=23)
        invoice.uncollectible_at = sub.ended_at
        return False
    for delay in (3, 5):
        at += timedelta(days=delay)
        if _attempt(rng, account, invoice, at, 0.7):
            return True
    invoice.uncollectible_at = at + timedelta(hours=1)
    sub.canceled_at = sub.ended_at = invoice.uncollectible_at
    return False


def subscribe(
    rng: random.Random,
    account: Account,
    product: str,
    interval: str,
    quantity: int,
    start: datetime,
    renewal_hook: RenewalHook | None = None,
) -> Subscription:
    currency = account.currency
    sub = Subscription(
        f"sub_{account.index:07d}{len(account.subscriptions):02d}",
        account.customer.customer_id,
        start,
        interval,
        currency,  # type: ignore[union-attr]
    )
    sub.phases.append((price_id(product, interval, currency), quantity, start))
    account.subscriptions.append(sub)
    period_start = start
    if rng.random() < 0.15:
        sub.trial_end = period_start = start + timedelta(days=14)
        sub.active_from = sub.trial_end
    months = 12 if interval == "year" else 1
    first = True
    while period_start < HORIZON:
        period_end = add_months(period_start, months)
        if not _bill(rng, account, sub, period_start, period_end, first):
            return sub
        if first and sub.active_from is None:
            sub.active_from = account.invoices[-1].paid_at
        first = False
        renews = rng.random() > (0.15 if interval == "year" else 0.012)
        if not renews:
            lead = timedelta(days=rng.randrange(10, 40)) if interval == "year" else timedelta(days=rng.randrange(1, 25))
            sub.canceled_at = max(period_start + timedelta(hours=1), period_end - lead)
            sub.ended_at = period_end
        if renewal_hook is not None and interval == "year":
            renewal_hook(period_end, renews, sub.canceled_at)
        if not renews:
            return sub
        _maybe_change_plan(rng, sub, period_end)
        period_start = period_end
    return sub


def _maybe_change_plan(rng: random.Random, sub: Subscription, at: datetime) -> None:
    price, quantity, _ = sub.phases[-1]
    product = "prod_" + price.split("_")[1]
    roll = rng.random()
    if roll < 0.04 and product in TIERS and product != TIERS[-1]:
        product = TIERS[TIERS.index(product) + 1]
    elif roll < 0.06:
        quantity += 1
    elif roll < 0.07 and quantity > 1:
        quantity -= 1
    else:
        return
    sub.phases.append((price_id(product, sub.interval, sub.currency), quantity, at))


def add_on(rng: random.Random, account: Account, at: datetime) -> Subscription:
    return subscribe(rng, account, rng.choice(ADDONS), "month", 1, at)

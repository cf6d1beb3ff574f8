"""Customer and revenue counters: payments, activity, churn, renewals, CLV, cross-sell, upsell."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from decimal import Decimal

from connectors.demo.gen_common import from_minor, month_end, month_key, month_start, months_between
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Account
from connectors.demo.truth import Tally


def is_active(account: Account, instant: datetime, asof: datetime) -> bool:
    """A subscription from its start (after trial / first payment) until it ended, or a payment in the last 30 days."""
    for sub in account.subscriptions:
        if sub.active_from is None or sub.active_from > min(instant, asof):
            continue
        ended = sub.ended_at if sub.ended_at is not None and sub.ended_at <= asof else None
        if ended is None or instant < ended:
            return True
    window = instant - timedelta(days=30)
    return any(c.succeeded and window < c.created_at <= instant and c.created_at <= asof for c in account.charges())


def _money_flows(t: Tally, account: Account, world: Globals, asof: datetime) -> dict[str, Decimal]:
    """Gross, refunds and fees by month; returns this customer's net revenue by month."""
    net: dict[str, Decimal] = {}
    for charge in account.charges():
        if charge.created_at > asof or not charge.succeeded:
            continue
        month = month_key(charge.created_at)
        rate = world.rate(charge.currency, month)
        gross = from_minor(charge.amount_minor, charge.currency) * rate
        fee = from_minor(charge.fee_minor, charge.currency) * rate
        t.add("gross_revenue", month, gross)
        t.add("payment_fees", month, fee)
        net[month] = net.get(month, Decimal(0)) + gross - fee
        for refund in charge.refunds:
            if refund.created_at <= asof:
                refund_month = month_key(refund.created_at)
                value = from_minor(refund.amount_minor, charge.currency) * world.rate(charge.currency, refund_month)
                t.add("refunds", refund_month, value)
                net[refund_month] = net.get(refund_month, Decimal(0)) - value
    return net


def _renewals(t: Tally, account: Account, asof: datetime) -> None:
    invoices = [i for i in account.invoices if i.created_at <= asof]
    for inv in invoices:
        t.add("renewals_due", month_key(inv.period_end))
        following = [
            n
            for n in invoices
            if n.subscription_id == inv.subscription_id and n.period_start == inv.period_end and n.paid_at and n.paid_at <= asof
        ]
        if following:
            t.add("renewals", month_key(inv.period_end))


def _upgrades(account: Account, asof: datetime) -> set[str]:
    months = set()
    for sub in account.subscriptions:
        amounts = [
            (i.amount_minor, i.created_at)
            for i in account.invoices
            if i.subscription_id == sub.subscription_id and i.created_at <= asof
        ]
        for (before, _), (after, at) in itertools.pairwise(amounts):
            if after > before:
                months.add(month_key(at))
    return months


def tally_revenue(t: Tally, account: Account, world: Globals, asof: datetime) -> None:
    if account.customer is None or account.customer.created_at > asof:
        return
    net = _money_flows(t, account, world, asof)
    _renewals(t, account, asof)
    upgrades = _upgrades(account, asof)
    lifetime = Decimal(0)
    paid_charges = sorted(c.created_at for c in account.charges() if c.succeeded and c.created_at <= asof)
    for month in months_between(month_key(account.customer.created_at), month_key(asof)):
        start, end = month_start(month), min(month_end(month), asof)
        was, now = is_active(account, start, asof), is_active(account, end, asof)
        if now:
            t.add("active_customers", month)
        if was:
            t.add("active_at_start", month)
            t.add("retained_customers" if now else "churned_customers", month)
        if month in upgrades:
            t.add("upgraded_customers", month)
        lifetime += net.get(month, Decimal(0))
        if paid_charges and paid_charges[0] < month_end(month):
            t.add("clv_sum", month, lifetime)
            t.add("clv_customers", month)
        products = {
            i.product_id for i in account.invoices if i.paid_at is not None and i.paid_at < month_end(month) and i.paid_at <= asof
        }
        if products:
            t.add("purchasing_customers", month)
            if len(products) >= 2:
                t.add("cross_sold_customers", month)

"""Stripe objects (API version 2024-06-20), rendered from the event log as they stood at `asof`."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from connectors.demo.gen_billing import price_id, unit_amount_minor
from connectors.demo.gen_common import CURRENCY_EXPONENT, PRODUCTS, WORLD_START
from connectors.demo.gen_model import Account, Charge, Invoice, Refund, StripeCustomer, Subscription
from connectors.demo.world import Record

STRIPE_OBJECTS = (
    "customers",
    "products",
    "prices",
    "subscriptions",
    "invoices",
    "charges",
    "refunds",
    "balance_transactions",
    "events",
)


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


def product_records() -> list[Record]:
    return [
        {
            "id": pid,
            "object": "product",
            "name": name,
            "active": True,
            "created": unix(WORLD_START),
            "livemode": False,
            "metadata": {},
        }
        for pid, name, _ in PRODUCTS
    ]


def price_record(price: str) -> Record:
    """A fresh copy of the price's record (the book is fixed, so it is built once per price)."""
    record = dict(_price_record(price))
    record["recurring"] = dict(record["recurring"])
    return record


@lru_cache(maxsize=256)
def _price_record(price: str) -> Record:
    _, product, interval, currency = price.split("_")
    return {
        "id": price,
        "object": "price",
        "product": f"prod_{product}",
        "currency": currency,
        "unit_amount": unit_amount_minor(f"prod_{product}", interval, currency.upper()),
        "recurring": {"interval": interval, "interval_count": 1, "usage_type": "licensed"},
        "type": "recurring",
        "active": True,
        "created": unix(WORLD_START),
        "livemode": False,
    }


def price_records() -> list[Record]:
    return [
        price_record(price_id(pid, interval, currency))
        for pid, _, _ in PRODUCTS
        for interval in ("month", "year")
        for currency in sorted(CURRENCY_EXPONENT)
    ]


def customer_record(customer: StripeCustomer, currency: str) -> Record:
    return {
        "id": customer.customer_id,
        "object": "customer",
        "created": unix(customer.created_at),
        "email": customer.email,
        "name": customer.name,
        "currency": currency.lower(),
        "metadata": dict(customer.metadata),
        "livemode": False,
    }


def subscription_status(account: Account, sub: Subscription, asof: datetime) -> str:
    if sub.ended_at is not None and sub.ended_at <= asof:
        return "canceled" if sub.active_from is not None else "incomplete_expired"
    if sub.trial_end is not None and asof < sub.trial_end:
        return "trialing"
    if sub.active_from is None or asof < sub.active_from:
        return "incomplete"
    for inv in account.invoices:
        if inv.subscription_id == sub.subscription_id and inv.created_at <= asof:
            tried = [c for c in inv.charges if c.created_at <= asof]
            if tried and not tried[0].succeeded and (inv.paid_at is None or inv.paid_at > asof):
                return "past_due"
    return "active"


def subscription_record(account: Account, sub: Subscription, asof: datetime) -> Record:
    price, quantity, _ = [p for p in sub.phases if p[2] <= asof][-1]
    invoices = [i for i in account.invoices if i.subscription_id == sub.subscription_id and i.created_at <= asof]
    period = (
        (invoices[-1].period_start, invoices[-1].period_end) if invoices else (sub.created_at, sub.trial_end or sub.created_at)
    )
    canceled = sub.canceled_at if sub.canceled_at and sub.canceled_at <= asof else None
    ended = sub.ended_at if sub.ended_at and sub.ended_at <= asof else None
    return {
        "id": sub.subscription_id,
        "object": "subscription",
        "customer": sub.customer_id,
        "created": unix(sub.created_at),
        "start_date": unix(sub.created_at),
        "status": subscription_status(account, sub, asof),
        "currency": sub.currency.lower(),
        "current_period_start": unix(period[0]),
        "current_period_end": unix(period[1]),
        "cancel_at_period_end": canceled is not None and ended is None,
        "canceled_at": unix(canceled) if canceled else None,
        "ended_at": unix(ended) if ended else None,
        "trial_start": unix(sub.created_at) if sub.trial_end else None,
        "trial_end": unix(sub.trial_end) if sub.trial_end else None,
        "latest_invoice": invoices[-1].invoice_id if invoices else None,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{sub.subscription_id[4:]}",
                    "object": "subscription_item",
                    "price": price_record(price),
                    "quantity": quantity,
                }
            ],
        },
        "livemode": False,
        "metadata": {},
    }


def _previous_period(account: Account, inv: Invoice) -> tuple[datetime, datetime]:
    earlier = [i for i in account.invoices if i.subscription_id == inv.subscription_id and i.period_end == inv.period_start]
    return (earlier[-1].period_start, earlier[-1].period_end) if earlier else (inv.created_at, inv.created_at)


def invoice_record(account: Account, inv: Invoice, asof: datetime, previous: tuple[datetime, datetime] | None = None) -> Record:
    """`previous` is `_previous_period(account, inv)` when the caller already has it (it does not depend on `asof`)."""
    tried = [c for c in inv.charges if c.created_at <= asof]
    paid = inv.paid_at is not None and inv.paid_at <= asof
    uncollectible = inv.uncollectible_at is not None and inv.uncollectible_at <= asof
    if previous is None:
        previous = _previous_period(account, inv)  # Stripe's invoice-level period on a renewal is the previous one
    first = previous == (inv.created_at, inv.created_at)
    return {
        "id": inv.invoice_id,
        "object": "invoice",
        "customer": inv.customer_id,
        "subscription": inv.subscription_id,
        "billing_reason": "subscription_create" if first else "subscription_cycle",
        "created": unix(inv.created_at),
        "currency": inv.currency.lower(),
        "status": "paid" if paid else ("uncollectible" if uncollectible else "open"),
        "paid": paid,
        "amount_due": inv.amount_minor,
        "amount_paid": inv.amount_minor if paid else 0,
        "amount_remaining": 0 if paid else inv.amount_minor,
        "attempt_count": len(tried),
        "charge": tried[-1].charge_id if tried else None,
        "period_start": unix(previous[0]),
        "period_end": unix(previous[1]),
        "status_transitions": {"paid_at": unix(inv.paid_at) if paid else None, "finalized_at": unix(inv.created_at)},  # type: ignore[arg-type]
        "lines": {
            "object": "list",
            "has_more": False,
            "data": [
                {
                    "id": f"il_{inv.invoice_id[3:]}",
                    "object": "line_item",
                    "type": "subscription",
                    "amount": inv.amount_minor,
                    "currency": inv.currency.lower(),
                    "period": {"start": unix(inv.period_start), "end": unix(inv.period_end)},
                    "price": price_record(inv.price_id),
                    "quantity": inv.quantity,
                    "subscription": inv.subscription_id,
                }
            ],
        },
        "livemode": False,
    }


def refunded_minor(charge: Charge, asof: datetime) -> int:
    return sum(r.amount_minor for r in charge.refunds if r.created_at <= asof)


def charge_record(charge: Charge, asof: datetime) -> Record:
    refunded = refunded_minor(charge, asof)
    return {
        "id": charge.charge_id,
        "object": "charge",
        "amount": charge.amount_minor,
        "amount_captured": charge.amount_minor if charge.succeeded else 0,
        "amount_refunded": refunded,
        "balance_transaction": f"txn_{charge.charge_id[3:]}" if charge.succeeded else None,
        "currency": charge.currency.lower(),
        "customer": charge.customer_id,
        "invoice": charge.invoice_id,
        "created": unix(charge.created_at),
        "status": "succeeded" if charge.succeeded else "failed",
        "paid": charge.succeeded,
        "captured": charge.succeeded,
        "refunded": charge.succeeded and refunded == charge.amount_minor,
        "failure_code": None if charge.succeeded else "card_declined",
        "failure_message": None if charge.succeeded else "Your card was declined.",
        "livemode": False,
        "metadata": {},
    }


def refund_record(charge: Charge, refund: Refund) -> Record:
    return {
        "id": refund.refund_id,
        "object": "refund",
        "amount": refund.amount_minor,
        "charge": charge.charge_id,
        "currency": charge.currency.lower(),
        "created": unix(refund.created_at),
        "status": "succeeded",
        "balance_transaction": f"txn_{refund.refund_id[3:]}r",
        "reason": "requested_by_customer",
    }


def balance_records(charge: Charge, asof: datetime) -> list[Record]:
    out = []
    if charge.succeeded:
        out.append(
            _txn(
                f"txn_{charge.charge_id[3:]}",
                charge.amount_minor,
                charge.fee_minor,
                charge,
                charge.charge_id,
                "charge",
                charge.created_at,
            )
        )
    for refund in charge.refunds:
        if refund.created_at <= asof:
            out.append(
                _txn(
                    f"txn_{refund.refund_id[3:]}r", -refund.amount_minor, 0, charge, refund.refund_id, "refund", refund.created_at
                )
            )
    return out


def _txn(txn_id: str, amount: int, fee: int, charge: Charge, source: str, kind: str, at: datetime) -> Record:
    fee_details = [
        {"amount": fee, "currency": charge.currency.lower(), "type": "stripe_fee", "description": "Stripe processing fees"}
    ]
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": amount,
        "fee": fee,
        "net": amount - fee,
        "currency": charge.currency.lower(),
        "type": kind,
        "reporting_category": kind,
        "source": source,
        "status": "available",
        "created": unix(at),
        "available_on": unix(at + timedelta(days=2)),
        "fee_details": fee_details if fee else [],
    }


def event(event_id: str, kind: str, at: datetime, obj: Record, previous: dict[str, Any] | None = None) -> Record:
    data: dict[str, Any] = {"object": obj}
    if previous is not None:
        data["previous_attributes"] = previous
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": unix(at),
        "data": data,
        "api_version": "2024-06-20",
        "livemode": False,
    }


def _events(account: Account, asof: datetime) -> list[Record]:
    out: list[Record] = []

    def add(object_id: str, kind: str, at: datetime, render: Any, previous: dict[str, Any] | None = None) -> None:
        if at <= asof:
            out.append(event(f"evt_{object_id}_{kind.split('.')[-1]}_{unix(at)}", kind, at, render(at), previous))

    customer = account.customer
    if customer is not None:
        add(customer.customer_id, "customer.created", customer.created_at, lambda at: customer_record(customer, account.currency))
    for sub in account.subscriptions:

        def render_sub(at: datetime, sub: Subscription = sub) -> Record:
            return subscription_record(account, sub, at)

        add(sub.subscription_id, "customer.subscription.created", sub.created_at, render_sub)
        # renewals, plan changes, trial end, payment failures and recoveries, cancel requests
        changes = {since for _, _, since in sub.phases[1:]} | ({sub.trial_end} if sub.trial_end else set())
        for inv in account.invoices:
            if inv.subscription_id == sub.subscription_id:
                changes |= {c.created_at for c in inv.charges} | {inv.created_at}
        if sub.canceled_at is not None:
            changes.add(sub.canceled_at)
        for at in sorted(changes - {sub.ended_at, sub.created_at}):
            add(sub.subscription_id, "customer.subscription.updated", at, render_sub, {})
        if sub.ended_at is not None:
            add(sub.subscription_id, "customer.subscription.deleted", sub.ended_at, render_sub)
    for inv in account.invoices:

        def render_inv(
            at: datetime, inv: Invoice = inv, previous: tuple[datetime, datetime] = _previous_period(account, inv)
        ) -> Record:
            return invoice_record(account, inv, at, previous)

        add(inv.invoice_id, "invoice.created", inv.created_at, render_inv)
        if inv.paid_at is not None:
            add(inv.invoice_id, "invoice.paid", inv.paid_at, render_inv, {"status": "open", "paid": False})
        for failed in (c for c in inv.charges if not c.succeeded):
            add(inv.invoice_id, "invoice.payment_failed", failed.created_at, render_inv, {"attempt_count": 0})
        if inv.uncollectible_at is not None:
            add(inv.invoice_id, "invoice.marked_uncollectible", inv.uncollectible_at, render_inv, {"status": "open"})
        for charge in inv.charges:

            def render_charge(at: datetime, charge: Charge = charge) -> Record:
                return charge_record(charge, at)

            add(charge.charge_id, "charge.succeeded" if charge.succeeded else "charge.failed", charge.created_at, render_charge)
            for refund in charge.refunds:
                before = refunded_minor(charge, refund.created_at - timedelta(seconds=1))
                add(
                    refund.refund_id,
                    "charge.refunded",
                    refund.created_at,
                    render_charge,
                    {"amount_refunded": before, "refunded": False},
                )
    return out


def render_account(account: Account, asof: datetime, out: dict[str, list[Record]]) -> None:
    customer = account.customer
    if customer is None or customer.created_at > asof:
        return
    out["customers"].append(customer_record(customer, account.currency))
    out["subscriptions"] += [subscription_record(account, s, asof) for s in account.subscriptions if s.created_at <= asof]
    out["invoices"] += [invoice_record(account, i, asof) for i in account.invoices if i.created_at <= asof]
    for charge in account.charges():
        if charge.created_at <= asof:
            out["charges"].append(charge_record(charge, asof))
            out["refunds"] += [refund_record(charge, r) for r in charge.refunds if r.created_at <= asof]
            out["balance_transactions"] += balance_records(charge, asof)
    out["events"] += _events(account, asof)


def newest_first(rows: list[Record]) -> list[Record]:
    return sorted(rows, key=lambda r: (-r["created"], r["id"]))

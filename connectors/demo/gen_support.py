"""Customers ask for help: Zendesk users, tickets (replies, solves, reopens), ratings and Talk calls."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from connectors.demo.gen_activities import survey
from connectors.demo.gen_common import AGENT_IDS, FREE_MAIL, HORIZON
from connectors.demo.gen_model import Account, Contact, Rating, TalkCall, Ticket, ZendeskUser

CHANNELS = {"email": 40, "web": 30, "chat": 20, "api": 10}
PRIORITIES = {"urgent": 5, "high": 20, "normal": 55, "low": 15, None: 5}
TYPES = {"question": 45, "incident": 30, "problem": 10, "task": 15}
REPLY_HOURS = {"urgent": 0.4, "high": 1.5, "normal": 4.0, "low": 10.0, None: 6.0}
CALL_OUTCOMES = {
    "completed": 78,
    "abandoned_in_queue": 8,
    "abandoned_in_ivr": 4,
    "abandoned_on_hold": 3,
    "voicemail": 4,
    "callback_requested": 3,
}
ABANDONED = {"abandoned_in_queue", "abandoned_in_ivr", "abandoned_on_hold"}


def zendesk_user(rng: random.Random, account: Account, contact: Contact, at: datetime) -> ZendeskUser:
    for user in account.users:
        if user.contact_id == contact.contact_id:
            user.created_at = min(user.created_at, at)  # first seen by its earliest ticket or call
            return user
    email = contact.email.strip().lower()
    if rng.random() < 0.2:  # writes from the other address
        # a personal mailbox is one person's: two namesakes at two companies never share one
        local = f"{contact.work_email.split('@')[0]}.{contact.contact_id}"
        email = f"{local}@{rng.choice(FREE_MAIL)}" if email == contact.work_email else contact.work_email
    user = ZendeskUser(
        370_000_000 + account.index * 8 + len(account.users),
        f"{contact.first} {contact.last}",
        email,
        account.organization_id,
        at,
        contact.contact_id,
    )
    account.users.append(user)
    return user


def _pick(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def open_ticket(rng: random.Random, account: Account, user: ZendeskUser, created: datetime, channel: str | None = None) -> Ticket:
    priority = _pick(rng, PRIORITIES)
    ticket = Ticket(
        ticket_id=account.index * 64 + len(account.tickets) + 1,
        requester_id=user.user_id,
        organization_id=account.organization_id,
        created_at=created,
        channel=channel or str(_pick(rng, CHANNELS)),
        priority=priority,  # type: ignore[arg-type]
        ticket_type=str(_pick(rng, TYPES)),
        tags=["complaint"] if rng.random() < 0.08 else [],
        assignee_id=rng.choice(AGENT_IDS),
        first_reply_at=None,
    )
    account.tickets.append(ticket)
    mean = REPLY_HOURS[priority]  # type: ignore[index]
    reply_minutes = rng.lognormvariate(math.log(mean * 60), 0.9)
    if rng.random() < 0.93:
        ticket.first_reply_at = created + timedelta(seconds=int(reply_minutes * 60) + 1)
    if rng.random() < 0.93:
        minutes = math.ceil(reply_minutes + rng.lognormvariate(math.log(mean * 120), 1.0))
        solved = created + timedelta(minutes=max(1, minutes))
        ticket.solves.append(solved)
        if rng.random() < 0.08:
            reopened = solved + timedelta(seconds=rng.randrange(3600, 72 * 3600))
            ticket.reopens.append(reopened)
            ticket.solves.append(reopened + timedelta(seconds=rng.randrange(3600, 48 * 3600)))
        ticket.closed_at = ticket.solves[-1] + timedelta(days=4)
        _rate(rng, account, ticket)
    return ticket


def _rate(rng: random.Random, account: Account, ticket: Ticket) -> None:
    if rng.random() > 0.5:
        return
    offered = ticket.solves[0] + timedelta(hours=1)
    answered = rng.random() < 0.6
    account.ratings.append(
        Rating(
            390_000_000 + account.index * 64 + len(account.ratings),
            ticket.ticket_id,
            ticket.requester_id,
            ticket.assignee_id,
            offered,
            ("good" if rng.random() < 0.8 else "bad") if answered else "offered",
            offered + timedelta(seconds=rng.randrange(600, 48 * 3600)) if answered else None,
        )
    )


def place_call(
    rng: random.Random, account: Account, user: ZendeskUser | None, at: datetime, calls: list[TalkCall], base: int
) -> TalkCall:
    inbound = rng.random() < 0.92
    status = str(_pick(rng, CALL_OUTCOMES)) if inbound else "completed"
    answered = status == "completed"
    call = TalkCall(
        call_id=base + len(calls),
        created_at=at,
        direction="inbound" if inbound else "outbound",
        completion_status=status,
        customer_id=user.user_id if user else None,
        agent_id=rng.choice(AGENT_IDS) if answered else None,
        wait_time=rng.randrange(5, 600),
        hold_time=rng.randrange(0, 300) if answered and rng.random() < 0.3 else 0,
        talk_time=rng.randrange(60, 1200) if answered else 0,
        wrap_up_time=rng.randrange(10, 180) if answered else 0,
        callback=status == "callback_requested",
    )
    calls.append(call)
    return call


def support_life(rng: random.Random, account: Account, start: datetime, end: datetime) -> None:
    """Tickets, calls and surveys from a customer between `start` and `end`."""
    end = min(end, HORIZON)
    people = [c for c in account.contacts if c.merged_into is None]
    account.organization_id = 360_000_000 + account.index
    moment = start
    while len(account.tickets) < 56:
        moment += timedelta(seconds=int(rng.expovariate(0.32 / (30 * 86400))) + 60)
        if moment >= end:
            break
        contact = rng.choice(people)
        ticket = open_ticket(rng, account, zendesk_user(rng, account, contact, moment), moment)
        if ticket.solves and rng.random() < 0.1:
            survey(
                rng, account, contact.contact_id, "CES" if rng.random() < 0.75 else "CSAT", ticket.solves[0] + timedelta(hours=3)
            )
    moment, base = start, 380_000_000_000 + account.index * 128
    while len(account.calls) < 100:
        moment += timedelta(seconds=int(rng.expovariate(0.5 / (30 * 86400))) + 60)
        if moment >= end:
            break
        user = zendesk_user(rng, account, rng.choice(people), moment)
        call = place_call(rng, account, user, moment, account.calls, base)
        if call.direction == "inbound" and rng.random() < 0.15:  # calls again within the week
            place_call(rng, account, user, moment + timedelta(seconds=rng.randrange(3600, 7 * 86400)), account.calls, base)
        if call.completion_status == "completed" and call.direction == "inbound" and rng.random() < 0.35:
            at = moment + timedelta(seconds=call.wait_time + call.talk_time + call.hold_time)
            call.ticket_id = open_ticket(rng, account, user, at, "voice").ticket_id
    moment = start
    while True:
        moment += timedelta(days=90)
        if moment >= end:
            break
        if rng.random() < 0.4:
            survey(rng, account, rng.choice(people).contact_id, "NPS", moment + timedelta(seconds=rng.randrange(30 * 86400)))

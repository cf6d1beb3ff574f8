"""Marketing touches: campaign emails, form submissions, website sessions and list memberships."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from connectors.demo.gen_common import HORIZON, WORLD_START, moment_between
from connectors.demo.gen_globals import FORMS, LISTS, Campaign, Globals
from connectors.demo.gen_model import Account, Contact, EmailEvent, FormSubmission, ListMembership, WebSession

SESSION_SOURCES = {"ORGANIC_SEARCH": "organic", "PAID_SEARCH": "paid", "EMAIL_MARKETING": "email", "REFERRALS": "referral"}


def _event(account: Account, campaign: str, email: str, kind: str, at: datetime) -> None:
    event_id = f"ee-{account.index}-{len(account.email_events)}"
    account.email_events.append(EmailEvent(event_id, campaign, email, kind, at))


def _send(rng: random.Random, account: Account, campaign: Campaign, contact: Contact, sent: datetime) -> None:
    _event(account, campaign.campaign_id, contact.email, "sent", sent)
    if rng.random() < 0.04:
        _event(account, campaign.campaign_id, contact.email, "bounce", sent + timedelta(seconds=30))
        return
    _event(account, campaign.campaign_id, contact.email, "delivered", sent + timedelta(seconds=20))
    if rng.random() < 0.45:
        opened = sent + timedelta(seconds=rng.randrange(300, 3 * 86400))
        _event(account, campaign.campaign_id, contact.email, "open", opened)
        if rng.random() < 0.35:
            for k in range(rng.choice([1, 1, 2])):
                _event(account, campaign.campaign_id, contact.email, "click", opened + timedelta(seconds=60 + k * 900))
    if rng.random() < 0.02:
        _event(account, campaign.campaign_id, contact.email, "unsubscribe", sent + timedelta(days=1))


def _form(account: Account, contact: Contact, form: str, campaign: str | None, at: datetime) -> None:
    submission_id = f"fs-{account.index}-{len(account.forms)}"
    url = f"https://www.demo-crm.example/{form.removeprefix('form_').replace('_', '-')}"
    account.forms.append(FormSubmission(submission_id, form, campaign, contact.email, at, url))


def _session(account: Account, contact: Contact | None, visitor: str, at: datetime, rng: random.Random, goal: bool) -> None:
    account.sessions.append(
        WebSession(
            f"ws-{account.index}-{len(account.sessions)}",
            visitor,
            contact.email if contact is not None and goal else None,
            at,
            rng.randrange(10, 1500),
            rng.randrange(1, 12),
            goal,
            SESSION_SOURCES.get(account.source, "direct"),
        )
    )


def marketing_life(rng: random.Random, account: Account, world: Globals, customer_since: datetime | None) -> None:
    people = [c for c in account.contacts if c.merged_into is None]
    first = people[0]
    lead = first.created_at
    if account.origin == "campaign" and account.campaign_id:
        campaign = next(c for c in world.campaigns if c.campaign_id == account.campaign_id)
        sent = max(campaign.start, lead - timedelta(days=2))
        _event(account, campaign.campaign_id, first.email, "sent", sent)
        _event(account, campaign.campaign_id, first.email, "delivered", sent + timedelta(seconds=20))
        _event(
            account, campaign.campaign_id, first.email, "open", max(sent + timedelta(seconds=40), lead - timedelta(minutes=20))
        )
        _event(
            account, campaign.campaign_id, first.email, "click", max(sent + timedelta(seconds=50), lead - timedelta(minutes=10))
        )
        _form(account, first, FORMS[0], campaign.campaign_id, lead)
    elif account.origin == "form":
        _form(account, first, rng.choice(FORMS), None, lead)
    for contact in people:
        for k in range(rng.randrange(0, 3)):  # anonymous browsing before they were known
            _session(
                account,
                contact,
                contact.visitor_id,
                contact.created_at - timedelta(days=k + 1, seconds=rng.randrange(86400)),
                rng,
                False,
            )
        submitted = contact is first and account.origin in ("campaign", "form")
        if contact is not first and rng.random() < 0.2:
            _form(account, contact, rng.choice(FORMS), None, contact.created_at)
            submitted = True
        _session(account, contact, contact.visitor_id, contact.created_at - timedelta(minutes=3), rng, submitted)
        if rng.random() < 0.5:
            ended = contact.created_at + timedelta(days=rng.randrange(20, 500)) if rng.random() < 0.15 else None
            account.memberships.append(_membership(LISTS[0], contact.email, contact.created_at, ended))
        if customer_since is not None and rng.random() < 0.3:
            account.memberships.append(_membership(LISTS[1], contact.email, customer_since + timedelta(days=1), None))
    for campaign in world.campaigns:
        audience = "customers" if customer_since is not None and customer_since < campaign.start else "prospects"
        if campaign.audience != audience or campaign.campaign_id == account.campaign_id:
            continue
        for contact in people:
            if contact.created_at < campaign.start and rng.random() < 0.3:
                _send(rng, account, campaign, contact, campaign.start + timedelta(seconds=rng.randrange(5 * 86400)))


def _membership(list_id: str, email: str, start: datetime, end: datetime | None) -> ListMembership:
    return ListMembership(list_id, email, start, end)


def anonymous_sessions(rng: random.Random, chunk: int, accounts: int) -> list[WebSession]:
    holder = Account(-1, "", "", "", "USD", WORLD_START, "DIRECT_TRAFFIC", "other", None, "")
    for n in range(accounts * 6):
        visitor = f"a-{chunk}-{n // 3}"
        _session(holder, None, visitor, moment_between(rng, WORLD_START, HORIZON), rng, False)
    for i, session in enumerate(holder.sessions):
        session.session_id = f"ws-anon-{chunk}-{i}"
    return holder.sessions

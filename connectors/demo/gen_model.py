"""The event log: what really happened in the demo business, before any vendor renders it.

Every record the emulator serves and every ground-truth value is derived from these dataclasses.
Times are UTC datetimes; money is a Decimal in major units of the record's currency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class Contact:
    contact_id: str
    first: str
    last: str
    email: str  # the address the CRM holds (work or personal)
    work_email: str
    created_at: datetime
    source: str
    lead_at: datetime | None  # None: a subscriber who never became a lead
    lead_date_set: bool  # False: the CRM has no hs_lifecyclestage_lead_date (imported contact)
    merged_into: str | None = None  # a merged-away duplicate: archived from merged_at on
    merged_at: datetime | None = None
    visitor_id: str = ""


@dataclass
class Deal:
    deal_id: str
    pipeline: str
    owner_id: str
    created_at: datetime
    currency: str
    contact_ids: list[str]
    source: str
    stages: list[tuple[str, datetime]] = field(default_factory=list)  # (stage id, entered at)
    amounts: list[tuple[Decimal | None, datetime]] = field(default_factory=list)
    close_dates: list[tuple[datetime, datetime]] = field(default_factory=list)  # (expected close, set at)
    forecast_probability: Decimal | None = None
    lost_reason: str | None = None
    product: str = ""


@dataclass
class Activity:
    kind: str  # call | email | meeting | task
    activity_id: str
    owner_id: str
    at: datetime  # hs_timestamp: when it happened (meetings: start; tasks: due)
    created_at: datetime
    deal_id: str
    contact_id: str
    duration_ms: int = 0
    disposition: str = ""  # calls: outcome name (connected, no_answer, ...)
    direction: str = ""  # emails: EMAIL (outgoing) | INCOMING_EMAIL
    outcome: str = ""  # meetings: COMPLETED | NO_SHOW | CANCELED | RESCHEDULED
    completed_at: datetime | None = None  # tasks


@dataclass
class Refund:
    refund_id: str
    amount_minor: int
    created_at: datetime


@dataclass
class Charge:
    charge_id: str
    customer_id: str
    invoice_id: str | None
    created_at: datetime
    currency: str
    amount_minor: int
    succeeded: bool
    fee_minor: int = 0
    refunds: list[Refund] = field(default_factory=list)


@dataclass
class Invoice:
    invoice_id: str
    subscription_id: str
    customer_id: str
    created_at: datetime
    period_start: datetime
    period_end: datetime
    price_id: str
    product_id: str
    quantity: int
    currency: str
    amount_minor: int
    charges: list[Charge] = field(default_factory=list)
    paid_at: datetime | None = None
    uncollectible_at: datetime | None = None


@dataclass
class Subscription:
    subscription_id: str
    customer_id: str
    created_at: datetime
    interval: str  # month | year
    currency: str
    phases: list[tuple[str, int, datetime]] = field(default_factory=list)  # (price id, quantity, from)
    trial_end: datetime | None = None
    canceled_at: datetime | None = None  # when cancelling was asked
    ended_at: datetime | None = None
    active_from: datetime | None = None  # trial end, or the first paid invoice; None: never counted


@dataclass
class StripeCustomer:
    customer_id: str
    created_at: datetime
    email: str
    name: str
    metadata: dict[str, str]


@dataclass
class Ticket:
    ticket_id: int
    requester_id: int
    organization_id: int | None
    created_at: datetime
    channel: str
    priority: str | None
    ticket_type: str
    tags: list[str]
    assignee_id: int
    first_reply_at: datetime | None
    solves: list[datetime] = field(default_factory=list)  # first solve is on a whole minute after creation
    reopens: list[datetime] = field(default_factory=list)
    closed_at: datetime | None = None


@dataclass
class Rating:
    rating_id: int
    ticket_id: int
    requester_id: int
    assignee_id: int
    offered_at: datetime
    score: str  # good | bad | offered (never answered)
    answered_at: datetime | None


@dataclass
class TalkCall:
    call_id: int
    created_at: datetime
    direction: str  # inbound | outbound
    completion_status: str
    customer_id: int | None
    agent_id: int | None
    wait_time: int
    hold_time: int
    talk_time: int
    wrap_up_time: int
    callback: bool
    ticket_id: int | None = None


@dataclass
class ZendeskUser:
    user_id: int
    name: str
    email: str
    organization_id: int | None
    created_at: datetime
    contact_id: str


@dataclass
class Survey:
    survey_id: str
    contact_id: str
    survey_type: str  # NPS | CES | CSAT
    value: int
    at: datetime


@dataclass
class EmailEvent:
    event_id: str
    campaign_id: str
    email: str
    event_type: str
    at: datetime


@dataclass
class FormSubmission:
    submission_id: str
    form_id: str
    campaign_id: str | None
    email: str
    at: datetime
    page_url: str
    duplicate_of: str | None = None


@dataclass
class WebSession:
    session_id: str
    visitor_id: str
    email: str | None
    started_at: datetime
    duration_seconds: int
    page_views: int
    goal_completed: bool
    source: str


@dataclass
class ListMembership:
    list_id: str
    email: str
    subscribed_at: datetime
    unsubscribed_at: datetime | None


@dataclass
class Account:
    """One real customer (or prospect): a company, its people and everything they did."""

    index: int
    company_id: str
    name: str
    domain: str
    currency: str
    created_at: datetime
    source: str
    origin: str  # campaign | form | referral | other
    campaign_id: str | None
    owner_id: str
    contacts: list[Contact] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    customer: StripeCustomer | None = None
    subscriptions: list[Subscription] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    loose_charges: list[Charge] = field(default_factory=list)
    organization_id: int | None = None
    users: list[ZendeskUser] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    calls: list[TalkCall] = field(default_factory=list)
    surveys: list[Survey] = field(default_factory=list)
    email_events: list[EmailEvent] = field(default_factory=list)
    forms: list[FormSubmission] = field(default_factory=list)
    sessions: list[WebSession] = field(default_factory=list)
    memberships: list[ListMembership] = field(default_factory=list)

    def charges(self) -> list[Charge]:
        return [c for inv in self.invoices for c in inv.charges] + self.loose_charges


@dataclass
class Chunk:
    """A block of accounts simulated together, plus the unknown callers and anonymous visitors."""

    index: int
    accounts: list[Account]
    anonymous_calls: list[TalkCall] = field(default_factory=list)
    anonymous_sessions: list[WebSession] = field(default_factory=list)

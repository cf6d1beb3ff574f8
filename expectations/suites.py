"""One suite per raw entity, keyed by the column names dlt lands. Every rule has a severity and a reason.

`error` blocks the night (nothing is published); `warn` quarantines the failing rows and lets the
night go on. Either way the failing rows are kept, with their reason, out of what dbt reads.

Entities are "<source>.<table>"; file drops are "files.<folder>" (e.g. "files.marketing/campaigns",
landed as raw_files.marketing__campaigns). A column an entity does not have (yet) is reported, never
a crash: an `error` rule on it fails every row, a `warn` rule is skipped with a note.
"""

from __future__ import annotations

from dlt.common.normalizers.naming.snake_case import NamingConvention

from expectations.rules import (
    Rule,
    currency,
    duplicate_submission,
    email,
    known_stage,
    not_negative,
    reference,
    required,
    score_range,
    timestamp,
    unique,
)

HUBSPOT_OWNERS = "hubspot.owners"


def _key(*cols: str) -> list[Rule]:
    return [unique(*cols), *(required(c) for c in cols)]


def _hubspot_object(*rules: Rule | list[Rule]) -> list[Rule]:
    """Every CRM object has an id and createdAt; `properties__*` are the requested properties."""
    return [*_key("id"), *timestamp("created_at", is_required=True), *_flat(rules)]


def _flat(rules: tuple[Rule | list[Rule], ...]) -> list[Rule]:
    return [r for item in rules for r in (item if isinstance(item, list) else [item])]


def _stripe_object(*rules: Rule | list[Rule]) -> list[Rule]:
    """Every Stripe object has an id and `created` (unix seconds)."""
    return [*_key("id"), *timestamp("created", is_required=True), *_flat(rules)]


HUBSPOT: dict[str, list[Rule]] = {
    "hubspot.pipelines": _key("id"),
    "hubspot.owners": [*_key("id"), email("email")],
    "hubspot.companies": _hubspot_object(),
    "hubspot.contacts": _hubspot_object(email("properties__email"), timestamp("properties__createdate")),
    "hubspot.deals": _hubspot_object(
        *timestamp("properties__createdate", is_required=True),
        required("properties__pipeline"),
        not_negative("properties__amount"),
        currency("properties__deal_currency_code"),
        reference("properties__hubspot_owner_id", HUBSPOT_OWNERS, "deal owner"),
        known_stage("properties__dealstage", "properties__pipeline", "hubspot.pipelines", "hubspot.pipelines__stages"),
    ),
    "hubspot.calls": _hubspot_object(
        timestamp("properties__hs_timestamp"),
        not_negative("properties__hs_call_duration"),
        reference("properties__hubspot_owner_id", HUBSPOT_OWNERS, "call owner"),
    ),
    "hubspot.emails": _hubspot_object(timestamp("properties__hs_timestamp")),
    "hubspot.meetings": _hubspot_object(timestamp("properties__hs_meeting_start_time", scheduled=True)),
    "hubspot.tasks": _hubspot_object(timestamp("properties__hs_timestamp", scheduled=True)),
    "hubspot.feedback_submissions": _hubspot_object(
        timestamp("properties__hs_submission_timestamp"),
        score_range("properties__hs_survey_type", "NPS", "properties__hs_response_value", 0, 10),
        score_range("properties__hs_survey_type", "CES", "properties__hs_response_value", 1, 7),
    ),
}

STRIPE: dict[str, list[Rule]] = {
    "stripe.customers": _stripe_object(email("email")),
    "stripe.products": _stripe_object(),
    "stripe.prices": _stripe_object(not_negative("unit_amount"), currency("currency")),
    "stripe.charges": _stripe_object(
        required("currency"),
        not_negative("amount"),
        currency("currency"),
        reference("customer", "stripe.customers", "charge customer"),
    ),
    "stripe.refunds": _stripe_object(not_negative("amount"), currency("currency")),
    "stripe.invoices": _stripe_object(not_negative("amount_due"), not_negative("amount_paid"), currency("currency")),
    "stripe.subscriptions": _stripe_object(),
    # balance transactions are signed by nature (fees, refunds): no sign rule
    "stripe.balance_transactions": _stripe_object(currency("currency")),
    "stripe.events": _stripe_object(),
}

ZENDESK: dict[str, list[Rule]] = {
    "zendesk.tickets": [
        *_key("id"),
        *timestamp("created_at", is_required=True),
        reference("requester_id", "zendesk.users", "ticket requester"),
    ],
    "zendesk.ticket_events": [*_key("id"), *timestamp("created_at")],
    "zendesk.users": [*_key("id"), *timestamp("created_at"), email("email")],
    "zendesk.organizations": [*_key("id"), *timestamp("created_at")],
    "zendesk.satisfaction_ratings": [*_key("id"), *timestamp("created_at")],
    "zendesk.sla_policies": _key("id"),
    "zendesk.talk_calls": [
        *_key("id"),
        *timestamp("created_at"),
        not_negative("duration"),
        reference("agent_id", "zendesk.users", "call agent"),
    ],
}

# File drops: columns fixed by sources.md, every value text. The files connector lands each folder as
# raw_files.<folder with / as __> with `id` = the folder's natural key (its columns joined with |).
FILES: dict[str, list[Rule]] = {
    "files.marketing/campaigns": [*_key("id"), required("campaign_id"), *timestamp("start_date", scheduled=True)],
    "files.marketing/campaign_costs": [
        *_key("id"),
        required("campaign_id"),
        *timestamp("spend_date"),
        not_negative("amount"),
        currency("currency"),
    ],
    "files.marketing/email_events": [*_key("id"), required("event_id"), email("contact_email"), *timestamp("occurred_at")],
    "files.marketing/form_submissions": [
        *_key("id"),
        required("submission_id"),
        email("contact_email"),
        *timestamp("submitted_at"),
        duplicate_submission("submission_id", "contact_email", "form_id", "submitted_at"),
    ],
    "files.marketing/web_sessions": [
        *_key("id"),
        required("session_id"),
        email("contact_email"),
        *timestamp("started_at"),
        not_negative("duration_seconds"),
        not_negative("page_views"),
    ],
    "files.marketing/list_memberships": [*_key("id"), email("contact_email"), *timestamp("subscribed_at")],
    "files.crm/goals": [*_key("id"), not_negative("goal_amount"), currency("currency")],
    "files.finance/support_costs": [*_key("id"), not_negative("amount"), currency("currency")],
    "files.finance/fx_rates": [*_key("id"), not_negative("rate")],
}

SUITES: dict[str, list[Rule]] = HUBSPOT | STRIPE | ZENDESK | FILES


def rules_for(entity: str) -> list[Rule]:
    """The entity's suite, by name or by raw table ("files.marketing__campaigns" is "files.marketing/campaigns");
    an entity without its own suite still gets the primary-key rules."""
    if entity in SUITES:
        return SUITES[entity]
    by_table = {(source_of(name), table_name(name)): rules for name, rules in SUITES.items()}
    return by_table.get((source_of(entity), table_name(entity)), _key("id"))


def suite_entity(entity: str) -> str:
    """The suite's own name for an entity, whichever way it was spelled."""
    wanted = (source_of(entity), table_name(entity))
    return next((name for name in SUITES if (source_of(name), table_name(name)) == wanted), entity)


def table_name(entity: str) -> str:
    """The raw table of an entity: "files.marketing/campaigns" -> "marketing__campaigns" (the files
    connector's name), "hubspot.pipelines__stages" -> "pipelines__stages" (dlt's child table)."""
    naming = NamingConvention()
    return "__".join(naming.normalize_table_identifier(part) for part in entity.split(".", 1)[1].replace("/", "__").split("__"))


def source_of(entity: str) -> str:
    return entity.split(".", 1)[0]

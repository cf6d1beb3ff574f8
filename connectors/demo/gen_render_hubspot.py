"""HubSpot CRM v3 records, rendered from the event log as they stood at an instant `asof`."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from connectors.demo.gen_activities import CALL_DISPOSITIONS
from connectors.demo.gen_common import LOST_STAGE, OWNER_IDS, OWNER_NAMES, PIPELINES, STAGE_PROBABILITY, WON_STAGE
from connectors.demo.gen_model import Account, Activity, Contact, Deal, Survey
from connectors.demo.world import Record, iso_z


def ms(moment: datetime) -> str:
    return iso_z(moment, millis=True)


def pipeline_records() -> list[Record]:
    return [
        {
            "id": p["id"],
            "label": p["label"],
            "displayOrder": i,
            "archived": False,
            "stages": [
                {
                    "id": sid,
                    "label": label,
                    "displayOrder": j,
                    "archived": False,
                    "metadata": {"probability": str(prob), "isClosed": str(closed).lower()},
                }
                for j, (sid, label, prob, closed) in enumerate(p["stages"])
            ],
        }
        for i, p in enumerate(PIPELINES)
    ]


def owner_records() -> list[Record]:
    return [
        {
            "id": owner_id,
            "firstName": name.split()[0],
            "lastName": name.split()[1],
            "email": f"{name.split()[0].lower()}@demo-crm.example",
            "userId": 5001 + i,
            "archived": False,
        }
        for i, (owner_id, name) in enumerate(zip(OWNER_IDS, OWNER_NAMES, strict=True))
    ]


def _upto(entries: list[tuple[Any, datetime]], asof: datetime) -> list[tuple[Any, datetime]]:
    return [(v, t) for v, t in entries if t <= asof]


def _history(entries: list[tuple[str | None, datetime]]) -> list[Record]:
    return [{"value": v, "timestamp": ms(t), "sourceType": "CRM_UI"} for v, t in reversed(entries)]


def _assoc(kind: str, ids: list[str], label: str) -> dict[str, Any]:
    return {kind: {"results": [{"id": i, "type": label} for i in ids]}}


def _object(object_id: str, props: dict[str, str | None], created: datetime, updated: datetime, **extra: Any) -> Record:
    props = {**props, "hs_object_id": object_id, "createdate": ms(created), "hs_lastmodifieddate": ms(updated)}
    record: Record = {"id": object_id, "properties": props, "createdAt": ms(created), "updatedAt": ms(updated), "archived": False}
    record.update(extra)
    return record


def first_won_at(account: Account) -> datetime | None:
    wins = [t for d in account.deals for s, t in d.stages if s == WON_STAGE[d.pipeline]]
    return min(wins) if wins else None


def lifecycle(account: Account, contact: Contact) -> list[tuple[str, datetime]]:
    """The contact's lifecycle stage changes: subscriber/lead → opportunity → customer."""
    steps = [("lead" if contact.lead_at is not None else "subscriber", contact.created_at)]
    opened = [d.created_at for d in account.deals if contact.contact_id in d.contact_ids]
    if opened and contact.lead_at is not None:
        steps.append(("opportunity", max(min(opened), contact.created_at)))
    won = first_won_at(account)
    if won is not None and contact.lead_at is not None:
        became = max(won, contact.created_at)
        steps = [s for s in steps if s[1] < became or s[0] != "opportunity"] + [("customer", became)]
    return steps


def company_record(account: Account) -> Record:
    props: dict[str, str | None] = {"name": account.name, "domain": account.domain, "hs_analytics_source": account.source}
    return _object(account.company_id, props, account.created_at, account.created_at)


def contact_record(account: Account, contact: Contact, asof: datetime) -> Record:
    stages = _upto(lifecycle(account, contact), asof)  # type: ignore[arg-type]
    merged = [c for c in account.contacts if c.merged_into == contact.contact_id and c.merged_at and c.merged_at <= asof]
    archived = contact.merged_at is not None and contact.merged_at <= asof
    changes = [t for _, t in stages] + [c.merged_at for c in merged if c.merged_at] + ([contact.merged_at] if archived else [])
    updated = max(changes)  # type: ignore[type-var]
    lead_date = contact.lead_at if contact.lead_date_set and contact.lead_at and contact.lead_at <= asof else None
    props = {
        "email": contact.email,
        "firstname": contact.first,
        "lastname": contact.last,
        "lifecyclestage": stages[-1][0],
        "hs_lifecyclestage_lead_date": ms(lead_date) if lead_date else None,
        "hs_analytics_source": contact.source,
        "associatedcompanyid": account.company_id,
        "hs_merged_object_ids": ";".join(c.contact_id for c in merged) or None,
        "lastmodifieddate": ms(updated),
    }
    record = _object(contact.contact_id, props, contact.created_at, updated, archived=archived)
    record["propertiesWithHistory"] = {"lifecyclestage": _history(stages)}
    record["associations"] = _assoc("companies", [account.company_id], "contact_to_company")
    if archived:
        record["archivedAt"] = ms(contact.merged_at)  # type: ignore[arg-type]
    return record


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def deal_record(account: Account, deal: Deal, asof: datetime) -> Record:
    stages = _upto(deal.stages, asof)
    amounts = [(_amount(a), t) for a, t in _upto(deal.amounts, asof)]  # type: ignore[arg-type]
    closes = [(ms(c), t) for c, t in _upto(deal.close_dates, asof)]
    stage = stages[-1][0]
    updated = max(t for _, t in stages + amounts + closes)  # type: ignore[operator]
    props = {
        "dealname": f"{account.name} - {deal.pipeline} {deal.deal_id[-4:]}",
        "amount": amounts[-1][0],
        "deal_currency_code": deal.currency,
        "dealstage": stage,
        "pipeline": deal.pipeline,
        "closedate": closes[-1][0],
        "hubspot_owner_id": deal.owner_id,
        "hs_deal_stage_probability": str(STAGE_PROBABILITY.get(stage, Decimal(0))),
        "hs_forecast_probability": str(deal.forecast_probability) if deal.forecast_probability is not None else None,
        "closed_lost_reason": deal.lost_reason if stage == LOST_STAGE[deal.pipeline] else None,
        "hs_analytics_source": deal.source,
    }
    record = _object(deal.deal_id, props, deal.created_at, updated)
    record["propertiesWithHistory"] = {
        "dealstage": _history(stages),
        "amount": _history(amounts),  # type: ignore[arg-type]
        "closedate": _history(closes),  # type: ignore[arg-type]
    }
    record["associations"] = {
        **_assoc("contacts", deal.contact_ids, "deal_to_contact"),
        **_assoc("companies", [account.company_id], "deal_to_company"),
    }
    return record


def activity_record(activity: Activity, asof: datetime) -> Record:
    props: dict[str, str | None] = {"hs_timestamp": ms(activity.at), "hubspot_owner_id": activity.owner_id}
    updated = activity.created_at
    if activity.kind == "call":
        props |= {
            "hs_call_direction": "OUTBOUND",
            "hs_call_duration": str(activity.duration_ms),
            "hs_call_disposition": CALL_DISPOSITIONS[activity.disposition],
            "hs_call_status": "COMPLETED",
            "hs_call_title": "Sales call",
        }
    elif activity.kind == "email":
        props |= {"hs_email_direction": activity.direction, "hs_email_subject": "Following up"}
    elif activity.kind == "meeting":
        end = activity.at + timedelta(milliseconds=activity.duration_ms)
        done = end <= asof
        props |= {
            "hs_meeting_title": "Demo call",
            "hs_meeting_start_time": ms(activity.at),
            "hs_meeting_end_time": ms(end),
            "hs_meeting_outcome": activity.outcome if done else "SCHEDULED",
        }
        updated = end if done else updated
    else:
        done = activity.completed_at is not None and activity.completed_at <= asof
        props |= {
            "hs_task_subject": "Send the follow-up",
            "hs_task_type": "TODO",
            "hs_task_status": "COMPLETED" if done else "NOT_STARTED",
            "hs_task_completion_date": ms(activity.completed_at) if done else None,  # type: ignore[arg-type]
        }
        updated = activity.completed_at if done else updated  # type: ignore[assignment]
    record = _object(activity.activity_id, props, activity.created_at, updated)
    record["associations"] = {
        **_assoc("deals", [activity.deal_id], f"{activity.kind}_to_deal"),
        **_assoc("contacts", [activity.contact_id], f"{activity.kind}_to_contact"),
    }
    return record


def survey_record(item: Survey) -> Record:
    props: dict[str, str | None] = {
        "hs_survey_type": item.survey_type,
        "hs_response_value": str(item.value),
        "hs_submission_timestamp": ms(item.at),
        "hs_survey_channel": "EMAIL",
    }
    record = _object(item.survey_id, props, item.at, item.at)
    record["associations"] = _assoc("contacts", [item.contact_id], "feedback_submission_to_contact")
    return record


def render_account(account: Account, asof: datetime, out: dict[str, list[Record]]) -> None:
    if account.created_at > asof:
        return
    out["companies"].append(company_record(account))
    out["contacts"] += [contact_record(account, c, asof) for c in account.contacts if c.created_at <= asof]
    out["deals"] += [deal_record(account, d, asof) for d in account.deals if d.created_at <= asof]
    for activity in account.activities:
        if activity.created_at <= asof:
            out[f"{activity.kind}s"].append(activity_record(activity, asof))
    out["feedback_submissions"] += [survey_record(s) for s in account.surveys if s.at <= asof]


HUBSPOT_OBJECTS = ("companies", "contacts", "deals", "calls", "emails", "meetings", "tasks", "feedback_submissions")

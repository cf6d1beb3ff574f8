"""Injected defects at configurable rates, each listed in the manifest.

A record is picked for a defect by a hash of (seed, kind, id), so the choice is stable from night
to night and `rate` is the expected share of the entity's records. How the ground truth keeps each
kind out (as the catalog's audit would, a quarantined row never counts):
- duplicate_form_submission: an extra copy of a submission (same email and form, 1-9 minutes
  later, new submission id). The truth counts the original only (duplicates are collapsed).
- invalid_email: an extra junk contact whose email is malformed; not in the event log, so it is
  never a lead (the audit quarantines it).
- negative_amount: an extra charge with a negative amount (copy of a real one, new id); never revenue.
- orphan_reference: an extra deal owned by an owner that does not exist, and an extra charge for a
  customer that does not exist; neither is in the event log.
- future_date: an extra ticket created after the last night's clock + 1 day; never counted.
- unknown_stage: an extra deal whose stage history holds a stage id no pipeline defines.
- repeated_across_pages: a real record the emulator should serve twice on consecutive pages;
  counted once (the connector dedupes by id).
"""

from __future__ import annotations

import copy
import zlib
from datetime import datetime, timedelta
from typing import Any

from connectors.demo.gen_common import HORIZON
from connectors.demo.world import Record, iso_z

DEFAULT_DEFECT_RATES: dict[str, float] = {
    "duplicate_form_submission": 0.03,
    "invalid_email": 0.01,
    "negative_amount": 0.005,
    "orphan_reference": 0.005,
    "future_date": 0.005,
    "unknown_stage": 0.005,
    "repeated_across_pages": 0.01,
}
# kind -> the entities whose records it is drawn from (the rate applies per entity).
DEFECT_ENTITIES = {
    "duplicate_form_submission": ["files.marketing/form_submissions"],
    "invalid_email": ["hubspot.contacts"],
    "negative_amount": ["stripe.charges"],
    "orphan_reference": ["hubspot.deals", "stripe.charges"],
    "future_date": ["zendesk.tickets"],
    "unknown_stage": ["hubspot.deals"],
    "repeated_across_pages": ["hubspot.deals", "stripe.charges", "zendesk.tickets"],
}


def picked(seed: int, kind: str, record_id: Any, rate: float) -> bool:
    return rate > 0 and zlib.crc32(f"{seed}:{kind}:{record_id}".encode()) / 2**32 < rate


def _rows(systems: dict[str, dict[str, list[Record]]], entity: str) -> list[Record]:
    system, name = entity.split(".", 1)
    return systems[system][name]


def inject(seed: int, rates: dict[str, float], systems: dict[str, dict[str, list[Record]]]) -> list[dict[str, Any]]:
    """Add defective records to one chunk's rendered records; return their manifest entries."""
    manifest: list[dict[str, Any]] = []
    clean = {entity: list(_rows(systems, entity)) for entities in DEFECT_ENTITIES.values() for entity in entities}
    for kind, entities in DEFECT_ENTITIES.items():
        rate = rates.get(kind, 0.0)
        for entity in entities:
            rows = _rows(systems, entity)
            key = "submission_id" if entity.startswith("files.") else "id"
            chosen = [r for r in clean[entity] if picked(seed, f"{kind}:{entity}", r[key], rate)]
            for row in chosen:
                manifest.append(_apply(kind, entity, row, rows))
    return manifest


def _apply(kind: str, entity: str, row: Record, rows: list[Record]) -> dict[str, Any]:
    if kind == "repeated_across_pages":
        return {"kind": kind, "entity": entity, "id": row["id"], "detail": "serve this record again on the next page"}
    twin = copy.deepcopy(row)
    if kind == "duplicate_form_submission":
        twin["submission_id"] = f"{row['submission_id']}-dup"
        twin["submitted_at"] = iso_z(
            _parse(row["submitted_at"]) + timedelta(minutes=1 + zlib.crc32(row["submission_id"].encode()) % 9)
        )
        rows.append(twin)
        return {"kind": kind, "entity": entity, "id": twin["submission_id"], "detail": f"duplicate of {row['submission_id']}"}
    if kind == "invalid_email":
        twin["id"] = twin["properties"]["hs_object_id"] = f"{row['id']}9"
        twin["properties"]["email"] = twin["properties"]["email"].split("@")[0] + " at example"
        twin.pop("propertiesWithHistory", None)
    elif kind == "negative_amount":
        twin["id"] = f"{row['id']}neg"
        twin["amount"] = -abs(row["amount"])
    elif kind == "orphan_reference" and entity == "hubspot.deals":
        twin["id"] = twin["properties"]["hs_object_id"] = f"{row['id']}7"
        twin["properties"]["hubspot_owner_id"] = "999999"
    elif kind == "orphan_reference":
        twin["id"] = f"{row['id']}orph"
        twin["customer"] = "cus_does_not_exist"
    elif kind == "future_date":
        twin["id"] = row["id"] + 50_000_000_000
        future = iso_z(HORIZON + timedelta(days=5))
        twin["created_at"] = twin["updated_at"] = future
        twin.get("metric_set", {}).update({"ticket_id": twin["id"], "created_at": future, "updated_at": future})
    elif kind == "unknown_stage":
        twin["id"] = twin["properties"]["hs_object_id"] = f"{row['id']}8"
        twin["properties"]["dealstage"] = "stage_retired_42"
        history = twin.get("propertiesWithHistory", {}).get("dealstage", [])
        if history:
            history[0]["value"] = "stage_retired_42"
    rows.append(twin)
    return {"kind": kind, "entity": entity, "id": twin["id"], "detail": f"derived from {row.get('id')}"}


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))

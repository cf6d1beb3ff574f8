"""Render a chunk (and the world's fixed records) into every vendor's shapes, and tally its truth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from connectors.demo import gen_render_files, gen_render_hubspot, gen_render_stripe, gen_render_zendesk
from connectors.demo.gen_globals import Globals
from connectors.demo.gen_model import Chunk
from connectors.demo.gen_render_files import FILE_COLUMNS
from connectors.demo.gen_render_hubspot import HUBSPOT_OBJECTS
from connectors.demo.gen_render_stripe import STRIPE_OBJECTS
from connectors.demo.gen_render_zendesk import ZENDESK_OBJECTS
from connectors.demo.truth import Tally
from connectors.demo.truth_marketing import tally_campaign_costs, tally_marketing, tally_web
from connectors.demo.truth_revenue import tally_revenue
from connectors.demo.truth_sales import tally_sales
from connectors.demo.truth_service import tally_calls, tally_service
from connectors.demo.world import Record

Systems = dict[str, dict[str, list[Any]]]


def empty_systems() -> Systems:
    return {
        "hubspot": {name: [] for name in HUBSPOT_OBJECTS},
        "stripe": {name: [] for name in STRIPE_OBJECTS},
        "zendesk": {name: [] for name in ZENDESK_OBJECTS},
        "files": {name: [] for name in FILE_COLUMNS},
    }


def fixed_records(world: Globals, asof: datetime) -> Systems:
    """Records that do not belong to any chunk: pipelines, owners, price book, agents, SLA, global drops."""
    out = empty_systems()
    out["hubspot"]["pipelines"] = gen_render_hubspot.pipeline_records()
    out["hubspot"]["owners"] = gen_render_hubspot.owner_records()
    out["stripe"]["products"] = gen_render_stripe.product_records()
    out["stripe"]["prices"] = gen_render_stripe.price_records()
    out["zendesk"]["users"] = gen_render_zendesk.agent_records()
    out["zendesk"]["sla_policies"] = gen_render_zendesk.sla_policy_records()
    out["files"] = gen_render_files.global_rows(world, asof)
    return out


def render_chunk(chunk: Chunk, asof: datetime) -> Systems:
    out = empty_systems()
    for account in chunk.accounts:
        gen_render_hubspot.render_account(account, asof, out["hubspot"])
        gen_render_stripe.render_account(account, asof, out["stripe"])
        gen_render_zendesk.render_account(account, asof, out["zendesk"])
        gen_render_files.render_account(account, asof, out["files"])
    out["zendesk"]["talk_calls"] += [
        gen_render_zendesk.render_call(c, {}, asof) for c in chunk.anonymous_calls if c.created_at <= asof
    ]
    out["files"]["marketing/web_sessions"] += [
        gen_render_files.session_row(s) for s in chunk.anonymous_sessions if s.started_at <= asof
    ]
    return out


def tally_chunk(chunk: Chunk, world: Globals, asof: datetime) -> Tally:
    tally = Tally()
    for account in chunk.accounts:
        tally_sales(tally, account, world, asof)
        tally_revenue(tally, account, world, asof)
        tally_service(tally, account, asof)
        tally_marketing(tally, account, world, asof)
    tally_calls(tally, chunk.anonymous_calls, asof)
    tally_web(tally, chunk.anonymous_sessions, asof)
    return tally


def tally_fixed(world: Globals, asof: datetime) -> Tally:
    tally = Tally()
    tally_campaign_costs(tally, world, asof)
    return tally


def identity_links(chunk: Chunk, asof: datetime) -> list[Record]:
    """Per real customer (account), the ids it has in each system as of `asof`."""
    out = []
    for a in chunk.accounts:
        if a.created_at > asof:
            continue
        out.append(
            {
                "customer_key": f"acct-{a.index}",
                "domain": a.domain,
                "hubspot_company_id": a.company_id,
                "hubspot_contact_ids": [c.contact_id for c in a.contacts if c.created_at <= asof],
                "stripe_customer_id": a.customer.customer_id if a.customer and a.customer.created_at <= asof else None,
                "zendesk_organization_id": a.organization_id if any(u.created_at <= asof for u in a.users) else None,
                "zendesk_user_ids": [u.user_id for u in a.users if u.created_at <= asof],
                "emails": sorted({c.work_email for c in a.contacts} | {c.email.lower() for c in a.contacts}),
            }
        )
    return out

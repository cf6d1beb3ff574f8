"""`crmwh demo`: generate the demo business, serve it from the emulator, run one night against it."""

from __future__ import annotations

import os
import time

from config import load_settings
from connectors.demo.emulator import Emulator
from connectors.demo.generator import DEFAULT_DEFECT_RATES, generate_world
from orchestration.nightly import NightSummary, run_nightly
from warehouse.charts import render_charts

DEMO_TOKEN = "demo-token"
DEMO_ZENDESK_EMAIL = "demo@example.com"


def point_sources_at(base_url: str, token: str = DEMO_TOKEN) -> None:
    """Configure all three sources to talk to the emulator (environment, as for a real account)."""
    for source in ("HUBSPOT", "STRIPE", "ZENDESK"):
        os.environ[f"CRMWH_{source}_BASE_URL"] = base_url
    os.environ["CRMWH_HUBSPOT_TOKEN"] = token
    os.environ["CRMWH_STRIPE_API_KEY"] = token
    os.environ["CRMWH_ZENDESK_EMAIL"] = DEMO_ZENDESK_EMAIL
    os.environ["CRMWH_ZENDESK_TOKEN"] = token


def run_demo(
    scale: float = 0.25, seed: int = 42, inject_failure: bool = False, with_defects: bool = False, echo: bool = True
) -> NightSummary:
    say = print if echo else (lambda *a, **k: None)
    started = time.monotonic()
    say(f"[1/3] generating the demo business (seed {seed}, scale {scale}) ...")
    world = generate_world(seed=seed, scale=scale, defect_rates=DEFAULT_DEFECT_RATES if with_defects else None)
    if with_defects:
        say(f"      with {len(world.manifest['defects']):,} injected defects (the audit quarantines them, with reasons)")
    say("      " + ", ".join(f"{k} {v:,}" for k, v in world.counts().items()))
    emulator = Emulator(world, token=DEMO_TOKEN)
    if inject_failure:
        emulator.inject("/v1/charges", "duplicate_pk", times=1)
        say("      injected a fault: the first page of /v1/charges repeats a charge id (the audit must block)")
    with emulator:
        point_sources_at(emulator.base_url)
        # "in the future" is judged against the demo world's clock, not this machine's date
        os.environ["CRMWH_AUDIT_CLOCK"] = world.now.isoformat()
        # the marketing, goal and finance exports arrive as file drops, not through an API
        landing = load_settings().landing_dir
        landing.mkdir(parents=True, exist_ok=True)
        world.write_file_drops(landing)
        say(f"[2/3] emulator serving HubSpot, Stripe and Zendesk APIs on {emulator.base_url}; file drops in {landing}")
        say("[3/3] running the nightly job (ingest → audit → dbt build → publish) ...")
        summary = run_nightly(load_settings())
    say("")
    settings = load_settings()
    say(summary.render(str(settings.bi_db)))
    if summary.published_version:
        charts = render_charts(settings.bi_db, settings.reports_dir)
        say("charts: " + ", ".join(str(p) for p in charts))
    say(f"done in {time.monotonic() - started:.0f} s; see the run in the UI: crmwh ui")
    return summary

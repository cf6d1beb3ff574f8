"""Benchmark the audit step against the dlt load of the same data, at scale 1 and 10.

    .venv/bin/python scripts/bench_audit.py [--scales 1 10]

Raw tables are built by dlt itself (append disposition into DuckDB, exactly the shape the
connectors produce) from synthetic records in the vendors' JSON shapes, with ~1% defects of every
kind; the load (dlt extract + normalize + load, no HTTP) is timed and compared with the audit
(every entity validated through GX in chunks, quarantine, clean views, Data Docs). Each phase runs
in its own process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

CLOCK = datetime(2026, 10, 31, 22, tzinfo=UTC)
START = datetime(2024, 11, 1, tzinfo=UTC)
# entity -> records at scale 1 (about the demo world's scale-1 business)
COUNTS = {
    "hubspot.owners": 20,
    "hubspot.pipelines": 1,
    "hubspot.contacts": 5_000,
    "hubspot.deals": 3_000,
    "hubspot.calls": 12_000,
    "hubspot.feedback_submissions": 2_000,
    "stripe.customers": 1_500,
    "stripe.charges": 20_000,
    "stripe.invoices": 18_000,
    "zendesk.users": 6_000,
    "zendesk.tickets": 6_000,
    "zendesk.talk_calls": 8_000,
    "files.marketing/form_submissions": 3_000,
    "files.marketing/email_events": 30_000,
}
STAGES = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "contractsent", "closedwon", "closedlost"]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _when(rng: random.Random) -> datetime:
    if rng.random() < 0.01:
        return CLOCK + timedelta(days=30)  # future_date
    return START + timedelta(seconds=rng.randrange(int((CLOCK - START).total_seconds())))


def _email(rng: random.Random, i: int) -> str:
    return f"person{i} at example" if rng.random() < 0.01 else f"Person{i}@Example.com"


def rows_of(entity: str, scale: float) -> int:
    return COUNTS[entity] if entity == "hubspot.owners" else max(1, int(COUNTS[entity] * scale))


def records(entity: str, scale: float, seed: int = 1) -> Iterator[dict[str, Any]]:
    rng = random.Random(f"{seed}:{entity}")
    n = rows_of(entity, scale)
    owners, customers = rows_of("hubspot.owners", scale), rows_of("stripe.customers", scale)
    users = rows_of("zendesk.users", scale)
    previous = START
    for i in range(n):
        at = _when(rng)
        orphan = rng.random() < 0.01
        if entity == "hubspot.owners":
            yield {"id": str(i), "firstName": f"O{i}", "lastName": "X", "email": f"owner{i}@example.com", "archived": False}
        elif entity == "hubspot.pipelines":
            stages = [{"id": s, "label": s, "displayOrder": k, "metadata": {"probability": "0.5"}} for k, s in enumerate(STAGES)]
            yield {"id": "default", "label": "Sales", "displayOrder": 0, "stages": stages}
        elif entity.startswith("hubspot."):
            props: dict[str, Any] = {"createdate": _iso(at), "hs_lastmodifieddate": _iso(at)}
            if entity == "hubspot.contacts":
                props |= {"email": _email(rng, i), "firstname": f"F{i}", "lifecyclestage": "lead"}
            elif entity == "hubspot.deals":
                props |= {
                    "amount": f"{(-1 if rng.random() < 0.01 else 1) * rng.randrange(1000, 90000)}.00",
                    "deal_currency_code": "USD" if rng.random() > 0.01 else "XXX",
                    "pipeline": "default",
                    "dealstage": rng.choice(STAGES) if rng.random() > 0.01 else "stage_retired",
                    "hubspot_owner_id": str(owners + 5 if orphan else rng.randrange(owners)),
                }
            elif entity == "hubspot.calls":
                props |= {"hs_timestamp": _iso(at), "hs_call_duration": str(rng.randrange(0, 900_000)), "hubspot_owner_id": "1"}
            else:
                kind = rng.choice(["NPS", "CES"])
                props |= {"hs_survey_type": kind, "hs_response_value": str(rng.randrange(0, 12 if kind == "NPS" else 9))}
                props["hs_submission_timestamp"] = _iso(at)
            yield {
                "id": str(10_000_000 + i),
                "properties": props,
                "createdAt": _iso(at),
                "updatedAt": _iso(at),
                "archived": False,
            }
        elif entity == "stripe.customers":
            yield {"id": f"cus_{i}", "object": "customer", "created": int(at.timestamp()), "email": _email(rng, i)}
        elif entity in ("stripe.charges", "stripe.invoices"):
            amount = (-1 if rng.random() < 0.01 else 1) * rng.randrange(100, 100_000)
            cus = "cus_missing" if orphan else f"cus_{rng.randrange(customers)}"
            row = {"id": f"{entity[7:9]}_{i}", "created": int(at.timestamp()), "currency": rng.choice(["usd", "eur", "jpy"])}
            if entity == "stripe.charges":
                yield row | {"object": "charge", "amount": amount, "customer": cus, "status": "succeeded", "paid": True}
            else:
                yield row | {"object": "invoice", "amount_due": amount, "amount_paid": abs(amount), "customer": cus}
        elif entity == "zendesk.users":
            yield {"id": i, "email": _email(rng, i), "role": "agent" if i < 20 else "end-user", "created_at": _iso(at)}
        elif entity == "zendesk.tickets":
            yield {
                "id": i,
                "created_at": _iso(at),
                "status": "open",
                "requester_id": users + 9 if orphan else rng.randrange(users),
            }
        elif entity == "zendesk.talk_calls":
            yield {
                "id": i,
                "created_at": _iso(at),
                "duration": rng.randrange(600),
                "agent_id": users + 9 if orphan else rng.randrange(20),
            }
        elif entity == "files.marketing/form_submissions":
            email, twin = f"lead{i // 2}@example.com", i % 2 == 1 and rng.random() < 0.03
            when = previous + timedelta(minutes=5) if twin else at  # duplicate_form_submission
            previous = when
            yield {"id": f"s{i}", "submission_id": f"s{i}", "form_id": "f1", "contact_email": email, "submitted_at": _iso(when)}
        else:
            event = rng.choice(["sent", "open", "click"])
            yield {"id": f"e{i}", "event_id": f"e{i}", "campaign_id": "c1", "contact_email": _email(rng, i), "event_type": event,
                   "occurred_at": _iso(at)}  # fmt: skip


def load(db: Path, scale: float) -> dict[str, Any]:
    import dlt

    started = time.perf_counter()
    rows = 0
    for source in ("hubspot", "stripe", "zendesk", "files"):
        pipeline = dlt.pipeline(
            pipeline_name=f"bench_{source}",
            destination=dlt.destinations.duckdb(str(db)),
            dataset_name=f"raw_{source}",
            pipelines_dir=str(db.parent / "dlt"),
        )
        resources = []
        for entity in (e for e in COUNTS if e.startswith(source + ".")):
            table = entity.split(".", 1)[1].replace("/", "__")
            resources.append(dlt.resource(records(entity, scale), name=table, write_disposition="append"))
            rows += rows_of(entity, scale)
        pipeline.run(resources)
    return {"load_seconds": time.perf_counter() - started, "rows": rows}


def audit(db: Path, audit_dir: Path) -> dict[str, Any]:
    import duckdb

    from expectations.audit import audit_entity
    from expectations.data_docs import DataDocs

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    docs = DataDocs(audit_dir)
    quarantined = 0
    with duckdb.connect(str(db)) as con:
        for entity in COUNTS:
            result = audit_entity(con, entity, f"raw_{entity.split('.')[0]}", clock=CLOCK, docs=docs)
            quarantined += result.quarantined
            assert result.reconciliation["unaccounted"] == 0, entity
    docs.build()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"audit_seconds": seconds, "peak_rss_mb": peak, "rss_after_imports_mb": baseline, "quarantined": quarantined}


def _child(phase: str, scale: float, folder: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--scale", str(scale), "--folder", str(folder)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--phase", choices=["load", "audit"])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.phase == "load":
        print(json.dumps(load(args.folder / "build.duckdb", args.scale)))
        return
    if args.phase == "audit":
        # the import of GX and friends is counted in the process's RSS, not in the audit's time
        import great_expectations  # noqa: F401

        print(json.dumps(audit(args.folder / "build.duckdb", args.folder / "audit")))
        return
    print("| scale | rows | dlt load s | audit s | audit/load | audit peak RSS MB (after imports) | quarantined |")
    print("|---|---|---|---|---|---|---|")
    for scale in args.scales:
        with tempfile.TemporaryDirectory() as tmp:
            loaded = _child("load", scale, Path(tmp))
            audited = _child("audit", scale, Path(tmp))
        print(
            f"| {scale:g} | {loaded['rows']:,} | {loaded['load_seconds']:.1f} | {audited['audit_seconds']:.1f} | "
            f"{audited['audit_seconds'] / loaded['load_seconds']:.2f} | {audited['peak_rss_mb']:.0f} "
            f"({audited['rss_after_imports_mb']:.0f}) | {audited['quarantined']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

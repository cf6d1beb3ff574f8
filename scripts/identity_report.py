"""Precision and recall of identity resolution against the demo world's ground truth.

Reads the resolved components (intermediate.int_identity_components) from a build database that a
demo night filled, regenerates the same world (seed, scale) and compares *linked pairs*: two source
records are a pair when they belong to the same customer. Precision = predicted pairs that are true
/ predicted pairs; recall = true pairs found / true pairs. Only records both sides know are counted.

    .venv/bin/python scripts/identity_report.py --run --scale 0.1        # land a demo world, build, measure
    .venv/bin/python scripts/identity_report.py --build-db /tmp/dbt_home/build.duckdb --scale 0.1

With `--run` the world is generated once, served by the emulator, landed by the connectors, audited
and built with dbt in a temporary home, so the measured warehouse and the truth are the same world.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connectors.demo.generator import generate_world
from connectors.demo.world import World

PROJECT = Path(__file__).resolve().parents[1]
DBT_PROJECT = PROJECT / "dbt_project"


def land_night(world: World, home: Path) -> Path:
    """Serve `world` from the emulator, land every source into `home` and audit it (no dbt, no
    Dagster): the build database then holds raw and clean data as a night leaves it for dbt."""
    from config import load_settings
    from connectors.demo.emulator import Emulator
    from connectors.loader import ENTITIES, SOURCES, load_source, raw_dataset
    from expectations.audit import audit_entity
    from orchestration.demo import DEMO_TOKEN, point_sources_at

    os.environ["CRMWH_HOME"] = str(home)
    with Emulator(world, token=DEMO_TOKEN) as emulator:
        point_sources_at(emulator.base_url)
        settings = load_settings()
        settings.landing_dir.mkdir(parents=True, exist_ok=True)
        world.write_file_drops(settings.landing_dir)
        for source in SOURCES:
            report = load_source(source, settings)
            if report.skipped_reason:
                raise RuntimeError(f"{source} skipped: {report.skipped_reason}")
    with duckdb.connect(str(settings.build_db)) as con:
        for source, entities in ENTITIES.items():
            for entity in entities:
                audit_entity(con, f"{source}.{entity}", raw_dataset(source))
    return settings.build_db


def dbt_build(build_db: Path, target_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRMWH_BUILD_DB": str(build_db), "DBT_TARGET_PATH": str(target_dir), "DBT_LOG_PATH": str(target_dir)}
    command = [str(Path(sys.executable).parent / "dbt"), "build", "--profiles-dir", ".", "--quiet", *extra]
    return subprocess.run(command, cwd=DBT_PROJECT, env=env, capture_output=True, text=True, check=False)


def truth_components(identity: Iterable[dict]) -> dict[str, str]:
    """node id (`<system>:<id>`, the warehouse's id space) -> true customer."""
    owner: dict[str, str] = {}
    for entry in identity:
        key = entry["customer_key"]
        nodes = [f"hubspot_company:{entry['hubspot_company_id']}"]
        nodes += [f"hubspot_contact:{c}" for c in entry.get("hubspot_contact_ids") or []]
        if entry.get("stripe_customer_id"):
            nodes.append(f"stripe_customer:{entry['stripe_customer_id']}")
        if entry.get("zendesk_organization_id") is not None:
            nodes.append(f"zendesk_organization:{entry['zendesk_organization_id']}")
        nodes += [f"zendesk_user:{u}" for u in entry.get("zendesk_user_ids") or []]
        for node in nodes:
            owner[node] = key
    return owner


def pairs(assignment: dict[str, str], known: set[str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for node, group in assignment.items():
        if node in known:
            groups[group].append(node)
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def measure(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    known = set(predicted) & set(truth)
    predicted_pairs, true_pairs = pairs(predicted, known), pairs(truth, known)
    hits = len(predicted_pairs & true_pairs)
    return {
        "records_compared": len(known),
        "records_only_in_warehouse": len(set(predicted) - set(truth)),
        "records_only_in_truth": len(set(truth) - set(predicted)),
        "predicted_pairs": len(predicted_pairs),
        "true_pairs": len(true_pairs),
        "precision": hits / len(predicted_pairs) if predicted_pairs else 1.0,
        "recall": hits / len(true_pairs) if true_pairs else 1.0,
    }


def read_components(build_db: Path) -> dict[str, str]:
    con = duckdb.connect(str(build_db), read_only=True)
    try:
        rows = con.execute("select node_id, customer_key from intermediate.int_identity_components").fetchall()
    finally:
        con.close()
    return dict(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_db = Path(os.environ.get("CRMWH_HOME", ".crmwh")) / "build.duckdb"
    parser.add_argument("--build-db", type=Path, default=default_db)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--night", type=int, default=0)
    parser.add_argument("--min-precision", type=float, default=0.99)
    parser.add_argument("--min-recall", type=float, default=0.97)
    parser.add_argument("--run", action="store_true", help="land the world and build it in a temporary home first")
    args = parser.parse_args(argv)

    world = generate_world(args.seed, args.scale, night=args.night)
    build_db = args.build_db
    if args.run:
        home = Path(tempfile.mkdtemp(prefix="crmwh-identity-"))
        build_db = land_night(world, home)
        built = dbt_build(build_db, home / "dbt", "--select", "+int_identity_components")
        if built.returncode != 0:
            print(built.stdout[-4000:], built.stderr[-2000:])
            return 2
    result = measure(read_components(build_db), truth_components(world.manifest["identity"]))
    for name, value in result.items():
        print(f"{name:>26}: {value:.4f}" if isinstance(value, float) else f"{name:>26}: {value}")
    ok = result["records_compared"] > 0 and result["precision"] >= args.min_precision and result["recall"] >= args.min_recall
    print(f"{'targets':>26}: precision >= {args.min_precision}, recall >= {args.min_recall}: {'MET' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

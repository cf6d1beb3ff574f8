"""The `crmwh` command: demo, run, ui, status, rollback, emulator."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from config import load_settings
from orchestration.environment import prepare_environment


def cmd_demo(args: argparse.Namespace) -> int:
    from orchestration.demo import run_demo

    summary = run_demo(scale=args.scale, seed=args.seed, inject_failure=args.inject_failure, with_defects=args.with_defects)
    return 0 if summary.success or args.inject_failure else 1


def cmd_run(args: argparse.Namespace) -> int:
    from orchestration.nightly import run_nightly

    settings = load_settings()
    summary = run_nightly(settings)
    print(summary.render(str(settings.bi_db)))
    return 0 if summary.success else 1


def cmd_charts(args: argparse.Namespace) -> int:
    from warehouse.charts import render_charts

    settings = load_settings()
    try:
        written = render_charts(settings.bi_db, settings.reports_dir)
    except FileNotFoundError as error:
        print(f"charts: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    settings = load_settings()
    prepare_environment(settings)
    print(f"Dagster UI on http://{args.host}:{args.port}  (runs recorded in {settings.dagster_home})")
    command = [sys.executable, "-m", "dagster", "dev", "-m", "orchestration.definitions", "-h", args.host, "-p", str(args.port)]
    return subprocess.call(command, env=os.environ.copy())


def _last_run_line() -> str:
    from dagster import DagsterInstance, RunsFilter

    with DagsterInstance.get() as instance:
        records = instance.get_run_records(filters=RunsFilter(job_name="nightly"), limit=1)
    if not records:
        return "last run: none yet"
    record = records[0]
    run = record.dagster_run
    started = datetime.fromtimestamp(record.start_time, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if record.start_time else "?"
    return f"last run: {run.run_id} {run.status.value} (started {started})"


def cmd_status(args: argparse.Namespace) -> int:
    from expectations.audit import read_reports
    from warehouse.publish import current_version, list_versions, version_path

    settings = load_settings()
    prepare_environment(settings)
    print(f"data folder: {settings.home}")
    print(f"BI file: {settings.bi_db}{'' if settings.bi_db.exists() else ' (not published yet)'}")
    current = current_version(settings.versions_dir)
    versions = list_versions(settings.versions_dir)
    print(f"published versions ({len(versions)} kept, newest last):")
    for version in versions:
        size = version_path(settings.versions_dir, version).stat().st_size
        print(f"  {'*' if version == current else ' '} {version}  {size / 1e6:.1f} MB")
    print(_last_run_line())
    reports = read_reports(settings.audit_dir)
    failed = [r for r in reports if not r["passed"]]
    if reports:
        print(
            f"last audit: {'passed' if not failed else 'BLOCKED'} ({len(reports) - len(failed)}/{len(reports)} entities passed)"
        )
    for report in failed:
        for rule in report["failed_rules"]:
            if rule["severity"] == "error":
                print(f"  {report['entity']}: {rule['reason']} ({rule['failed_rows']} rows), e.g. {rule['examples'][:2]}")
    return 0


def cmd_audit_report(args: argparse.Namespace) -> int:
    from expectations.report import render

    settings = load_settings()
    print(render(settings.audit_dir))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from warehouse.publish import rollback

    settings = load_settings()
    try:
        version = rollback(settings.bi_db, settings.versions_dir)
    except RuntimeError as error:
        print(f"rollback: {error}", file=sys.stderr)
        return 1
    print(f"rolled back: {settings.bi_db} is now version {version}")
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def cmd_emulator(args: argparse.Namespace) -> int:
    from pathlib import Path

    from connectors.demo.emulator import Emulator
    from connectors.demo.generator import generate_world

    world = generate_world(seed=args.seed, scale=args.scale, night=args.night)
    gc.freeze()  # the world is read-only from here: keep the collector from walking it on every pass
    emulator = Emulator(world, token=args.token, port=args.port, rate_limit=args.rate_limit or None)
    emulator.rate_limit_retry_after = not args.no_retry_after
    if args.file_drops:
        world.write_file_drops(Path(args.file_drops))
    emulator.start()
    limit = f"rate limit {args.rate_limit}/s" if args.rate_limit else "no rate limit"
    print(f"emulator on {emulator.base_url} (seed {args.seed}, scale {args.scale}, night {args.night}, {limit}); Ctrl-C to stop")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in world.counts().items()))
    if args.file_drops:
        print(f"  file drops written to {args.file_drops}")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        emulator.stop()
    sys.stdout.flush()
    os._exit(0)  # skip tearing down a large world object by object (minutes at scale 10)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crmwh", description="CRM analytics warehouse")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="generate the demo business, serve it from the emulator, run one night")
    demo.add_argument("--scale", type=float, default=0.25, help="size of the demo business (1 = ~3k deals, 20k payments)")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--inject-failure", action="store_true", help="make the audit block the night (duplicate ids)")
    demo.add_argument("--with-defects", action="store_true", help="inject bad records the audit must quarantine")
    demo.set_defaults(func=cmd_demo)
    sub.add_parser("run", help="run the nightly job against the configured sources").set_defaults(func=cmd_run)
    sub.add_parser("charts", help="draw the monthly trends of the published marts as PNGs").set_defaults(func=cmd_charts)
    ui = sub.add_parser("ui", help="start the Dagster UI (asset lineage, runs, checks)")
    ui.add_argument("--host", default="127.0.0.1")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)
    sub.add_parser("status", help="published versions, the last run and its audit outcome").set_defaults(func=cmd_status)
    sub.add_parser(
        "audit-report", help="the last audit per entity: rows, clean, quarantined by reason, failed checks, Data Docs"
    ).set_defaults(func=cmd_audit_report)
    sub.add_parser("rollback", help="make the previously published version the BI file again").set_defaults(func=cmd_rollback)
    emulator = sub.add_parser("emulator", help="serve the demo business on the vendors' API paths")
    emulator.add_argument("--port", type=int, default=8765)
    emulator.add_argument("--scale", type=float, default=1.0)
    emulator.add_argument("--seed", type=int, default=42)
    emulator.add_argument("--token", default="demo-token")
    emulator.add_argument("--night", type=int, default=0, help="serve the world as of night N (0 = the first)")
    emulator.add_argument("--rate-limit", type=int, default=0, help="answer 429 past N requests a second (0: off)")
    emulator.add_argument("--no-retry-after", action="store_true", help="429 answers carry no Retry-After header")
    emulator.add_argument(
        "--file-drops", metavar="DIR", help="also write the world's file drops under DIR (e.g. $CRMWH_HOME/landing)"
    )
    emulator.set_defaults(func=cmd_emulator)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())

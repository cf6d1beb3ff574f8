"""`crmwh audit-report`: the last audit per entity, from the JSON verdicts the checks write.

Reads only $CRMWH_HOME/audit (never the build database, which a running night holds open).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from expectations.audit import read_reports
from expectations.data_docs import index_path


def _entity_lines(report: dict[str, Any]) -> list[str]:
    verdict = "passed" if report["passed"] else "BLOCKED"
    rec = report.get("reconciliation") or {}
    lines = [
        f"{report['entity']}  [{verdict}]  rows {report['rows']:,}  clean {report['clean']:,}  "
        f"quarantined {report['rows'] - report['clean']:,}  ({len(report.get('loads', []))} loads audited)"
    ]
    if rec:
        balance = "ok" if rec.get("unaccounted") == 0 else f"{rec.get('unaccounted')} UNACCOUNTED"
        lines.append(
            f"    all loads: raw {rec['raw']:,} = clean {rec['clean']:,} + quarantined {rec['quarantined']:,}  ({balance})"
        )
    for reason, count in sorted(report.get("quarantined_by_reason", {}).items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"    quarantined: {reason}: {count:,}")
    for rule in report.get("failed_rules", []):
        example = f"  e.g. {rule['examples'][0]}" if rule.get("examples") else ""
        lines.append(f"    failed {rule['severity']}: {rule['reason']} ({rule['failed_rows']:,} rows){example}")
    skipped = report.get("skipped_rules", [])
    if skipped:
        notes = "; ".join(f"{r['reason']} ({r['note']})" for r in skipped)
        lines.append(f"    skipped: {notes}")
    if report.get("note"):
        lines.append(f"    note: {report['note']}")
    return lines


def render(audit_dir: Path) -> str:
    reports = read_reports(audit_dir)
    if not reports:
        return f"no audit yet (nothing in {audit_dir / 'entities'}): run `crmwh run` or `crmwh demo`"
    blocked = [r for r in reports if not r["passed"]]
    total_rows = sum(r["rows"] for r in reports)
    total_clean = sum(r["clean"] for r in reports)
    lines = [
        f"last audit: {'passed' if not blocked else 'BLOCKED'} ({len(reports) - len(blocked)}/{len(reports)} entities passed); "
        f"{total_rows:,} rows, {total_clean:,} clean, {total_rows - total_clean:,} quarantined",
        "",
    ]
    for report in reports:
        lines += _entity_lines(report)
    docs = index_path(audit_dir)
    lines += ["", f"Data Docs: {docs.as_uri() if docs.exists() else str(docs) + ' (not built yet)'}"]
    return "\n".join(lines)

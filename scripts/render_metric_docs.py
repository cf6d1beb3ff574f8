"""Render docs/metrics.md from the metric registry (dbt_project/seeds/metric_registry.csv).

The registry is the single list of the catalog's metrics; the docs are generated from it, never
edited by hand. A test checks that the committed docs equal what this script renders.

    .venv/bin/python scripts/render_metric_docs.py          # rewrite docs/metrics.md
    .venv/bin/python scripts/render_metric_docs.py --check  # exit 1 if docs/metrics.md is stale
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "dbt_project" / "seeds" / "metric_registry.csv"
DOCS = ROOT / "docs" / "metrics.md"
SECTIONS = {
    "sales": "Sales",
    "marketing": "Marketing",
    "customers": "Customers and revenue",
    "support": "Support",
    "perception": "Customer perception",
}
HEADER = """\
# Metrics

Generated from `dbt_project/seeds/metric_registry.csv` by `scripts/render_metric_docs.py`; do not
edit by hand. The contract (conventions, full definitions) is the metric catalog, `metrics.md` in
the shared folder; judgement calls are in `dbt_project/DECISIONLOG.md`.

Every id has a company-wide row (`dimension = 'all'`, `dimension_value = 'all'`) in `mart_kpis` for
every month from the first with source data to the last; the wide mart shapes the same numbers for
dashboards. Breakdowns use the same table with their dimension name; the support case summary is
`cases_created` with `dimension = 'reason_channel'` and `dimension_value = '<reason>|<channel>'`.
"""


def read_registry(path: Path = REGISTRY) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(rows: list[dict[str, str]]) -> str:
    unknown = {r["section"] for r in rows} - set(SECTIONS)
    if unknown:
        raise ValueError(f"registry sections without a heading: {sorted(unknown)}")
    parts = [HEADER]
    for section, title in SECTIONS.items():
        members = [r for r in rows if r["section"] == section]
        if not members:
            continue
        parts.append(f"\n## {title} ({len(members)})\n\n| id | unit | wide mart | definition |\n|---|---|---|---|\n")
        parts.extend(f"| `{r['metric_id']}` | {r['unit']} | `{r['wide_mart']}` | {_cell(r['definition'])} |\n" for r in members)
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/metrics.md differs from the rendering")
    args = parser.parse_args(argv)
    rendered = render(read_registry())
    if args.check:
        if not DOCS.exists() or DOCS.read_text() != rendered:
            print(f"{DOCS} is stale: run scripts/render_metric_docs.py", file=sys.stderr)
            return 1
        return 0
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(rendered)
    print(f"wrote {DOCS} ({len(read_registry())} metrics)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pictures of the published marts: the trends a person would rather look at than read.

Reads only the BI file (read-only), like any BI tool, and writes PNGs.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen needed

import matplotlib.pyplot as plt

from warehouse.bi import connect_bi

# (file name, title, [(metric_id, label)], kind)
CHARTS: list[tuple[str, str, list[tuple[str, str]], str]] = [
    (
        "revenue.png",
        "Revenue by month (reporting currency)",
        [("new_revenue", "new revenue (won deals)"), ("gross_revenue", "gross revenue (payments)")],
        "line",
    ),
    ("deals.png", "Deals closed by month", [("deals_won", "won"), ("deals_lost", "lost")], "bar"),
    ("support.png", "Support cases by month", [("cases_created", "created"), ("cases_solved", "solved")], "line"),
]


def _series(con: object, metric_id: str) -> tuple[list, list]:
    rows = con.execute(  # type: ignore[attr-defined]
        "select month, value from marts.mart_kpis where metric_id = ? and dimension = 'all' order by month", [metric_id]
    ).fetchall()
    return [r[0] for r in rows], [0.0 if r[1] is None else r[1] for r in rows]


def render_charts(bi_db: Path, out_dir: Path) -> list[Path]:
    """Draw each chart whose metrics the BI file has; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_bi(bi_db) as con:
        available = {r[0] for r in con.execute("select distinct metric_id from marts.mart_kpis").fetchall()}
        for file_name, title, metrics, kind in CHARTS:
            present = [(m, label) for m, label in metrics if m in available]
            if not present:
                continue
            figure, axes = plt.subplots(figsize=(10, 4.5))
            width = 26 / len(present)  # days: bars of one month side by side
            for index, (metric_id, label) in enumerate(present):
                months, values = _series(con, metric_id)
                if kind == "bar":
                    offsets = [m.toordinal() + (index - (len(present) - 1) / 2) * width for m in months]
                    axes.bar(offsets, values, width=width, label=label)
                else:
                    axes.plot([m.toordinal() for m in months], values, marker="o", markersize=3, label=label)
            ticks = months[:: max(1, len(months) // 12)]
            axes.set_xticks([m.toordinal() for m in ticks], [m.strftime("%Y-%m") for m in ticks], rotation=45, ha="right")
            axes.set_title(title)
            axes.grid(alpha=0.3)
            axes.legend()
            figure.tight_layout()
            path = out_dir / file_name
            figure.savefig(path, dpi=110)
            plt.close(figure)
            written.append(path)
    return written

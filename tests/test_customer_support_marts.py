"""Customer, revenue, support and perception marts on one real night of the demo world.

test_nightly_end_to_end compares every company-wide metric with the generator's ground truth;
this module compares this section's ids again on the shared night (so a failure names the metric
and month), the case breakdowns (channel, priority, ticket type, agent) with truth_breakdowns,
checks that breakdowns add up, that the wide marts agree with mart_kpis, that per-customer net
revenue adds up to the company's, and that mart_customers carries no PII.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from typing import Any

import pytest

from config import DBT_PROJECT_DIR
from connectors.demo.world import World
from tests.conftest import PublishedNight
from warehouse.bi import connect_bi

pytestmark = pytest.mark.slow

SECTIONS = ("customers", "support", "perception")
WIDE_MARTS = (
    "mart_customers",
    "mart_retention",
    "mart_revenue",
    "mart_support",
    "mart_case_summary",
    "mart_service_calls",
    "mart_perception",
)
# truth_breakdowns' dimension names where mart_kpis names them otherwise
DIMENSIONS = {"type": "ticket_type"}
Kpis = dict[tuple[str, str, str, str], Any]


def _section_ids() -> list[str]:
    with (DBT_PROJECT_DIR / "seeds" / "metric_registry.csv").open(newline="") as handle:
        return [r["metric_id"] for r in csv.DictReader(handle) if r["section"] in SECTIONS]


def _query(night: PublishedNight, sql: str) -> list[tuple]:
    with connect_bi(night.bi) as con:
        return con.execute(sql).fetchall()


def _differs(expected: float | None, actual: Any) -> bool:
    if actual == "missing" or (expected is None) != (actual is None):
        return True
    return expected is not None and actual != pytest.approx(expected, abs=0.005)


@pytest.fixture(scope="module")
def kpis(published_night: PublishedNight) -> Kpis:
    assert published_night.success, published_night.failure
    rows = _query(
        published_night,
        "select metric_id, dimension, dimension_value, strftime(month, '%Y-%m-%d'), value from marts.mart_kpis",
    )
    return {(m, d, v, month): value for m, d, v, month, value in rows}


def test_every_section_id_equals_ground_truth_every_month(kpis: Kpis, world: World) -> None:
    ids = _section_ids()
    assert len(ids) == 39
    wrong = []
    for metric in ids:
        for month, expected in world.truth[metric].items():
            actual = kpis.get((metric, "all", "all", month), "missing")
            if _differs(expected, actual):
                wrong.append((metric, month, expected, actual))
    assert wrong == []


def test_case_breakdowns_equal_ground_truth(kpis: Kpis, world: World) -> None:
    compared = 0
    for metric in ("cases_created", "cases_solved"):
        for dimension, members in world.truth_breakdowns[metric].items():
            ours = DIMENSIONS.get(dimension, dimension)
            for member, months in members.items():
                for month, expected in months.items():
                    actual = kpis.get((metric, ours, member, month), 0.0)
                    assert actual == pytest.approx(expected, abs=0.005), (metric, ours, member, month)
                    compared += 1
            extra = {v for (m, d, v, _) in kpis if m == metric and d == ours} - set(members)
            assert all(kpis[(metric, ours, v, month)] == 0 for v in extra for month in world.truth[metric]), extra
    assert compared > 24 * 20


def test_breakdowns_add_up_to_the_company_wide_figure(kpis: Kpis) -> None:
    totals: dict[tuple[str, str, str], float] = defaultdict(float)
    for (metric, dimension, _, month), value in kpis.items():
        if metric in ("cases_created", "cases_solved") and dimension != "all":
            totals[(metric, dimension, month)] += value
    dimensions = {d for (_, d, _) in totals}
    assert dimensions == {"channel", "priority", "ticket_type", "agent", "reason", "reason_channel"}
    for (metric, _, month), total in totals.items():
        assert total == kpis[(metric, "all", "all", month)], (metric, month)


def test_case_summary_is_reason_by_channel(kpis: Kpis, published_night: PublishedNight) -> None:
    rows = _query(
        published_night,
        "select strftime(month, '%Y-%m-%d'), reason, channel, cases_created from marts.mart_case_summary",
    )
    assert rows and {r[1] for r in rows} >= {"question", "incident", "complaint"}
    for month, reason, channel, created in rows:
        assert kpis[("cases_created", "reason_channel", f"{reason}|{channel}", month)] == created


def test_wide_marts_are_published_with_a_row_for_every_month(published_night: PublishedNight, kpis: Kpis) -> None:
    months = sorted({month for (_, d, _, month) in kpis if d == "all"})
    tables = {r[0] for r in _query(published_night, "select table_name from information_schema.tables")}
    assert set(WIDE_MARTS) <= tables
    for mart in ("mart_retention", "mart_revenue", "mart_perception"):
        assert [
            r[0] for r in _query(published_night, f"select strftime(month, '%Y-%m-%d') from marts.{mart} order by 1")
        ] == months
    days = _query(
        published_night, "select count(*), count(distinct date_day), min(date_day), max(date_day) from marts.mart_service_calls"
    )
    count, distinct, first, last = days[0]
    assert count == distinct == (last - first).days + 1 and first.isoformat() == months[0]


def test_wide_marts_agree_with_mart_kpis(published_night: PublishedNight, kpis: Kpis) -> None:
    pairs = {
        "mart_revenue": {m: m for m in ("gross_revenue", "refunds", "payment_fees", "net_revenue", "gross_profit")},
        "mart_retention": {
            **{m: m for m in ("active_customers", "churned_customers", "churn_rate", "churn_to_acquisition_ratio")},
            **{m: m for m in ("renewals_due", "renewals", "renewal_rate", "cross_sell_ratio", "upsell_ratio")},
            "retention_cost_per_customer": "retention_cost_per_customer",
            "clv": "mean_clv",
        },
        "mart_perception": {m: m for m in ("nps", "nps_promoters", "nps_passives", "nps_detractors", "nps_responses", "ces")},
    }
    for mart, columns in pairs.items():
        rows = _query(published_night, f"select strftime(month, '%Y-%m-%d'), {', '.join(columns.values())} from marts.{mart}")
        for month, *values in rows:
            for metric, value in zip(columns, values, strict=True):
                expected = kpis[(metric, "all", "all", month)]
                assert (value is None) == (expected is None), (mart, metric, month)
                if value is not None:
                    assert float(value) == pytest.approx(expected, abs=1e-6), (mart, metric, month)
    calls = _query(
        published_night,
        "select strftime(month, '%Y-%m-%d'), sum(service_calls), sum(abandoned_calls), sum(callbacks)"
        " from marts.mart_service_calls group by 1",
    )
    for month, service_calls, abandoned, callbacks in calls:
        assert (service_calls, abandoned, callbacks) == tuple(
            kpis[(m, "all", "all", month)] for m in ("service_calls", "abandoned_calls", "callbacks")
        )
    support = _query(
        published_night,
        "select strftime(month, '%Y-%m-%d'), sum(cases_created), sum(cases_solved), sum(sla_met_cases), sum(sla_cases)"
        " from marts.mart_support group by 1",
    )
    for month, created, solved, met, with_targets in support:
        assert (created, solved) == (kpis[("cases_created", "all", "all", month)], kpis[("cases_solved", "all", "all", month)])
        rate = kpis[("sla_compliance_rate", "all", "all", month)]
        assert not _differs(met / with_targets if with_targets else None, rate), month


def test_customer_net_revenue_adds_up_to_company_net_revenue(published_night: PublishedNight, kpis: Kpis) -> None:
    ((customers, customer_rows),) = _query(published_night, "select sum(net_revenue), count(*) from marts.mart_customers")
    company = sum(v for (m, d, _, _), v in kpis.items() if m == "net_revenue" and d == "all")
    months = sum(1 for (m, d, _, _) in kpis if m == "net_revenue" and d == "all")
    assert float(customers) > 0
    # each side rounds to cents per row (customer, month): at most half a cent per row apart
    assert float(customers) == pytest.approx(company, abs=0.005 * (customer_rows + months))


def test_profitability_report_ranks_customers_by_profit(published_night: PublishedNight, kpis: Kpis) -> None:
    rows = _query(
        published_night,
        "select profitability_rank, profit, net_revenue, cost_to_serve, clv from marts.mart_customers order by 1",
    )
    profits = [r[1] for r in rows]
    assert profits == sorted(profits, reverse=True) and rows[0][0] == 1
    assert all(profit == net - cost and clv == net for _, profit, net, cost, clv in rows)
    # every month's support cost is allocated in full to the customers with interactions
    allocated = sum(float(r[3]) for r in rows)
    ((support_cost,),) = _query(published_night, "select sum(support_cost) from marts.mart_revenue")
    assert allocated == pytest.approx(float(support_cost), abs=0.005 * len(rows))


def test_mart_customers_carries_no_pii(published_night: PublishedNight) -> None:
    columns = [
        r[0]
        for r in _query(published_night, "select column_name from information_schema.columns where table_name = 'mart_customers'")
    ]
    assert "customer_key" in columns and len(columns) > 10
    assert not [c for c in columns if any(word in c for word in ("email", "name", "phone", "domain"))]
    text = [c for c in columns if c in ("customer_key", "status", "last_nps_category")]
    for (value,) in _query(published_night, f"select distinct concat_ws(' ', {', '.join(text)}) from marts.mart_customers"):
        assert "@" not in value
    statuses = {r[0] for r in _query(published_night, "select distinct status from marts.mart_customers")}
    assert statuses <= {"active", "churned", "never_active"} and "active" in statuses and "churned" in statuses

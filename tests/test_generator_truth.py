"""The ground truth agrees with an independent recomputation from the rendered vendor records."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.demo.generator import generate_world
from connectors.demo.world import World

DEFAULT_RATES = {"USD": Decimal("1.0"), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067")}
EXPONENT = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0}


@pytest.fixture(scope="module")
def tiny() -> World:
    return generate_world(seed=21, scale=0.03)


def _month(value: str | int) -> str:
    moment = (
        datetime.fromtimestamp(value, UTC) if isinstance(value, int) else datetime.fromisoformat(value.replace("Z", "+00:00"))
    )
    return moment.strftime("%Y-%m-01")


def _nonzero(series: dict[str, float | None]) -> dict[str, float]:
    return {m: v for m, v in series.items() if v}


def test_deals_won_and_lost_from_stage_history(tiny: World) -> None:
    won_stages = {
        s["id"]
        for p in tiny.hubspot["pipelines"]
        for s in p["stages"]
        if s["metadata"]["isClosed"] == "true" and float(s["metadata"]["probability"]) == 1
    }
    lost_stages = {
        s["id"]
        for p in tiny.hubspot["pipelines"]
        for s in p["stages"]
        if s["metadata"]["isClosed"] == "true" and float(s["metadata"]["probability"]) == 0
    }
    won, lost = Counter(), Counter()
    for deal in tiny.hubspot["deals"]:
        for entry in deal["propertiesWithHistory"]["dealstage"]:
            won[_month(entry["timestamp"])] += entry["value"] in won_stages
            lost[_month(entry["timestamp"])] += entry["value"] in lost_stages
    assert _nonzero(tiny.truth["deals_won"]) == {m: float(v) for m, v in won.items() if v}
    assert _nonzero(tiny.truth["deals_lost"]) == {m: float(v) for m, v in lost.items() if v}
    assert sum(won.values()) > 0


def test_gross_revenue_refunds_and_fees_from_charges(tiny: World) -> None:
    gross: Counter[str] = Counter()
    for charge in tiny.stripe["charges"]:
        if charge["status"] == "succeeded":
            currency = charge["currency"].upper()
            gross[_month(charge["created"])] += Decimal(charge["amount"]).scaleb(-EXPONENT[currency]) * DEFAULT_RATES[currency]
    for month, value in tiny.truth["gross_revenue"].items():
        assert value == pytest.approx(float(gross.get(month, 0)), abs=0.006), month
    fees: Counter[str] = Counter()
    for txn in tiny.stripe["balance_transactions"]:
        currency = txn["currency"].upper()
        fees[_month(txn["created"])] += Decimal(txn["fee"]).scaleb(-EXPONENT[currency]) * DEFAULT_RATES[currency]
    for month, value in tiny.truth["payment_fees"].items():
        assert value == pytest.approx(float(fees.get(month, 0)), abs=0.006), month


def test_cases_solved_by_first_solve_in_ticket_events(tiny: World) -> None:
    first: dict[int, str] = {}
    for event in sorted(tiny.zendesk["ticket_events"], key=lambda e: e["timestamp"]):
        for child in event["child_events"]:
            if child.get("field_name") == "status" and child.get("value") == "solved" and event["ticket_id"] not in first:
                first[event["ticket_id"]] = _month(event["created_at"])
    assert _nonzero(tiny.truth["cases_solved"]) == {m: float(v) for m, v in Counter(first.values()).items()}
    created = Counter(_month(t["created_at"]) for t in tiny.zendesk["tickets"])
    assert _nonzero(tiny.truth["cases_created"]) == {m: float(v) for m, v in created.items()}
    # the first solve is also created_at + first_resolution_time_in_minutes.calendar
    for ticket in tiny.zendesk["tickets"]:
        minutes = ticket["metric_set"]["first_resolution_time_in_minutes"]["calendar"]
        if minutes is not None:
            at = datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00")).timestamp() + minutes * 60
            assert _month(int(at)) == first[ticket["id"]]


def test_calls_leads_and_nps_from_records(tiny: World) -> None:
    inbound = [c for c in tiny.zendesk["talk_calls"] if c["direction"] == "inbound"]
    assert _nonzero(tiny.truth["service_calls"]) == {
        m: float(v) for m, v in Counter(_month(c["created_at"]) for c in inbound).items()
    }
    abandoned = Counter(_month(c["created_at"]) for c in inbound if c["completion_status"].startswith("abandoned"))
    assert _nonzero(tiny.truth["abandoned_calls"]) == {m: float(v) for m, v in abandoned.items()}
    leads = Counter()
    for contact in tiny.hubspot["contacts"]:
        props = contact["properties"]
        if contact["archived"] or props["lifecyclestage"] == "subscriber":
            continue
        leads[_month(props["hs_lifecyclestage_lead_date"] or props["createdate"])] += 1
    assert _nonzero(tiny.truth["leads_created"]) == {m: float(v) for m, v in leads.items()}
    scores: dict[str, list[int]] = {}
    for item in tiny.hubspot["feedback_submissions"]:
        if item["properties"]["hs_survey_type"] == "NPS":
            scores.setdefault(_month(item["properties"]["hs_submission_timestamp"]), []).append(
                int(item["properties"]["hs_response_value"])
            )
    for month, values in scores.items():
        expected = 100 * (sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) / len(values)
        assert tiny.truth["nps"][month] == pytest.approx(expected)


def test_every_month_and_ratio_conventions(tiny: World) -> None:
    months = list(tiny.truth["deals_won"])
    assert months[0] == "2024-11-01" and months[-1] == "2026-10-01" and len(months) == 24
    for metric, series in tiny.truth.items():
        assert list(series) == months, metric
    for m in months:
        won, lost = tiny.truth["deals_won"][m], tiny.truth["deals_lost"][m]
        assert tiny.truth["close_rate"][m] == (None if won + lost == 0 else pytest.approx(won / (won + lost)))
    assert len(tiny.truth) >= 70
    assert tiny.truth_breakdowns["deals_created"]["owner"]


def test_fx_drop_rates_are_used_for_their_months() -> None:
    flat = generate_world(seed=21, scale=0.03)
    drifted = generate_world(seed=21, scale=0.03, fx_drift=True)
    covered = {row["month"] + "-01" for row in drifted.files["finance/fx_rates"]}
    for month, value in flat.truth["gross_revenue"].items():
        if month not in covered:
            assert drifted.truth["gross_revenue"][month] == value
    assert any(drifted.truth["gross_revenue"][m] != flat.truth["gross_revenue"][m] for m in covered)
    assert flat.stripe == drifted.stripe

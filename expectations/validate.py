"""Validate a batch of raw rows with Great Expectations and sort them into clean and quarantined.

GX 1.x has no DuckDB data source, so the rows arrive as an Arrow table and are validated through
GX's pandas data source on an Arrow-backed frame (no NumPy copy of the strings).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx
import pandas as pd
import pyarrow as pa

from expectations.suites import Rule, rules_for

ROW_ID = "_dlt_id"
EXAMPLES_PER_RULE = 5
logging.getLogger("great_expectations").setLevel(logging.ERROR)


@dataclass
class RuleOutcome:
    reason: str
    severity: str
    expectation: str
    failed_rows: int
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BatchOutcome:
    """What the audit found in one batch of one entity."""

    entity: str
    rows: int
    rules: list[RuleOutcome]
    quarantined: dict[str, list[str]]  # row id -> reasons

    @property
    def clean(self) -> int:
        return self.rows - len(self.quarantined)

    @property
    def blocking_failures(self) -> list[RuleOutcome]:
        return [r for r in self.rules if r.severity == "error" and r.failed_rows]

    def reason_counts(self) -> dict[str, int]:
        return dict(Counter(reason for reasons in self.quarantined.values() for reason in reasons))


class _Validator:
    """One ephemeral GX context reused for every batch of a night."""

    def __init__(self) -> None:
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}  # type: ignore[assignment]
        source = self.context.data_sources.add_pandas("raw")
        self.batch_definition = source.add_dataframe_asset("rows").add_batch_definition_whole_dataframe("batch")

    def run(self, entity: str, frame: pd.DataFrame, rules: list[Rule]) -> Any:
        name = f"{entity}-suite"
        if name in [s.name for s in self.context.suites.all()]:
            self.context.suites.delete(name)
        suite = self.context.suites.add(gx.ExpectationSuite(name=name, expectations=[r.expectation.copy() for r in rules]))
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID]})


_VALIDATOR: _Validator | None = None


def _validator() -> _Validator:
    global _VALIDATOR
    if _VALIDATOR is None:
        _VALIDATOR = _Validator()
    return _VALIDATOR


def validate_batch(entity: str, table: pa.Table) -> BatchOutcome:
    rules = rules_for(entity)
    if table.num_rows == 0:
        return BatchOutcome(entity, 0, [RuleOutcome(r.reason, r.severity, r.expectation.expectation_type, 0) for r in rules], {})
    missing = [r for r in rules if getattr(r.expectation, "column", None) not in table.column_names]
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    present = [r for r in rules if r not in missing]
    result = _validator().run(entity, frame, present) if present else None
    outcomes: list[RuleOutcome] = []
    quarantined: dict[str, list[str]] = {}
    all_ids = frame[ROW_ID].tolist()
    for rule in missing:  # a required column the source stopped sending fails every row
        outcomes.append(
            RuleOutcome(rule.reason + " (column absent)", rule.severity, rule.expectation.expectation_type, len(all_ids))
        )
        for row_id in all_ids:
            quarantined.setdefault(row_id, []).append(rule.reason)
    for rule, res in zip(present, result.results if result else [], strict=True):
        failures = res.result.get("unexpected_index_list") or []
        if res.exception_info and res.exception_info.get("raised_exception"):
            raise RuntimeError(f"expectation {rule.reason!r} on {entity} crashed: {res.exception_info.get('exception_message')}")
        ids = [f[ROW_ID] for f in failures]
        for row_id in ids:
            quarantined.setdefault(row_id, []).append(rule.reason)
        examples = [{k: (None if pd.isna(v) else str(v)) for k, v in f.items()} for f in failures[:EXAMPLES_PER_RULE]]
        outcomes.append(RuleOutcome(rule.reason, rule.severity, rule.expectation.expectation_type, len(ids), examples))
    return BatchOutcome(entity, len(all_ids), outcomes, quarantined)

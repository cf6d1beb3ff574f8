"""Validate one load of one raw entity with Great Expectations and sort its rows into clean and quarantined.

GX 1.x has no DuckDB data source, so DuckDB reads the rows (only the columns the rules need, plus
the derived columns of rules/*) as a stream of Arrow record batches of at most CHUNK_ROWS rows; each
chunk is validated through GX's pandas data source on an Arrow-backed frame (no NumPy copy of the
strings). Primary-key rules must see the whole load: when a load spans several chunks they are
validated once over the load's key columns alone.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import duckdb
import great_expectations as gx
import pandas as pd
import pyarrow as pa
from great_expectations.execution_engine import pandas_execution_engine

from expectations.rules import Rule, RuleContext
from expectations.suites import rules_for

ROW_ID = "_dlt_id"
CHUNK_ROWS = 250_000
EXAMPLES_PER_RULE = 5
SHOWN_FAILURES = 20  # failing rows kept in a GX result (Data Docs); audit.quarantine has them all
LIST_KEYS = ("unexpected_index_list", "unexpected_list", "partial_unexpected_list", "partial_unexpected_index_list")
logging.getLogger("great_expectations").setLevel(logging.ERROR)
# GX fingerprints every in-memory batch by hashing the whole frame (a batch marker nobody reads here),
# which costs as much as the validation itself; frames above this size are not hashed.
pandas_execution_engine.HASH_THRESHOLD = 0


@dataclass
class RuleOutcome:
    reason: str
    severity: str
    kind: str
    expectation: str
    failed_rows: int
    examples: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None  # why the rule could not run as written (column or table absent)

    @property
    def skipped(self) -> bool:
        return self.note is not None and self.severity == "warn"


@dataclass
class BatchOutcome:
    """What the audit found in one load of one entity."""

    entity: str
    rows: int
    rules: list[RuleOutcome]
    quarantined: dict[str, list[str]]  # row id -> reasons
    load_id: str = ""
    results: list[Any] = field(default_factory=list)  # GX validation results, for Data Docs

    @property
    def clean(self) -> int:
        return self.rows - len(self.quarantined)

    @property
    def blocking_failures(self) -> list[RuleOutcome]:
        return [r for r in self.rules if r.severity == "error" and r.failed_rows]

    def reason_counts(self) -> dict[str, int]:
        return dict(Counter(reason for reasons in self.quarantined.values() for reason in reasons))


class Validator:
    """One GX context reused for every batch of a night (ephemeral unless Data Docs want a file context)."""

    def __init__(self, context: Any | None = None) -> None:
        self.context = context if context is not None else gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}  # type: ignore[assignment]
        try:
            source = self.context.data_sources.get("raw")
        except (KeyError, ValueError):
            source = self.context.data_sources.add_pandas("raw")
        asset = source.get_asset("rows") if "rows" in [a.name for a in source.assets] else source.add_dataframe_asset("rows")
        self.batch_definition = next(
            (b for b in asset.batch_definitions if b.name == "batch"), None
        ) or asset.add_batch_definition_whole_dataframe("batch")

    def suite(self, name: str, rules: list[tuple[Rule, RuleContext]]) -> gx.ExpectationSuite:
        expectations = [rule.build(ctx) for rule, ctx in rules]
        if name in [s.name for s in self.context.suites.all()]:
            self.context.suites.delete(name)
        return self.context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))

    def run(self, suite: gx.ExpectationSuite, frame: pd.DataFrame, index_columns: list[str]) -> Any:
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": index_columns})


_DEFAULT: Validator | None = None


def default_validator() -> Validator:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Validator()
    return _DEFAULT


def table_columns(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    schema, table = relation.split(".", 1)
    rows = con.execute(
        "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position",
        [schema, table],
    ).fetchall()
    return {name: kind for name, kind in rows}


def _plan(rules: list[Rule], ctx: RuleContext) -> tuple[list[Rule], list[tuple[Rule, str]], list[Rule]]:
    """Split rules into runnable, not runnable (with why), and absent-but-required (fail every row)."""
    runnable, skipped, failing = [], [], []
    for rule in rules:
        absent = [c for c in rule.columns if c not in ctx.columns and not any(k.startswith(f"{c}__v_") for k in ctx.columns)]
        missing_refs = [t for t in rule.refs if ctx.resolve(t) is None]
        if absent and rule.severity == "error":
            failing.append(rule)
        elif absent:
            skipped.append((rule, f"skipped: column {', '.join(absent)} absent"))
        elif missing_refs:
            skipped.append((rule, f"skipped: {', '.join(missing_refs)} not landed, references cannot be judged"))
        else:
            runnable.append(rule)
    return runnable, skipped, failing


def _select(rules: list[Rule], ctx: RuleContext, key_columns: list[str]) -> str:
    columns: dict[str, str] = {ROW_ID: f'r."{ROW_ID}"'}
    for col in key_columns:
        columns[col] = f'r."{col}"'
    for rule in rules:
        derived = rule.derive(ctx)
        columns.update(derived)
        if not derived:
            columns.update({c: f'r."{c}"' for c in rule.columns})
    body = ", ".join(f'{sql} as "{name}"' for name, sql in columns.items())
    return f"select {body} from {ctx.relation} r where r._dlt_load_id = $load_id"


def _frames(con: duckdb.DuckDBPyConnection, sql: str, load_id: str, whole: bool = False) -> Iterator[pd.DataFrame]:
    """Arrow-backed frames of at most CHUNK_ROWS rows, or one frame of the whole load (key columns only)."""
    relation = con.sql(sql, params={"load_id": load_id})
    if whole:
        yield relation.to_arrow_table().to_pandas(types_mapper=pd.ArrowDtype)
        return
    for batch in relation.to_arrow_reader(CHUNK_ROWS):
        yield pa.Table.from_batches([batch]).to_pandas(types_mapper=pd.ArrowDtype)


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
        return None
    return value if isinstance(value, int | float | bool | str) else str(value)


def trim_result(result: Any) -> Any:
    """Cut a COMPLETE result's lists of failing rows down to a few, once they have been counted."""
    for each in result.results:
        for name in LIST_KEYS:
            if isinstance(each.result.get(name), list):
                each.result[name] = each.result[name][:SHOWN_FAILURES]
        each.result.pop("unexpected_index_query", None)
    return result


class _Tally:
    def __init__(self, rules: list[Rule]) -> None:
        self.failed = dict.fromkeys((r.reason for r in rules), 0)
        self.examples: dict[str, list[dict[str, Any]]] = {r.reason: [] for r in rules}

    def add(self, entity: str, rules: list[Rule], result: Any, quarantined: dict[str, list[str]]) -> None:
        for rule, res in zip(rules, result.results, strict=True):
            if res.exception_info and res.exception_info.get("raised_exception"):
                message = res.exception_info.get("exception_message")
                raise RuntimeError(f"expectation {rule.reason!r} on {entity} crashed: {message}")
            failures = res.result.get("unexpected_index_list") or []
            self.failed[rule.reason] += len(failures)
            for failure in failures:
                quarantined.setdefault(failure[ROW_ID], []).append(rule.reason)
            room = EXAMPLES_PER_RULE - len(self.examples[rule.reason])
            self.examples[rule.reason] += [{k: _plain(v) for k, v in f.items()} for f in failures[:room]]


def validate_load(
    con: duckdb.DuckDBPyConnection,
    entity: str,
    relation: str,
    load_id: str,
    clock: datetime,
    resolve: Callable[[str], str | None],
    validator: Validator | None = None,
) -> BatchOutcome:
    validator = validator or default_validator()
    ctx = RuleContext(relation=relation, columns=table_columns(con, relation), clock=clock, resolve=resolve)
    rules = rules_for(entity)
    runnable, skipped, failing = _plan(rules, ctx)
    rows = int(con.execute(f"select count(*) from {relation} where _dlt_load_id = ?", [load_id]).fetchall()[0][0])
    outcome = BatchOutcome(entity, rows, [], {}, load_id)
    key_rules = [r for r in runnable if r.whole_load]
    row_rules = [r for r in runnable if not r.whole_load]
    key_columns = list(dict.fromkeys(c for r in key_rules for c in r.columns))
    index_columns = [ROW_ID, *key_columns[:1]]
    tally = _Tally(runnable)
    suite_name = entity.replace("/", ".")
    if rows and runnable:
        single_chunk = rows <= CHUNK_ROWS
        if not single_chunk and key_rules:  # keys over the whole load, chunks for the rest
            suite = validator.suite(f"{suite_name}.keys", [(r, ctx) for r in key_rules])
            for frame in _frames(con, _select(key_rules, ctx, key_columns), load_id, whole=True):
                result = validator.run(suite, frame, index_columns)
                tally.add(entity, key_rules, result, outcome.quarantined)
                outcome.results.append((suite_name + ".keys", trim_result(result)))
        chunk_rules = runnable if single_chunk else row_rules
        if chunk_rules:
            suite = validator.suite(suite_name, [(r, ctx) for r in chunk_rules])
            for frame in _frames(con, _select(chunk_rules, ctx, key_columns), load_id):
                result = validator.run(suite, frame, index_columns)
                tally.add(entity, chunk_rules, result, outcome.quarantined)
                outcome.results.append((suite_name, trim_result(result)))
    if failing and rows:  # a required column the source no longer sends fails every row
        for (row_id,) in con.execute(f"select {ROW_ID} from {relation} where _dlt_load_id = ?", [load_id]).fetchall():
            outcome.quarantined.setdefault(row_id, []).extend(r.reason for r in failing)
    for rule in rules:
        expectation = rule.build(ctx).expectation_type
        if rule in failing:
            outcome.rules.append(
                RuleOutcome(rule.reason, rule.severity, rule.kind, expectation, rows, note=f"column {rule.columns[0]} absent")
            )
        elif rule in runnable:
            failed, examples = tally.failed[rule.reason], tally.examples[rule.reason]
            outcome.rules.append(RuleOutcome(rule.reason, rule.severity, rule.kind, expectation, failed, examples))
        else:
            note = next(why for r, why in skipped if r is rule)
            outcome.rules.append(RuleOutcome(rule.reason, rule.severity, rule.kind, expectation, 0, note=note))
    return outcome

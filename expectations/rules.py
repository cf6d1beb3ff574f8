"""Rule kinds: each turns a raw column (as dlt landed it) into a GX expectation, via SQL if needed.

A rule reads raw columns by dlt's names (nested dicts flattened with `__`). Whatever needs typing,
parsing or a look at another raw table (timestamps sent as ISO or epoch strings, amounts sent as
strings, references, pipeline stages, duplicate submissions) is computed by DuckDB as a derived
column of the batch it reads; GX then validates the derived column. So every verdict is a GX
expectation (and shows in Data Docs), and DuckDB does the joins it is good at.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal

import great_expectations as gx
from great_expectations.expectations import Expectation

from config import DBT_PROJECT_DIR

Severity = Literal["error", "warn"]
FUTURE_SKEW = timedelta(days=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
EMAIL_PATTERN = r"^\s*[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\s*$"
FORM_DUPLICATE_WINDOW_MINUTES = 10


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at while it is prepared for one load of one entity."""

    relation: str  # the raw table, aliased `r` in derived SQL
    columns: dict[str, str]  # raw column -> DuckDB type
    clock: datetime  # "now" for future-date rules (pinned, see audit.audit_clock)
    resolve: Callable[[str], str | None]  # "<source>.<table>" -> relation, None when not landed


@dataclass(frozen=True)
class Rule:
    reason: str
    severity: Severity
    kind: str  # the defect kind, for the report and for comparing with the demo world's manifest
    columns: tuple[str, ...]  # raw columns read: absent -> an `error` rule fails every row, a `warn` rule is skipped
    build: Callable[[RuleContext], Expectation]
    derive: Callable[[RuleContext], dict[str, str]] = field(default=lambda ctx: {})
    refs: tuple[str, ...] = ()  # other raw tables it joins; absent -> skipped with a note
    whole_load: bool = False  # validated over the whole load at once (keys), not chunk by chunk


# --- SQL helpers over one raw column, whatever type dlt gave it ---------------------------------


def _variants(col: str, ctx: RuleContext) -> list[str]:
    """dlt's variant columns: values that did not fit the column's type land in `<col>__v_<type>`."""
    return [c for c in ctx.columns if c.startswith(f"{col}__v_")]


def raw_text(col: str, ctx: RuleContext) -> str:
    """The column as text, with dlt's variants; an empty string (a file drop's empty cell) is missing."""
    parts = [f"""nullif(cast(r."{c}" as varchar), '')""" for c in [col, *_variants(col, ctx)] if c in ctx.columns]
    return f"coalesce({', '.join(parts)})" if parts else "null"


def _text_to_timestamp(text: str) -> str:
    return (
        f"coalesce(try_cast({text} as timestamptz), "
        f"case when regexp_full_match({text}, '-?[0-9]{{11,14}}') then to_timestamp(cast({text} as bigint) / 1000) "
        f"when regexp_full_match({text}, '-?[0-9]{{1,10}}') then to_timestamp(cast({text} as bigint)) end)"
    )


def timestamp_sql(col: str, ctx: RuleContext) -> str:
    """ISO strings, epoch seconds or milliseconds (number or string), timestamps: all to TIMESTAMPTZ."""
    parts = []
    for c in [col, *_variants(col, ctx)]:
        kind = ctx.columns.get(c, "").upper()
        if not kind:
            continue
        if kind.startswith(("TIMESTAMP", "DATE")):
            parts.append(f'cast(r."{c}" as timestamptz)')
        elif kind in {"BIGINT", "INTEGER", "HUGEINT", "DOUBLE", "DECIMAL"} or kind.startswith("DECIMAL"):
            parts.append(
                f'case when abs(r."{c}") >= 100000000000 then to_timestamp(r."{c}" / 1000) else to_timestamp(r."{c}") end'
            )
        else:
            parts.append(_text_to_timestamp(f'cast(r."{c}" as varchar)'))
    return f"coalesce({', '.join(parts)})" if parts else "cast(null as timestamptz)"


def epoch_sql(col: str, ctx: RuleContext) -> str:
    return f"epoch({timestamp_sql(col, ctx)})"


def number_sql(col: str, ctx: RuleContext) -> str:
    return f"try_cast({raw_text(col, ctx)} as double)"


def _name(col: str, suffix: str) -> str:
    return f"{col}__{suffix}"


# --- rule kinds ---------------------------------------------------------------------------------


def unique(*cols: str) -> Rule:
    """Primary key unique within a load (one version of a record per load)."""
    label = "+".join(cols)

    def build(ctx: RuleContext) -> Expectation:
        if len(cols) == 1:
            return gx.expectations.ExpectColumnValuesToBeUnique(column=cols[0])
        return gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=list(cols))

    return Rule(f"duplicate {label} in load", "error", "duplicate_pk", cols, build, whole_load=True)


def required(col: str) -> Rule:
    derived = _name(col, "raw")
    return Rule(
        f"missing {col}",
        "error",
        "missing_required",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToNotBeNull(column=derived),
        lambda ctx: {derived: raw_text(col, ctx)},
    )


def parseable_timestamp(col: str) -> Rule:
    derived = _name(col, "unparseable")
    return Rule(
        f"unparseable {col}",
        "error",
        "unparseable",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeNull(column=derived),
        lambda ctx: {derived: f"case when {timestamp_sql(col, ctx)} is null then {raw_text(col, ctx)} end"},
    )


# Timestamps are compared as unix seconds: GX's pandas `between` on datetimes runs a Python function
# per row, on numbers it is vectorised (10x+ faster); the expectation's description gives the instant.
def not_in_future(col: str) -> Rule:
    derived = _name(col, "epoch")

    def build(ctx: RuleContext) -> Expectation:
        latest = ctx.clock + FUTURE_SKEW
        return gx.expectations.ExpectColumnValuesToBeBetween(
            column=derived, max_value=latest.timestamp(), description=f"{col} not after {latest.isoformat()} (unix seconds)"
        )

    return Rule(f"future {col}", "warn", "future_date", (col,), build, lambda ctx: {derived: epoch_sql(col, ctx)})


def not_before_2000(col: str) -> Rule:
    derived = _name(col, "epoch")

    def build(ctx: RuleContext) -> Expectation:
        return gx.expectations.ExpectColumnValuesToBeBetween(
            column=derived, min_value=EARLIEST.timestamp(), description=f"{col} not before {EARLIEST.date()} (unix seconds)"
        )

    return Rule(f"{col} before 2000", "warn", "date_before_2000", (col,), build, lambda ctx: {derived: epoch_sql(col, ctx)})


def timestamp(col: str, *, is_required: bool = False, scheduled: bool = False) -> list[Rule]:
    """A timestamp column: parseable (and present) if required, not in the future (unless it is a
    time something is scheduled for: a meeting's start, a task's due time), not before 2000."""
    rules = [required(col), parseable_timestamp(col)] if is_required else []
    return [*rules, *([] if scheduled else [not_in_future(col)]), not_before_2000(col)]


def email(col: str) -> Rule:
    # Case and surrounding blanks are identity resolution's business, not a defect; empty is missing.
    derived = _name(col, "text")
    return Rule(
        "invalid email",
        "warn",
        "invalid_email",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToMatchRegex(column=derived, regex=EMAIL_PATTERN),
        lambda ctx: {derived: f"nullif(trim({raw_text(col, ctx)}), '')"},
    )


def not_negative(col: str) -> Rule:
    derived = _name(col, "number")
    return Rule(
        f"negative {col}",
        "warn",
        "negative_amount",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeBetween(column=derived, min_value=0),
        lambda ctx: {derived: number_sql(col, ctx)},
    )


@cache
def known_currencies() -> tuple[str, ...]:
    """Currencies the FX seed has a default rate for (the seed is the user-editable FX table)."""
    with (DBT_PROJECT_DIR / "seeds" / "currencies.csv").open() as handle:
        return tuple(sorted(row["currency_code"].strip().upper() for row in csv.DictReader(handle)))


def currency(col: str) -> Rule:
    derived = _name(col, "code")
    return Rule(
        "unknown currency",
        "warn",
        "unknown_currency",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeInSet(column=derived, value_set=list(known_currencies())),
        lambda ctx: {derived: f"upper(trim({raw_text(col, ctx)}))"},
    )


def reference(col: str, target: str, what: str, target_col: str = "id") -> Rule:
    """`col` names a record of `target` ("<source>.<table>") that must exist in some load of it."""
    derived = _name(col, "resolves")

    def derive(ctx: RuleContext) -> dict[str, str]:
        relation = ctx.resolve(target)
        value = raw_text(col, ctx)
        return {
            derived: f"case when {value} is null then null else exists (select 1 from {relation} t "
            f'where cast(t."{target_col}" as varchar) = {value}) end'
        }

    return Rule(
        f"orphan {what}",
        "warn",
        "orphan_reference",
        (col,),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeInSet(column=derived, value_set=[True]),
        derive,
        refs=(target,),
    )


def known_stage(stage_col: str, pipeline_col: str, pipelines: str, stages: str) -> Rule:
    """The stage id is one of the stages of the record's own pipeline."""
    derived = _name(stage_col, "known")

    def derive(ctx: RuleContext) -> dict[str, str]:
        stage, pipeline = raw_text(stage_col, ctx), raw_text(pipeline_col, ctx)
        return {
            derived: f"case when {stage} is null then null else exists (select 1 from {ctx.resolve(stages)} s "
            f"join {ctx.resolve(pipelines)} p on s._dlt_parent_id = p._dlt_id "
            f"where cast(p.id as varchar) = {pipeline} and cast(s.id as varchar) = {stage}) end"
        }

    return Rule(
        "unknown stage id",
        "warn",
        "unknown_stage",
        (stage_col, pipeline_col),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeInSet(column=derived, value_set=[True]),
        derive,
        refs=(pipelines, stages),
    )


def score_range(type_col: str, survey: str, value_col: str, low: float, high: float) -> Rule:
    """A survey score within its scale, for the rows of one survey type (NPS 0-10, CES 1-7)."""
    derived = _name(value_col, survey.lower())
    return Rule(
        f"{survey} outside {low:g}-{high:g}",
        "warn",
        "score_out_of_range",
        (type_col, value_col),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeBetween(column=derived, min_value=low, max_value=high),
        lambda ctx: {
            derived: f"case when upper(trim({raw_text(type_col, ctx)})) = '{survey}' then {number_sql(value_col, ctx)} end"
        },
    )


def duplicate_submission(id_col: str, email_col: str, form_col: str, at_col: str) -> Rule:
    """Same normalised email and form within 10 minutes of an earlier submission: keep the first.

    Judged against every load of the entity (a repeat may arrive in a later drop); the same
    submission id landing again is a new version of one record, not a duplicate.
    """
    derived = "is_duplicate_submission"

    def derive(ctx: RuleContext) -> dict[str, str]:
        def key(alias: str, col: str) -> str:
            return raw_text(col, ctx).replace('r."', f'{alias}."')

        at_r, at_o = timestamp_sql(at_col, ctx), timestamp_sql(at_col, ctx).replace('r."', 'o."')
        email_r, email_o = f"lower(trim({key('r', email_col)}))", f"lower(trim({key('o', email_col)}))"
        return {
            derived: f"exists (select 1 from {ctx.relation} o where {email_o} = {email_r} "
            f"and {key('o', form_col)} = {key('r', form_col)} and {key('o', id_col)} <> {key('r', id_col)} "
            f"and {at_o} >= {at_r} - interval {FORM_DUPLICATE_WINDOW_MINUTES} minute "
            f"and ({at_o} < {at_r} or ({at_o} = {at_r} and {key('o', id_col)} < {key('r', id_col)})))"
        }

    return Rule(
        "duplicate form submission",
        "warn",
        "duplicate_form_submission",
        (id_col, email_col, form_col, at_col),
        lambda ctx: gx.expectations.ExpectColumnValuesToBeInSet(column=derived, value_set=[False]),
        derive,
    )

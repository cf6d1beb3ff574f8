"""Run the nightly job in-process, recorded in the Dagster home, and summarise what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from config import Settings
from orchestration.defs.audit_checks import AUDIT_CHECK_NAME
from orchestration.environment import prepare_environment


@dataclass
class NightSummary:
    run_id: str
    success: bool
    rows_landed: dict[str, int] = field(default_factory=dict)  # raw asset -> rows
    skipped: dict[str, str] = field(default_factory=dict)  # source -> why
    checks: dict[str, tuple[bool, str]] = field(default_factory=dict)  # raw asset -> (passed, description)
    published_version: str | None = None
    published_tables: int = 0
    failure: str | None = None
    steps_succeeded: list[str] = field(default_factory=list)
    checks_crashed: list[str] = field(default_factory=list)  # audit steps that raised instead of judging

    @property
    def audit_passed(self) -> bool:
        return not self.checks_crashed and all(passed for passed, _ in self.checks.values())

    def render(self, bi_path: str) -> str:
        lines = [f"run {self.run_id}: {'succeeded' if self.success else 'FAILED'}", "rows landed:"]
        for asset, rows in sorted(self.rows_landed.items()):
            lines.append(f"  {asset:<40} {rows:>9,}")
        for source, why in sorted(self.skipped.items()):
            lines.append(f"  {source} skipped: {why}")
        failed = {k: d for k, (ok, d) in self.checks.items() if not ok}
        lines.append(
            f"audit: {'passed' if not failed else 'BLOCKED'} ({len(self.checks) - len(failed)}/{len(self.checks)} checks passed)"
        )
        for asset, description in sorted(failed.items()):
            lines.append(f"  failed {asset}: {description}")
        if self.published_version:
            lines.append(f"published: version {self.published_version}, {self.published_tables} tables")
            lines.append(f"BI file: {bi_path}  (query: select * from marts.mart_kpis)")
        else:
            lines.append(f"published: nothing; the BI file {bi_path} is unchanged")
        if self.failure:
            lines.append(f"failure: {self.failure}")
        return "\n".join(lines)


def _summarise(result: Any) -> NightSummary:
    summary = NightSummary(run_id=result.run_id, success=result.success)
    for event in result.get_asset_materialization_events():
        materialization = event.materialization
        key = materialization.asset_key.to_user_string()
        meta = {k: v.value for k, v in materialization.metadata.items()}
        if key.startswith("raw/"):
            summary.rows_landed[key] = int(meta.get("rows_landed", 0))
            if meta.get("skipped"):
                summary.skipped[key.split("/")[1]] = str(meta["skipped"])
        if key == "bi/marts":
            summary.published_version = str(meta.get("version"))
            summary.published_tables = int(meta.get("tables", 0))
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.check_name != AUDIT_CHECK_NAME:  # dbt's data tests are checks too
            continue
        key = evaluation.asset_key.to_user_string()
        summary.checks[key] = (evaluation.passed, evaluation.description or "")
    summary.steps_succeeded = [e.step_key for e in result.all_events if e.is_step_success]
    failures = [e for e in result.all_events if e.is_step_failure]
    summary.checks_crashed = [e.step_key for e in failures if e.step_key.endswith(f"_{AUDIT_CHECK_NAME}")]
    if failures:
        summary.failure = "; ".join(f"{e.step_key}: {e.event_specific_data.error.message.strip()[:300]}" for e in failures)
    summary.rows_landed = {k: v for k, v in summary.rows_landed.items() if k.split("/")[1] not in summary.skipped}
    return summary


def run_nightly(settings: Settings, log_level: str = "INFO") -> NightSummary:
    prepare_environment(settings)
    from dagster import DagsterInstance

    from orchestration.definitions import NIGHTLY_JOB_NAME, defs

    job = defs.resolve_job_def(NIGHTLY_JOB_NAME)
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags={"crmwh/trigger": "cli"},
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        )
    return _summarise(result)

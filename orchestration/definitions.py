"""The project's Dagster definitions: one asset graph from the sources to the BI file."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.audit_checks import audit_checks
from orchestration.defs.dbt_models import crmwh_dbt_models, dbt_resource
from orchestration.defs.ingest import ingest_assets
from orchestration.defs.publish import published_marts
from orchestration.defs.resources import CrmwhResource

NIGHTLY_JOB_NAME = "nightly"

nightly_job = dg.define_asset_job(
    NIGHTLY_JOB_NAME,
    selection=dg.AssetSelection.all(),
    description="Write → audit → publish: land every source, audit it, build dbt, publish the marts.",
)

nightly_schedule = dg.ScheduleDefinition(
    job=nightly_job,
    cron_schedule="0 3 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

defs = dg.Definitions(
    assets=[*ingest_assets, crmwh_dbt_models, published_marts],
    asset_checks=audit_checks,
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    resources={"crmwh": CrmwhResource(), "dbt": dbt_resource},
)

"""All dbt models as Dagster assets: one `dbt build` subprocess per run."""

import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from config import DBT_PROJECT_DIR, load_settings
from orchestration.defs.resources import CrmwhResource
from orchestration.environment import dbt_run_target, prepare_environment

SETTINGS = load_settings()
prepare_environment(SETTINGS)

dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR,
    profiles_dir=DBT_PROJECT_DIR,
    target_path=SETTINGS.home / "dbt" / "target",
)

# The dbt beside this interpreter, so the project works without its venv on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")
dbt_resource = DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=DBT_EXECUTABLE)


def _manifest_is_stale(project: DbtProject) -> bool:
    manifest = Path(project.manifest_path)
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    watched = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "seeds", "tests"):
        watched.extend((DBT_PROJECT_DIR / folder).rglob("*"))
    return any(path.is_file() and path.stat().st_mtime > built for path in watched)


if _manifest_is_stale(dbt_project) or os.environ.get("CRMWH_DBT_PARSE") == "1":
    dbt_resource.cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


class CrmwhDbtTranslator(DagsterDbtTranslator):
    """Groups follow the project's layers: seeds, staging, intermediate, core, metrics."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        for layer in ("metrics", "core", "intermediate", "staging"):
            if layer in fqn:
                return layer
        return "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=CrmwhDbtTranslator(), pool="duckdb")
def crmwh_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, crmwh: CrmwhResource) -> Iterator[Any]:
    target = dbt_run_target(crmwh.settings(), context.run.run_id, Path(dbt_project.target_path))
    yield from dbt.cli(["build"], context=context, target_path=target).stream()


def published_model_keys() -> list[dg.AssetKey]:
    """The dbt models the publish step copies to BI: the core and metrics layers."""
    return [spec.key for spec in crmwh_dbt_models.specs if spec.group_name in ("core", "metrics")]

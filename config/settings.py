"""Settings read from the environment (and an optional `crmwh.toml` in the data folder).

Every path the project writes to lives under `CRMWH_HOME`; every credential comes from the
environment or the config file, never from code.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_DIR / "dbt_project"

# (env var suffix, config key) per source; the secret ones are never logged.
SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "hubspot": ("BASE_URL", "TOKEN"),
    "stripe": ("BASE_URL", "API_KEY"),
    "zendesk": ("BASE_URL", "EMAIL", "TOKEN"),
}
SECRET_FIELDS = {"TOKEN", "API_KEY"}


@dataclass(frozen=True)
class SourceSettings:
    """How to reach one source system; `configured` is False when a credential is missing."""

    name: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return all(self.values.get(key) for key in SOURCE_FIELDS[self.name])

    @property
    def missing(self) -> list[str]:
        return [f"CRMWH_{self.name.upper()}_{k}" for k in SOURCE_FIELDS[self.name] if not self.values.get(k)]

    @property
    def base_url(self) -> str:
        return self.values["BASE_URL"].rstrip("/")

    def secret(self, key: str) -> str:
        return self.values[key]

    def secrets(self) -> list[str]:
        return [v for k, v in self.values.items() if k in SECRET_FIELDS and v]

    def __repr__(self) -> str:  # never print a secret by accident
        shown = {k: ("***" if k in SECRET_FIELDS else v) for k, v in self.values.items()}
        return f"SourceSettings({self.name!r}, {shown})"


@dataclass(frozen=True)
class Settings:
    home: Path
    sources: dict[str, SourceSettings]
    reporting_currency: str = "USD"
    keep_versions: int = 5

    # --- the data folder's layout ---
    @property
    def build_db(self) -> Path:
        return self.home / "build.duckdb"

    @property
    def bi_db(self) -> Path:
        return self.home / "marts.duckdb"

    @property
    def versions_dir(self) -> Path:
        return self.home / "versions"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def dlt_dir(self) -> Path:
        return self.home / "dlt"

    @property
    def landing_dir(self) -> Path:
        return self.home / "landing"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def audit_dir(self) -> Path:
        return self.home / "audit"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"

    def ensure_dirs(self) -> None:
        for path in (
            self.home,
            self.versions_dir,
            self.dagster_home,
            self.dlt_dir,
            self.landing_dir,
            self.quarantine_dir,
            self.audit_dir,
            self.state_dir,
        ):
            path.mkdir(parents=True, exist_ok=True)

    def all_secrets(self) -> list[str]:
        return [s for src in self.sources.values() for s in src.secrets()]


def _config_file_values(home: Path) -> dict:
    path = Path(os.environ.get("CRMWH_CONFIG", home / "crmwh.toml"))
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings: environment first, then the config file's `[sources.<name>]` tables."""
    env = dict(os.environ if env is None else env)
    home = Path(env.get("CRMWH_HOME", PROJECT_DIR / ".crmwh")).resolve()
    file_values = _config_file_values(home)
    sources = {}
    for name, keys in SOURCE_FIELDS.items():
        from_file = {k.upper(): str(v) for k, v in file_values.get("sources", {}).get(name, {}).items()}
        values = {}
        for key in keys:
            value = env.get(f"CRMWH_{name.upper()}_{key}") or from_file.get(key, "")
            if value:
                values[key] = value
        sources[name] = SourceSettings(name, values)
    return Settings(
        home=home,
        sources=sources,
        reporting_currency=env.get("CRMWH_REPORTING_CURRENCY", file_values.get("reporting_currency", "USD")),
        keep_versions=int(env.get("CRMWH_KEEP_VERSIONS", file_values.get("keep_versions", 5))),
    )

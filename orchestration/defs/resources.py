"""The one resource every asset shares: the project's settings, read when a step runs."""

from __future__ import annotations

import dagster as dg

from config import Settings, load_settings


class CrmwhResource(dg.ConfigurableResource):
    """Settings from the environment / config file; `home` overrides `CRMWH_HOME` when set."""

    home: str | None = None

    def settings(self) -> Settings:
        env = None
        if self.home:
            import os

            env = {**os.environ, "CRMWH_HOME": self.home}
        return load_settings(env)

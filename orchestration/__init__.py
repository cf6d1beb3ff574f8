"""Dagster wiring only: assets around the rooms below, checks, schedules and the `crmwh` CLI."""

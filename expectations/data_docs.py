"""GX Data Docs: the night's validation results as browsable HTML in $CRMWH_HOME/audit/docs.

An ephemeral GX context keeps results in memory only, and the audit runs one Dagster step per
entity (possibly one process each), so the audit uses a file context rooted in $CRMWH_HOME/audit
(GX's own files under audit/gx) whose results store outlives the step. Results arrive trimmed by
validate.trim_result (a few failing examples; every failing row id is in audit.quarantine) and only the
latest KEEP_RESULTS per suite are kept, so the site does not grow without bound.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from expectations.validate import Validator

SITE = "crmwh"
KEEP_RESULTS = 14


def docs_dir(audit_dir: Path) -> Path:
    return audit_dir / "docs"


def index_path(audit_dir: Path) -> Path:
    return docs_dir(audit_dir) / "index.html"


class DataDocs:
    """A file GX context whose validator stores every result and builds the site on demand."""

    def __init__(self, audit_dir: Path) -> None:
        audit_dir.mkdir(parents=True, exist_ok=True)
        self.audit_dir = audit_dir
        self.context = gx.get_context(mode="file", project_root_dir=str(audit_dir))
        sites = self.context.list_data_docs_sites()
        for name in [n for n in sites if n != SITE]:
            self.context.delete_data_docs_site(name)
        if SITE not in sites:
            self.context.add_data_docs_site(
                SITE,
                {
                    "class_name": "SiteBuilder",
                    "show_how_to_buttons": False,
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir(audit_dir))},
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                },
            )
        self.validator = Validator(self.context)
        self.pending: list[ValidationResultIdentifier] = []

    def store(self, suite_name: str, result: Any, run_name: str, batch: str) -> ValidationResultIdentifier:
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite_name),
            run_id=RunIdentifier(run_name=run_name, run_time=datetime.now(UTC)),
            batch_identifier=batch,
        )
        self.context.validation_results_store.set(key, result)
        self.pending.append(key)
        return key

    def build(self) -> Path:
        """Render the pending results and the index; drop results beyond the newest KEEP_RESULTS per suite."""
        self._prune()
        if self.pending:
            self.context.build_data_docs(site_names=[SITE], resource_identifiers=self.pending)
        else:
            self.context.build_data_docs(site_names=[SITE])
        self.pending = []
        return index_path(self.audit_dir)

    def _prune(self) -> None:
        store = self.context.validation_results_store
        by_suite: dict[str, list[ValidationResultIdentifier]] = {}
        for key in store.list_keys():
            by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
        for keys in by_suite.values():
            keys.sort(key=lambda k: str(k.run_id.run_time), reverse=True)
            for old in keys[KEEP_RESULTS:]:
                store.remove_key(old)
                page = docs_dir(self.audit_dir) / "validations" / Path(*old.to_tuple()).with_suffix(".html")
                page.unlink(missing_ok=True)

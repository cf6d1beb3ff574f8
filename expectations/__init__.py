"""The audit step: Great Expectations suites as code, quarantine of bad rows, count reconciliation."""

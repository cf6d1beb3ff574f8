"""DuckDB files and connections, publish and rollback of the BI file, read-only BI access."""

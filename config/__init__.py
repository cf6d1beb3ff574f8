"""Project-wide settings: where the data folder is and how each source is reached."""

from config.settings import DBT_PROJECT_DIR, PROJECT_DIR, Settings, SourceSettings, load_settings

__all__ = ["DBT_PROJECT_DIR", "PROJECT_DIR", "Settings", "SourceSettings", "load_settings"]

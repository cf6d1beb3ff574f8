"""Project-wide settings: where the data folder is and how each source is reached."""

from config.settings import Settings, SourceSettings, load_settings

__all__ = ["Settings", "SourceSettings", "load_settings"]

"""Settings changed at the till that must survive a restart, written to the config file."""

from __future__ import annotations

from pathlib import Path

from pos_app.config import Config, load_config, write_config


def save_language(config_file: Path, language: str) -> Config:
    """Re-read the file (someone may have edited it) and change only the language."""
    current = load_config(config_file)
    updated = Config.model_validate({**current.model_dump(), "language": language})
    write_config(updated, config_file)
    return updated

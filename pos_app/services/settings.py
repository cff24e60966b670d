"""Settings changed at the till that must survive a restart, written to the config file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pos_app.config import Config, load_config, write_config


def update_config(config_file: Path, **changes: Any) -> Config:
    """Re-read the file (someone may have edited it), replace only the given top-level keys,
    validate the whole and write it; a bad value raises ConfigError and nothing is written."""
    current = load_config(config_file)
    updated = Config.model_validate({**current.model_dump(), **changes})
    write_config(updated, config_file)
    return updated

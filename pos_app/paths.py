"""Where the till keeps its config, data and logs (platformdirs, overridable)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "o2o-till"
APP_AUTHOR = "O2O"


def default_config_file() -> Path:
    return Path(user_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml"


def default_data_dir() -> Path:
    """`POS_DATA_DIR` wins over the platform's user data dir."""
    env = os.environ.get("POS_DATA_DIR")
    return Path(env) if env else Path(user_data_dir(APP_NAME, APP_AUTHOR))

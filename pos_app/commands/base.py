"""What `pos_app.cli` and the command modules share, kept out of `pos_app.cli` itself.

`python -m pos_app.cli` runs the CLI as `__main__`; a command module importing `pos_app.cli`
would load it a second time, with a second `CliError` class that `main()` does not catch, and a
command's one-line error became a traceback. Command modules import this module instead (an
import-linter contract keeps it so).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos_app.paths import default_config_file, default_data_dir

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

#: Set by `pos_app.demo_platform`: stop the platform when its parent's stdin pipe closes.
EXIT_ON_STDIN_EOF = "POS_PLATFORM_EXIT_ON_STDIN_EOF"


class CliError(Exception):
    """A failure to report as one line on stderr."""


def paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The config file and data dir the command line (or the defaults) name."""
    config_file = Path(args.config) if args.config else default_config_file()
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    return config_file, data_dir


def self_command() -> list[str]:
    """argv that runs `pos-app` again: the frozen executable itself, or this Python with -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "pos_app.cli"]

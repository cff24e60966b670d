"""Tests that need two monitors: Qt's offscreen platform given two screens by `screens.json`.

The platform is fixed when the QApplication starts, so these run in their own pytest process
(started by `tests/gui/test_customer_two_screens.py`); in the main run they are not collected.
"""

from __future__ import annotations

import os
from pathlib import Path

SCREENS = Path(__file__).with_name("screens.json")
PLATFORM = f"offscreen:configfile={SCREENS}"

if os.environ.get("QT_QPA_PLATFORM") != PLATFORM:
    collect_ignore_glob = ["test_*.py"]

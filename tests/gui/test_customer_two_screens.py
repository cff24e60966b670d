"""Runs `two_screens/` in a child pytest whose Qt offscreen platform has two monitors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_customer_screen_on_a_second_monitor(tmp_path):
    platform = f"offscreen:configfile={HERE / 'two_screens' / 'screens.json'}"  # as two_screens/conftest.py
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'child'}", str(HERE / "two_screens")],
                         env=env, capture_output=True, text=True, timeout=600, cwd=HERE.parents[1])
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout

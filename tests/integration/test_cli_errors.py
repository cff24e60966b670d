"""A command's failure is one line on stderr, also when the CLI runs as `python -m pos_app.cli`."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(tmp_path, *args):
    cmd = [sys.executable, "-m", "pos_app.cli", "--config", str(tmp_path / "config.toml"),
           "--data-dir", str(tmp_path / "data"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_an_error_raised_in_a_command_module_is_one_line(tmp_path):
    out = run_cli(tmp_path, "report", "z", "--date", "2020-01-01")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pos-app: ") and "2020-01-01" in lines[0]


def test_sync_without_a_platform_is_one_line(tmp_path):
    out = run_cli(tmp_path, "sync", "--once")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]
    assert "pair first" in out.stderr


def test_the_cli_module_is_loaded_once():
    code = ("import runpy, sys; sys.argv = ['pos-app', '--version']\n"
            "try:\n    runpy.run_module('pos_app.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('pos_app.cli' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr

"""The one-folder bundle of `make dist`, run as a store would: `make package-check` runs this
with POS_FROZEN_BUNDLE=dist/o2o-till (it is skipped in `make test`, which builds no bundle)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hw_fakes import FakeTcpPrinter, wait_until
from packaged_helpers import clean_env, run_window, translated

BUNDLE = os.environ.get("POS_FROZEN_BUNDLE")
READY = {1: b"\x16", 2: b"\x12", 3: b"\x12", 4: b"\x12"}  # DLE EOT 1-4 of a ready printer
pytestmark = [pytest.mark.skipif(not BUNDLE, reason="set POS_FROZEN_BUNDLE (make package-check)"),
              pytest.mark.timeout(600)]


def program(name: str) -> list[str]:
    path = Path(BUNDLE).resolve() / (f"{name}.exe" if os.name == "nt" else name)
    assert path.is_file(), f"no bundle at {path}: run make dist"
    return [str(path)]


@pytest.fixture(scope="module")
def exe() -> list[str]:
    """The command-line program of the bundle."""
    return program("pos-app")


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("frozen")


def till(exe, work, *args, timeout=180):
    base = [*exe, "--config", str(work / "config.toml"), "--data-dir", str(work / "data")]
    return subprocess.run([*base, *args], cwd=work, capture_output=True, text=True, timeout=timeout, env=clean_env())


def test_version(exe, work):
    out = subprocess.run([*exe, "--version"], capture_output=True, text=True, timeout=60, env=clean_env())
    assert out.returncode == 0 and out.stdout.startswith("o2o-till ")


def test_init_and_selfcheck_in_a_temp_data_dir(exe, work):
    out = till(exe, work, "init")
    assert out.returncode == 0, out.stderr
    assert (work / "config.toml").is_file() and (work / "data" / "till.db").is_file()
    check = till(exe, work, "selfcheck")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "translations" in check.stdout


def test_seed_demo_and_a_backup(exe, work):
    """Seeding needs pypinyin's dictionaries and the migrations as files: both must be in the bundle."""
    out = till(exe, work, "seed-demo")
    assert out.returncode == 0, out.stderr
    con = sqlite3.connect(work / "data" / "till.db")
    assert con.execute("SELECT count(*) FROM products").fetchone()[0] > 0
    backup = till(exe, work, "backup", "--to", str(work / "copy.db"))
    assert backup.returncode == 0 and (work / "copy.db").is_file(), backup.stderr


def test_a_receipt_renders_to_a_printer(exe, work):
    """ESC/POS rendering loads python-escpos' capability data: it must be in the bundle. The
    printer answers the status queries like a ready one (a device check passes only then)."""
    printer = FakeTcpPrinter(status=READY)
    try:
        out = till(exe, work, "devices", "test", "printer", "--url", printer.url)
        assert out.returncode == 0, out.stdout + out.stderr
        assert wait_until(lambda: printer.received.count(b"\x1dV") > 0)  # the test page was cut
    finally:
        printer.close()


def test_the_window_runs_offscreen_in_chinese(work):
    report = run_window(program("o2o-till"), work, "zh_CN", linger_ms=3000)
    assert translated("Sign in to the till") in report["texts"]
    assert Path(work / "probe.png").stat().st_size > 0

"""The `pos-app` command as an installer uses it, run as a real process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest


def pos_app(*args, data_dir, config=None, env=None, timeout=120):
    cfg = config or (data_dir.parent / "config.toml")
    cmd = [sys.executable, "-m", "pos_app.cli", "--config", str(cfg), "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


def test_version():
    out = subprocess.run([sys.executable, "-m", "pos_app.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("o2o-till ")


def test_init_is_idempotent_and_writes_the_default_config(tmp_path):
    data = tmp_path / "data"
    first = pos_app("init", data_dir=data)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "config.toml").exists()
    second = pos_app("init", data_dir=data)
    assert second.returncode == 0 and "Wrote default config" not in second.stdout


def test_seed_demo_prints_staff_and_is_idempotent(tmp_path):
    data = tmp_path / "data"
    out = pos_app("seed-demo", "--products", "300", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "PIN 8888" in out.stdout and "349 products" in out.stdout
    again = pos_app("seed-demo", "--products", "300", data_dir=data)
    assert "349 products (0 generated now)" in again.stdout and "PIN" not in again.stdout
    con = sqlite3.connect(data / "till.db")
    assert con.execute("SELECT count(*) FROM users").fetchone() == (5,)
    assert con.execute("SELECT count(DISTINCT sku) FROM products").fetchone() == (349,)


def test_selfcheck_passes_on_a_fresh_install(tmp_path):
    data = tmp_path / "data"
    pos_app("init", data_dir=data)
    out = pos_app("selfcheck", data_dir=data)
    assert out.returncode == 0, out.stdout + out.stderr


def test_selfcheck_reports_a_schema_behind_head(tmp_path):
    data = tmp_path / "data"
    pos_app("init", data_dir=data)
    con = sqlite3.connect(data / "till.db")
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    out = pos_app("selfcheck", data_dir=data)
    assert out.returncode == 1
    assert "FAIL schema: at nothing" in out.stdout


def test_bad_config_exits_with_one_clear_message(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('cash_rounding = "round_it"\n')
    out = pos_app("init", data_dir=tmp_path / "data", config=cfg)
    assert out.returncode == 1
    assert str(cfg) in out.stderr and "cash_rounding" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "data" / "till.db").exists()


def test_unwritable_data_dir_is_refused(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = pos_app("init", data_dir=blocker / "data", config=tmp_path / "config.toml")
    assert out.returncode == 1
    assert "is not writable" in out.stderr and "--data-dir" in out.stderr


def test_unwritable_config_location_is_refused(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = pos_app("init", data_dir=tmp_path / "data", config=blocker / "config.toml")
    assert out.returncode == 1
    assert "cannot be written" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere; covered by the test above")
def test_read_only_data_dir_is_refused(tmp_path):
    data = tmp_path / "ro"
    data.mkdir(mode=0o500)
    out = pos_app("init", data_dir=data)
    assert out.returncode == 1 and "is not writable" in out.stderr


def test_non_sqlite_database_is_refused_unchanged(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "till.db").write_text("hello")
    out = pos_app("init", data_dir=data)
    assert out.returncode == 1 and "not an SQLite file" in out.stderr
    assert (data / "till.db").read_text() == "hello"


def test_second_till_on_the_same_data_dir_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from pos_app.store.lock import DataDirLock;"
         "lock = DataDirLock(Path(sys.argv[1])); lock.acquire(); print('locked', flush=True); time.sleep(60)", str(data)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        out = pos_app("run", data_dir=data)
        assert out.returncode == 1
        assert f"pid {holder.pid}" in out.stderr and "already running" in out.stderr
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(("backend", "ok"), [("keyring.backends.fail.Keyring", False),
                                             ("tests_support.MemoryKeyring", True)])
def test_selfcheck_checks_the_keyring_of_a_syncing_till(tmp_path, backend, ok):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[platform]\nurl = "http://127.0.0.1:8765"\n')
    data = tmp_path / "data"
    pos_app("init", data_dir=data, config=cfg)
    out = pos_app("selfcheck", data_dir=data, config=cfg,
                  env={"PYTHON_KEYRING_BACKEND": backend, "PYTHONPATH": "tests"})
    assert (out.returncode == 0) is ok, out.stdout + out.stderr
    if not ok:
        assert "FAIL keyring: no usable OS keyring" in out.stdout and "gnome-keyring" in out.stdout

"""`pos-app backup` and `pos-app restore` as real processes, and the backup service."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.bootstrap import open_database
from pos_app.config import Config
from pos_app.domain.errors import BackupFailed
from pos_app.services.backup import BackupService
from pos_app.services.demo import seed_demo
from pos_app.store import backup


def pos_app(tmp_path, *args, config_text=None):
    cfg = tmp_path / "config.toml"
    if config_text is not None:
        cfg.write_text(config_text)
    cmd = [sys.executable, "-m", "pos_app.cli", "--config", str(cfg), "--data-dir", str(tmp_path / "data"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture
def data(tmp_path) -> Path:
    db = open_database(tmp_path / "data")
    seed_demo(db, Config(language="en"))
    db.dispose()
    return tmp_path / "data"


def count(path: Path, table: str = "products") -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_backup_then_restore_brings_the_data_back(tmp_path, data):
    out = pos_app(tmp_path, "backup")
    assert out.returncode == 0, out.stderr
    copy = backup.latest_backup(data)
    assert copy is not None and str(copy) in out.stdout and copy.name.endswith("-manual.db")
    con = sqlite3.connect(data / "till.db")
    con.execute("DELETE FROM product_codes")
    con.commit()
    con.close()
    out = pos_app(tmp_path, "restore", str(copy))
    assert out.returncode == 0, out.stderr
    assert count(data / "till.db", "product_codes") == count(copy, "product_codes") > 0
    replaced = [p for p in backup.list_backups(data) if p.name.endswith("-before-restore.db")]
    assert len(replaced) == 1 and count(replaced[0], "product_codes") == 0  # the restore lost nothing either
    assert f"kept as {replaced[0]}" in out.stdout


def test_backup_to_a_chosen_file(tmp_path, data):
    target = tmp_path / "usb" / "till-copy.db"
    out = pos_app(tmp_path, "backup", "--to", str(target))
    assert out.returncode == 0, out.stderr
    assert count(target) == count(data / "till.db")
    again = pos_app(tmp_path, "backup", "--to", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr and len(again.stderr.splitlines()) == 1


def test_backup_while_the_till_runs(tmp_path, data):
    """Online: a process holding the data dir (and writing) does not stop a backup."""
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path\n"
         "from pos_app.store.lock import DataDirLock\n"
         "import sqlite3\n"
         "lock = DataDirLock(Path(sys.argv[1])); lock.acquire()\n"
         "con = sqlite3.connect(Path(sys.argv[1]) / 'till.db', isolation_level=None)\n"
         "con.execute('PRAGMA journal_mode=WAL')\n"
         "con.execute('CREATE TABLE scratch (x)')\n"
         "print('ready', flush=True)\n"
         "for i in range(20000):\n"
         "    con.execute('INSERT INTO scratch VALUES (?)', (i,))\n"
         "    time.sleep(0.001)\n",
         str(data)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        out = pos_app(tmp_path, "backup")
        assert out.returncode == 0, out.stderr
        restore = pos_app(tmp_path, "restore", str(backup.latest_backup(data)))
        assert restore.returncode == 1 and "while the till runs" in restore.stderr
        assert len(restore.stderr.strip().splitlines()) == 1
    finally:
        writer.kill()
        writer.wait()
    assert backup.check_till_database(backup.latest_backup(data))


@pytest.mark.parametrize("content, message", [
    (b"hello, not a database", "not an SQLite file"),
    (None, "not an O2O Till database"),
    (b"", "not an SQLite file"),
])
def test_restore_refuses_a_file_that_is_not_a_till_database(tmp_path, data, content, message):
    bogus = tmp_path / "bogus.db"
    if content is None:
        sqlite3.connect(bogus).execute("CREATE TABLE t (x)").connection.commit()
    else:
        bogus.write_bytes(content)
    before = (data / "till.db").read_bytes()
    out = pos_app(tmp_path, "restore", str(bogus))
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
    assert (data / "till.db").read_bytes() == before
    assert backup.list_backups(data) == []


def test_restore_of_a_missing_file(tmp_path, data):
    out = pos_app(tmp_path, "restore", str(tmp_path / "nope.db"))
    assert out.returncode == 1 and "does not exist" in out.stderr


def test_old_backups_are_pruned_by_the_config_setting(tmp_path, data):
    for _ in range(4):
        assert pos_app(tmp_path, "backup", config_text="[backup]\nkeep = 2\n").returncode == 0
        time.sleep(0.01)
    assert len(backup.list_backups(data)) == 2


def test_backup_config_is_validated(tmp_path, data):
    out = pos_app(tmp_path, "backup", config_text="[backup]\nkeep = 0\n")
    assert out.returncode == 1 and "backup.keep" in out.stderr


def test_service_prunes_and_names_its_copies(data):
    service = BackupService(data / "till.db", keep=3)
    made = [service.back_up_now() for _ in range(5)]
    assert backup.list_backups(data) == made[-3:]
    assert all(p.name.startswith("till-") and p.name.endswith("-manual.db") for p in made)
    assert backup.latest_backup(data) == made[-1]


def test_service_failure_is_a_pos_error(tmp_path):
    service = BackupService(tmp_path / "till.db", keep=3)
    with pytest.raises(BackupFailed) as err:
        service.back_up_now()
    assert err.value.code == "backup.failed" and "no database" in err.value.message

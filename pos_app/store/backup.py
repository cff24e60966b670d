"""Copies of the store database made with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot while the till keeps selling (WAL readers do not
block the writer), which a file copy of `till.db` + `-wal` cannot promise.

Backups live in `<data dir>/backups/` and are named `till-<UTC time>-<reason>.db`, for example
`till-20261201T045500Z-manual.db` or `till-20261201T045500Z-before-0010.db` (made before the
migration to schema 0010). Names sort by time, so the newest is the last; `latest_backup()` finds it.
Each copy is a single self-contained file (rollback journal mode), safe to carry on a USB stick.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from pos_app.store.db import DatabaseError

BACKUP_DIRNAME = "backups"
_NAME = re.compile(r"^till-\d{8}T\d{6}(\d{6})?Z-[a-z0-9.-]+\.db$")
#: Tables every till database has since the first schema; a file without them is something else.
_TILL_TABLES = {"alembic_version", "tills", "products", "sales", "outbox"}


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def new_backup_path(data_dir: Path, reason: str, now: datetime | None = None) -> Path:
    """`<data dir>/backups/till-<UTC time>-<reason>.db`; with microseconds when another backup
    was made in the same second, so the names still sort in the order the copies were made."""
    now = now or datetime.now(UTC)
    folder = backup_dir(data_dir)
    if folder.is_dir() and any(folder.glob(f"till-{now:%Y%m%dT%H%M%S}*")):
        return folder / f"till-{now:%Y%m%dT%H%M%S%f}Z-{reason}.db"
    return folder / f"till-{now:%Y%m%dT%H%M%S}Z-{reason}.db"


def list_backups(data_dir: Path) -> list[Path]:
    """The backups in `<data dir>/backups/`, oldest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.match(p.name)), key=lambda p: p.name.split("Z-", 1)[0])


def latest_backup(data_dir: Path) -> Path | None:
    backups = list_backups(data_dir)
    return backups[-1] if backups else None


def prune_backups(data_dir: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups; returns what was deleted."""
    doomed = list_backups(data_dir)[:-keep] if keep > 0 else list_backups(data_dir)
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def copy_database(source: Path, target: Path) -> Path:
    """Online copy of `source` to a new file `target` (written beside it first, then renamed)."""
    if not source.is_file():
        raise DatabaseError(f"There is no database at {source} to back up.")
    if target.exists():
        raise DatabaseError(f"{target} already exists; choose another file name. Nothing was written.")
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        if partial.parent.is_dir():
            partial.unlink(missing_ok=True)
        raise DatabaseError(f"Backing up {source} to {target} failed: {exc}. Nothing was changed.") from None
    return target


def check_till_database(path: Path) -> str:
    """The schema revision of a file that is an intact till database; DatabaseError otherwise."""
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist.")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"{path} is not an O2O Till database (not an SQLite file). Nothing was changed.")
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = _TILL_TABLES - tables
            if missing:
                raise DatabaseError(f"{path} is an SQLite file but not an O2O Till database (it has no "
                                    f"{', '.join(sorted(missing))} table). Nothing was changed.")
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be read as a till database: {exc}. Nothing was changed.") from None
    if integrity != "ok":
        raise DatabaseError(f"{path} is damaged (integrity check: {integrity}). Nothing was changed.")
    if revision is None:
        raise DatabaseError(f"{path} has no schema revision; it is not a complete till database. "
                            f"Nothing was changed.")
    return str(revision[0])


def restore_database(backup: Path, db_path: Path) -> Path | None:
    """Replace the database at `db_path` with `backup`; the database it replaces is first backed
    up itself (returned), so a restore loses nothing either. The till must not be running."""
    check_till_database(backup)
    previous = None
    if db_path.is_file() and db_path.stat().st_size > 0:
        previous = copy_database(db_path, new_backup_path(db_path.parent, "before-restore"))
    try:
        src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(db_path)
            try:
                src.backup(dst)  # writes through the target's own journal: all or nothing
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"Restoring {backup} into {db_path} failed: {exc}. The database is as it was"
                            + (f"; a copy of it is at {previous}." if previous else ".")) from None
    return previous

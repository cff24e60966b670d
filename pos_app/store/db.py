"""SQLite engine with the settings money needs, on every connection.

WAL lets the sync worker read while the cashier writes; synchronous=FULL makes a committed sale
survive a power cut; write transactions start with BEGIN IMMEDIATE so two writers never deadlock
on a lock upgrade. Read-only units of work use a deferred BEGIN (`sqlite_begin="DEFERRED"`).

Two kinds of write commit with synchronous=NORMAL instead (`sqlite_synchronous`, see
`Database.uow`): what the platform can send again (the sync worker's), and the journal appends of
an open ticket before Total, which are not money until a tender is on (issue 15: the fsync was
the largest single part of a scan). In WAL mode a NORMAL commit is still atomic and survives the
process being killed (SIGKILL, a crash): only an OS crash or a power cut can take back the last
such commits, and then whole and in order (a WAL frame past the last sync is dropped with every
later one). Any FULL commit after them (a payment, Total, the sale, the ticket's whole save or a
synced append every `JOURNAL_LIMIT` entries: see `CheckoutService._save_open`) syncs the WAL they
are in, so they are durable from then on: a tendered or completed sale never depends on an
unsynced scan. A design departure from "every change is
synced": the cashier may have to scan the last items again after a power cut, never to redo a sale.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


class DatabaseError(Exception):
    """The database file cannot be used; the message says what to do."""


def _on_connect(dbapi_conn: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
    # Take transaction control away from the driver so BEGIN IMMEDIATE is ours to issue.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        for pragma in PRAGMAS:
            cur.execute(pragma)
    finally:
        cur.close()
    record.info["synchronous"] = "FULL"  # what PRAGMAS set: `_on_begin` changes it only when needed


def _on_begin(conn: Connection) -> None:
    """Begin the transaction as `make_engine` says. On the driver's connection directly: these
    statements have no parameters and no rows, and going through SQLAlchemy's execution cost
    more than the rest of a scan's statements together (issue 15)."""
    options = conn.get_execution_options()
    mode = options.get("sqlite_begin", "IMMEDIATE")
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    if mode == "IMMEDIATE":  # a write: FULL unless the module docstring's exceptions (see `uow`)
        wanted = options.get("sqlite_synchronous", "FULL")
        if conn.info.get("synchronous") != wanted:  # one statement less per write when unchanged
            driver.execute(f"PRAGMA synchronous={wanted}")
            conn.info["synchronous"] = wanted
    driver.execute(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    """Engine for the store database at `path` (created if missing)."""
    engine = create_engine(f"sqlite+pysqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before anything writes to it."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not the till's database file. Move it away or point "
                            f"--data-dir at another folder; nothing was changed.")
    check_previous_life(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        magic = fh.read(16)
    if magic != b"SQLite format 3\x00":
        raise DatabaseError(
            f"{path} is not an O2O Till database (not an SQLite file). Move it away or point "
            f"--data-dir at another folder; nothing was changed."
        )


#: What a till leaves in its data dir once it has run: logs, receipt previews, backups.
_TRACES = ("logs/*.log*", "previews/*", "backups/*", "*.db.bak*", "*.bak", "*.backup")


def _has_schema(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return bool(con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0])
    except sqlite3.DatabaseError:
        return True  # not ours to judge here: check_sqlite_file and the migration report it
    finally:
        con.close()


def check_previous_life(path: Path) -> None:
    """Refuse an empty or schema-less database in a data dir that shows the till has run before:
    starting afresh there would restart receipt numbers at 000001 and forget unsent sales."""
    if not path.is_file():
        return
    if path.stat().st_size > 0 and _has_schema(path):
        return
    data_dir = path.parent
    traces = [p for pattern in _TRACES for p in data_dir.glob(pattern) if p.is_file() and p != path]
    if not traces:
        return
    backups = sorted((p for p in traces if "bak" in p.name or p.parent.name == "backups"),
                     key=lambda p: p.stat().st_mtime)
    restore = (f"restore the latest backup, {backups[-1]}, as {path}" if backups else
               f"restore {path.name} from your latest backup (none was found in {data_dir})")
    raise DatabaseError(
        f"{path} is {'empty' if path.stat().st_size == 0 else 'an SQLite file without the till tables'}, "
        f"but this data dir has been used before ({traces[0].relative_to(data_dir)}): {restore}. "
        f"Nothing was changed; if this till never sold anything, delete {path.name} to start afresh."
    )


MIN_SQLITE = (3, 35)  # FTS5 trigram (3.34) and ALTER TABLE DROP COLUMN (3.35, migration 0024's downgrade)


def check_fts5(engine: Engine, version: tuple[int, ...] = sqlite3.sqlite_version_info) -> None:
    """The product search needs FTS5 with the trigram tokenizer; the migrations need SQLite >= 3.35."""
    if tuple(version) < MIN_SQLITE:
        raise DatabaseError(
            f"This Python's SQLite ({'.'.join(map(str, version))}) is older than 3.35, which the till's "
            f"database needs. Install a Python built with SQLite >= 3.35 and FTS5."
        )
    with engine.connect() as conn:
        try:
            conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')")
            conn.exec_driver_sql("DROP TABLE temp.fts5_probe")
        except Exception as exc:  # sqlite3.OperationalError wrapped by SQLAlchemy
            raise DatabaseError(
                f"This Python's SQLite ({sqlite3.sqlite_version}) lacks FTS5 with the trigram tokenizer, "
                f"which product search needs. Install a Python built with SQLite >= 3.35 and FTS5."
            ) from exc

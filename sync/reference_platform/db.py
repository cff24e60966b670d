"""The reference platform's own SQLite database (plain sqlite3).

All resources live in one ``entities`` table: the row of a key holds its latest state and the
sequence number of its last change, so the change feed is "rows with seq > cursor, in seq
order" and a deletion is a row with ``deleted = 1`` (a tombstone). Write transactions are
serialised (BEGIN IMMEDIATE), so commit order equals seq order and a reader never skips one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from sync.reference_platform import member_ledger

SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    resource TEXT NOT NULL,
    scope TEXT NOT NULL,          -- '' for chain-wide resources, the store id for store ones
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    data TEXT,
    PRIMARY KEY (resource, scope, key)
);
CREATE INDEX IF NOT EXISTS entities_feed ON entities (resource, scope, seq);
CREATE TABLE IF NOT EXISTS media_blobs (   -- the bytes of the media feed's images
    store_id TEXT NOT NULL, media_id TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (store_id, media_id)
);
CREATE TABLE IF NOT EXISTS feed_horizons (
    resource TEXT NOT NULL, scope TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (resource, scope)
);
CREATE TABLE IF NOT EXISTS pairing_codes (
    code TEXT PRIMARY KEY, store_id TEXT NOT NULL, till_id TEXT NOT NULL,
    expires_at TEXT NOT NULL, used_at TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    token_hash TEXT PRIMARY KEY, store_id TEXT NOT NULL, till_id TEXT NOT NULL,
    device_name TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS pushes (
    store_id TEXT NOT NULL, idem_key TEXT NOT NULL, kind TEXT NOT NULL, body_hash TEXT NOT NULL,
    body TEXT NOT NULL, result TEXT NOT NULL, received_at TEXT NOT NULL, till_id TEXT NOT NULL,
    PRIMARY KEY (store_id, idem_key)
);
CREATE TABLE IF NOT EXISTS sales (
    store_id TEXT NOT NULL, sale_id TEXT NOT NULL, idem_key TEXT NOT NULL, receipt_no TEXT NOT NULL,
    total_fen INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (store_id, sale_id)
);
CREATE TABLE IF NOT EXISTS z_reports (
    store_id TEXT NOT NULL, till_id TEXT NOT NULL, business_date TEXT NOT NULL, body_hash TEXT NOT NULL,
    body TEXT NOT NULL, result TEXT NOT NULL, PRIMARY KEY (store_id, till_id, business_date)
);
-- pickup codes (see signing.py): the QR signing key, the code pepper, each order's code MAC
CREATE TABLE IF NOT EXISTS signing_keys (
    key_id TEXT PRIMARY KEY, purpose TEXT NOT NULL, private_key BLOB NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS platform_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pickup_codes (
    order_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, code_mac TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pickup_codes_mac ON pickup_codes (store_id, code_mac);
"""

#: Resources whose items belong to one store (the others are chain-wide).
STORE_SCOPED = frozenset({"stock", "pickup_orders", "store_profile", "staff", "media"})
#: Resources whose items belong to one till of a store (scope "STORE/TILL").
TILL_SCOPED = frozenset({"device_settings", "member_allowances"})


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def connect(path: str) -> sqlite3.Connection:
    """A connection with the settings every connection needs (WAL, busy timeout, FKs)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a killed process (only power loss can drop the last commits).
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def init_db(path: str) -> None:
    conn = connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.executescript(member_ledger.SCHEMA)
        member_ledger.add_hold_expiry(conn)
        member_ledger.add_entry_ref(conn)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(pairing_codes)")}
        for column in ("used_by_key", "token_hash"):  # a retried pairing: who spent the code, for which token
            if column not in columns:
                conn.execute(f"ALTER TABLE pairing_codes ADD COLUMN {column} TEXT")
    finally:
        conn.close()


@contextlib.contextmanager
def write_tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def scope_for(resource: str, store_id: str, till_id: str = "") -> str:
    if resource in TILL_SCOPED:
        return f"{store_id}/{till_id}"
    return store_id if resource in STORE_SCOPED else ""


def live_count(conn: sqlite3.Connection, resource: str, scope: str) -> int:
    row = conn.execute(
        "SELECT count(*) FROM entities WHERE resource = ? AND scope = ? AND deleted = 0", (resource, scope)
    ).fetchone()
    return int(row[0])


def next_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "INSERT INTO counters (name, value) VALUES ('seq', 1) "
        "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
    ).fetchone()
    return int(row[0])


def put_entity(conn: sqlite3.Connection, resource: str, scope: str, key: str, data: dict[str, Any] | None) -> None:
    """Record the new state of ``key`` (or its deletion when ``data`` is None). Call in a tx."""
    conn.execute(
        "INSERT INTO entities (resource, scope, key, seq, deleted, data) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (resource, scope, key) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, "
        "data = excluded.data",
        (
            resource,
            scope,
            key,
            next_seq(conn),
            1 if data is None else 0,
            None if data is None else json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        ),
    )


def get_entity(conn: sqlite3.Connection, resource: str, scope: str, key: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT data FROM entities WHERE resource = ? AND scope = ? AND key = ? AND deleted = 0",
        (resource, scope, key),
    ).fetchone()
    return None if row is None else json.loads(row[0])


def horizon(conn: sqlite3.Connection, resource: str, scope: str) -> int:
    row = conn.execute(
        "SELECT seq FROM feed_horizons WHERE resource = ? AND scope = ?", (resource, scope)
    ).fetchone()
    return 0 if row is None else int(row[0])


def feed_rows(conn: sqlite3.Connection, resource: str, scope: str, after: int, limit: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT key, seq, deleted, data FROM entities WHERE resource = ? AND scope = ? AND seq > ? "
        "ORDER BY seq LIMIT ?",
        (resource, scope, after, limit),
    ).fetchall()


def max_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()
    return 0 if row is None else int(row[0])


def compact(conn: sqlite3.Connection, resource: str, scope: str) -> int:
    """Forget tombstones of ``resource``: cursors from before now expire (410). Call in a tx."""
    top = max_seq(conn)
    conn.execute("DELETE FROM entities WHERE resource = ? AND scope = ? AND deleted = 1", (resource, scope))
    conn.execute(
        "INSERT INTO feed_horizons (resource, scope, seq) VALUES (?, ?, ?) "
        "ON CONFLICT (resource, scope) DO UPDATE SET seq = excluded.seq",
        (resource, scope, top),
    )
    return top

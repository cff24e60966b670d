"""A small, honest SyncStorage over a real SQLite file, as the app's store would implement it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

from sync.protocol import FeedItem, PushResult, WireModel
from sync.storage import Conflict, OutboxEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
    aggregate_id TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT, result TEXT
);
CREATE TABLE IF NOT EXISTS conflicts (
    event_id TEXT PRIMARY KEY, kind TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    order_status TEXT
);
CREATE TABLE IF NOT EXISTS cursors (resource TEXT PRIMARY KEY, cursor TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    resource TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (resource, key)
);
"""


class SqliteSyncStorage:
    """Outbox, cursors and pulled items in one SQLite file; each method is one transaction."""

    def __init__(self, path: str) -> None:
        # Used by one thread at a time, but not always the one that opened it.
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def _tx(self) -> _Tx:
        return _Tx(self.conn)

    # -- the app's side: what checkout would do --------------------------------------------

    def add_event(self, kind: str, aggregate_id: str, payload: dict[str, Any]) -> str:
        event_id = uuid.uuid4().hex
        with self._tx():
            self.conn.execute(
                "INSERT INTO outbox (id, kind, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                (event_id, kind, aggregate_id, json.dumps(payload), dt.datetime.now(dt.UTC).isoformat()),
            )
        return event_id

    def add_events(self, events: Sequence[tuple[str, str, dict[str, Any]]]) -> list[str]:
        ids = []
        now = dt.datetime.now(dt.UTC).isoformat()
        with self._tx():
            for kind, aggregate_id, payload in events:
                ids.append(uuid.uuid4().hex)
                self.conn.execute(
                    "INSERT INTO outbox (id, kind, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    (ids[-1], kind, aggregate_id, json.dumps(payload), now),
                )
        return ids

    def count(self, state: str) -> int:
        return self.conn.execute("SELECT count(*) FROM outbox WHERE state = ?", (state,)).fetchone()[0]

    def event_row(self, event_id: str) -> dict[str, Any]:
        cur = self.conn.execute("SELECT * FROM outbox WHERE id = ?", (event_id,))
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))

    def conflicts(self) -> list[tuple]:
        return self.conn.execute("SELECT event_id, kind, code, order_status FROM conflicts").fetchall()

    def item(self, resource: str, key: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT data FROM items WHERE resource = ? AND key = ?", (resource, key)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def item_count(self, resource: str) -> int:
        return self.conn.execute("SELECT count(*) FROM items WHERE resource = ?", (resource,)).fetchone()[0]

    # -- SyncStorage ---------------------------------------------------------------------

    def pending_events(self, limit: int) -> list[OutboxEvent]:
        rows = self.conn.execute(
            "SELECT id, kind, aggregate_id, payload, created_at, attempts FROM outbox "
            "WHERE state = 'pending' ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            OutboxEvent(id=r[0], kind=r[1], aggregate_id=r[2], payload=json.loads(r[3]),
                        created_at=dt.datetime.fromisoformat(r[4]), attempts=r[5])
            for r in rows
        ]

    def mark_acknowledged(self, event_id: str, result: PushResult) -> None:
        with self._tx():
            self.conn.execute(
                "UPDATE outbox SET state = 'acked', result = ? WHERE id = ? AND state = 'pending'",
                (result.model_dump_json(), event_id),
            )

    def record_conflict(self, conflict: Conflict) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR REPLACE INTO conflicts (event_id, kind, code, message, order_status) VALUES (?, ?, ?, ?, ?)",
                (conflict.event_id, conflict.kind, conflict.code, conflict.message, conflict.order_status),
            )

    def mark_dead(self, event_id: str, error: str) -> None:
        with self._tx():
            self.conn.execute("UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ?", (error, event_id))

    def mark_acknowledged_many(self, acks: Sequence[tuple[str, PushResult]]) -> None:
        with self._tx():
            self.conn.executemany(
                "UPDATE outbox SET state = 'acked', result = ? WHERE id = ? AND state = 'pending'",
                [(result.model_dump_json(), event_id) for event_id, result in acks],
            )

    def record_attempt(self, event_id: str, error: str, answered: bool = False) -> None:
        with self._tx():
            self.conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", (error, event_id)
            )

    def get_cursor(self, resource: str) -> str | None:
        row = self.conn.execute("SELECT cursor FROM cursors WHERE resource = ?", (resource,)).fetchone()
        return None if row is None else row[0]

    def apply_page(self, resource: str, items: Sequence[FeedItem[Any]], new_cursor: str) -> None:
        with self._tx():
            for item in items:
                if item.deleted:
                    self.conn.execute("DELETE FROM items WHERE resource = ? AND key = ?", (resource, item.key))
                else:
                    assert item.data is not None
                    self.conn.execute(
                        "INSERT OR REPLACE INTO items (resource, key, data) VALUES (?, ?, ?)",
                        (resource, item.key, item.data.model_dump_json()),
                    )
            self._set_cursor(resource, new_cursor)

    def apply_snapshot(self, resource: str, items: Sequence[WireModel], cursor: str) -> None:
        with self._tx():
            self.conn.execute("DELETE FROM items WHERE resource = ?", (resource,))
            self.conn.executemany(
                "INSERT INTO items (resource, key, data) VALUES (?, ?, ?)",
                [(resource, getattr(i, type(i).KEY_FIELD), i.model_dump_json()) for i in items],
            )
            self._set_cursor(resource, cursor)

    def _set_cursor(self, resource: str, cursor: str) -> None:
        self.conn.execute(
            "INSERT INTO cursors (resource, cursor) VALUES (?, ?) "
            "ON CONFLICT (resource) DO UPDATE SET cursor = excluded.cursor",
            (resource, cursor),
        )


class _Tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

"""Prebuilt statements the scan path runs, on the unit of work's own SQLite connection.

A scan runs five statements (the open shift, the promotions' version, the ticket's member, the
product, the journal entry). Through SQLAlchemy Core each cost 0.1-0.3 ms of Python (execution
context, compiled-cache lookup, result processing) around SQLite's few microseconds: about a
millisecond per scan (issue 15). These are compiled once, from the same Core statements (they
follow the models), and run with the DBAPI cursor of the unit of work's transaction
(`raw`, which flushes first as Core's autoflush would), where sqlite3's statement
cache keeps them prepared. Parameters go in as plain values and rows come back as plain tuples
of the stored values: the callers convert what needs it (a boolean column is 0/1, a timestamp
its stored text).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

_DIALECT = SQLiteDialect_pysqlite(paramstyle="named")


class Prepared:
    """One Core statement as SQLite text with its fixed values (limits, constants)."""

    def __init__(self, statement: Executable) -> None:
        compiled = statement.compile(dialect=_DIALECT)  # type: ignore[attr-defined]  # every statement compiles
        self.sql = str(compiled)
        self.fixed = {k: v for k, v in compiled.params.items() if v is not None}

    def run(self, conn: sqlite3.Connection, params: dict[str, Any]) -> sqlite3.Cursor:
        return conn.execute(self.sql, {**self.fixed, **params} if self.fixed else params)

    def one(self, conn: sqlite3.Connection, params: dict[str, Any]) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.run(conn, params).fetchone()
        return row


def raw(session: Session) -> sqlite3.Connection:
    """The SQLite connection of the session's transaction (begun if not yet), for `Prepared`
    statements. What the ORM holds unwritten is flushed first, as Core's autoflush would, so rows
    added in this unit of work count. Remembered per transaction in ``session.info``."""
    session.flush()
    transaction = session.get_transaction()
    known = session.info.get(_RAW)
    if known is not None and transaction is not None and known[0] is transaction:
        return known[1]  # type: ignore[no-any-return]
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)  # make_engine's pysqlite
    session.info[_RAW] = (session.get_transaction(), driver)
    return driver


_RAW = "prepared.raw"  # the session.info key of (transaction, its connection)

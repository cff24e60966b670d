"""Database handle and unit of work: the only way services reach the database.

A write unit of work starts with BEGIN IMMEDIATE (see `db.py`); a read-only one with a deferred
BEGIN so reads never queue behind the sync worker's writes. Leaving the block without `commit()`
rolls back, so an exception half-way through a sale writes nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy.exc
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.errors import PosError, StorageFailed, StorageFull
from pos_app.store import migrate
from pos_app.store.db import check_fts5, check_sqlite_file, make_engine
from pos_app.store.repositories import (
    AuditRepository,
    CatalogRepository,
    CursorRepository,
    OutboxRepository,
    PaymentRepository,
    PickupRepository,
    PrintJobRepository,
    ReportQueries,
    ReturnRepository,
    SaleRepository,
    ShiftRepository,
    StockRepository,
    TicketRepository,
    TillRepository,
    UserRepository,
)


class Database:
    """One store database file and its engine."""

    def __init__(self, path: Path):
        check_sqlite_file(path)
        self.path = path
        self.engine: Engine = make_engine(path)
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )

    def migrate(self) -> None:
        check_fts5(self.engine)
        migrate.upgrade(self.engine, self.path)

    def check_schema(self) -> None:
        """Refuse a newer schema and bring an older one to head."""
        if migrate.is_at_head(self.engine):
            return
        migrate.check_not_newer(self.engine)
        if migrate.current_revision(self.engine) != migrate.head_revision():
            self.migrate()

    def uow(self, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self._read if read_only else self._write)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """`with db.uow() as uow: ...; uow.commit()` — repositories share one transaction."""

    def __init__(self, factory: sessionmaker[Session]):
        self._factory = factory
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        s = self.session = self._factory()
        self.catalog = CatalogRepository(s)
        self.stock = StockRepository(s)
        self.users = UserRepository(s)
        self.tills = TillRepository(s)
        self.tickets = TicketRepository(s)
        self.sales = SaleRepository(s)
        self.audit = AuditRepository(s)
        self.outbox = OutboxRepository(s)
        self.cursors = CursorRepository(s)
        self.print_jobs = PrintJobRepository(s)
        self.shifts = ShiftRepository(s)
        self.reports = ReportQueries(s)
        self.pickup = PickupRepository(s)
        self.payments = PaymentRepository(s)
        self.returns = ReturnRepository(s)
        return self

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.session is not None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None
        if isinstance(exc, sqlalchemy.exc.OperationalError | sqlite3.OperationalError):
            mapped = storage_error(exc)
            if mapped is not None:
                raise mapped from exc


#: SQLite's words for faults of the disk under it, as the cashier is told about them.
_DISK_FULL = ("database or disk is full", "disk is full")
_DISK_FAULTS = ("disk i/o error", "attempt to write a readonly database", "unable to open database file")


def storage_error(exc: BaseException) -> PosError | None:
    """A PosError for a disk fault (the cashier's words: what happened, that nothing was lost,
    what to do); None for any other database error."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if any(words in text for words in _DISK_FULL):
        return StorageFull()
    if any(words in text for words in _DISK_FAULTS):
        return StorageFailed(detail=text.split("\n")[0][:80])
    return None

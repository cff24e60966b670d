"""Database handle and unit of work: the only way services reach the database.

A write unit of work starts with BEGIN IMMEDIATE (see `db.py`); a read-only one with a deferred
BEGIN so reads never queue behind the sync worker's writes. Leaving the block without `commit()`
rolls back, so an exception half-way through a sale writes nothing.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

import sqlalchemy.exc
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.errors import PosError, StorageFailed, StorageFull
from pos_app.store import migrate
from pos_app.store.db import BUSY_TIMEOUT_MS, check_fts5, check_sqlite_file, make_engine
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
from pos_app.store.write_gate import WriteGate


class Database:
    """One store database file and its engine."""

    def __init__(self, path: Path):
        check_sqlite_file(path)
        self.path = path
        self.engine: Engine = make_engine(path)
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        # The sync worker's writes (pulled pages with their cursors, acknowledged outbox rows) are
        # what the platform can send again: they skip the fsync per commit. WAL keeps them atomic
        # and in order; a power cut may only undo the last of them (the page is pulled again, the
        # event pushed again and answered as a replay). So do an open ticket's journal appends
        # before Total (`durable=False`, see db.py). Sales and everything else stay FULL.
        self._normal = sessionmaker(
            self.engine.execution_options(sqlite_synchronous="NORMAL"), expire_on_commit=False
        )
        self._read = sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        #: Write transactions of this process queue here, the cashier's first (`write_gate.py`).
        self.write_gate = WriteGate(BUSY_TIMEOUT_MS / 1000)

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

    def uow(self, read_only: bool = False, background: bool = False, durable: bool = True) -> UnitOfWork:
        """A unit of work; ``background`` (the sync worker) lets any waiting foreground writer go
        first and commits without an fsync; ``durable=False`` commits without one too, at the
        cashier's priority (only for what a power cut may take back: see db.py)."""
        if read_only:
            return UnitOfWork(self._read)
        return UnitOfWork(self._normal if background or not durable else self._write, self.write_gate.hold(background))

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """`with db.uow() as uow: ...; uow.commit()` — repositories share one transaction."""

    def __init__(self, factory: sessionmaker[Session], gate: AbstractContextManager[None] | None = None):
        self._factory = factory
        self._gate = gate
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The open session; only inside the `with` block."""
        if self._session is None:
            raise RuntimeError("unit of work used outside its with block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        if self._gate is not None:
            self._gate.__enter__()
        s = self._session = self._factory()
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
        self.session.commit()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
            if self._gate is not None:
                self._gate.__exit__(None, None, None)
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

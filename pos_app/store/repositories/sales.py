"""Tills and receipt sequences, open/held tickets, completed sales."""

from __future__ import annotations

import json
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pos_app.domain.ticket_codec import replay_journal
from pos_app.store.models import OpenTicket, Sale, SaleLine, SaleTender, TicketJournalEntry, Till, utcnow
from pos_app.store.prepared import Prepared, raw


class TillRepository:
    def __init__(self, session: Session):
        self.s = session

    def ensure(self, store_id: str, till_id: str) -> str:
        key = f"{store_id}-{till_id}"
        if self.s.get(Till, key) is None:
            self.s.add(Till(id=key, store_id=store_id, till_id=till_id, last_receipt_seq=0))
            self.s.flush()
        return key

    def ids(self, till_key: str) -> tuple[str, str]:
        """(store id, till id) of this till, as the platform names them."""
        till = self.s.get(Till, till_key)
        assert till is not None, till_key
        return till.store_id, till.till_id

    def next_receipt_seq(self, till_key: str) -> int:
        """Take the next number inside the sale's transaction: rolled back with it, so no gaps."""
        return int(self.s.execute(
            text("UPDATE tills SET last_receipt_seq = last_receipt_seq + 1 WHERE id = :id "
                 "RETURNING last_receipt_seq"), {"id": till_key}
        ).scalar_one())


_INSERT_TICKET = sqlite_insert(OpenTicket)
_SAVE_TICKET = _INSERT_TICKET.on_conflict_do_update(index_elements=[OpenTicket.id], set_={
    name: _INSERT_TICKET.excluded[name] for name in ("till_id", "user_id", "status", "data", "label", "updated_at")
})
_APPEND_JOURNAL = Prepared(insert(cast(Table, TicketJournalEntry.__table__)).values(
    ticket_id=bindparam("ticket_id"), entry=bindparam("entry")))  # what a scan writes: see prepared.py
_CLEAR_JOURNAL = delete(TicketJournalEntry).where(TicketJournalEntry.ticket_id == bindparam("ticket_id"))


class TicketRepository:
    def __init__(self, session: Session):
        self.s = session

    def save(self, ticket_id: str, till_key: str, user_id: str | None, status: str, data: str,
             label: str = "") -> None:
        """The whole ticket, in one upsert (no read-before-write, no statement building); the
        journal it folds in is cleared in the same transaction."""
        self.s.execute(_SAVE_TICKET, {"id": ticket_id, "till_id": till_key, "user_id": user_id,
                                      "status": status, "data": data, "label": label, "updated_at": utcnow()})
        self.s.execute(_CLEAR_JOURNAL, {"ticket_id": ticket_id})

    def append(self, ticket_id: str, entry: str) -> None:
        """One change of the open ticket (`Ticket.journal_entry`): what a scan writes, whatever
        the ticket's length. The ticket's row must have been saved whole before."""
        _APPEND_JOURNAL.run(raw(self.s), {"ticket_id": ticket_id, "entry": entry})

    def data(self, row: OpenTicket) -> str:
        """The ticket's JSON as `Ticket.to_json` gave it: the row's last whole save with its
        journal replayed (see `TicketJournalEntry`)."""
        entries = self.s.scalars(select(TicketJournalEntry.entry).where(TicketJournalEntry.ticket_id == row.id)
                                 .order_by(TicketJournalEntry.id)).all()
        if not entries:
            return row.data
        return json.dumps(replay_journal(json.loads(row.data), [json.loads(e) for e in entries]))

    def get(self, ticket_id: str) -> OpenTicket | None:
        return self.s.get(OpenTicket, ticket_id)

    def open_for(self, till_key: str) -> OpenTicket | None:
        return self.s.scalars(select(OpenTicket).where(OpenTicket.till_id == till_key,
                                                       OpenTicket.status == "open")
                              .order_by(OpenTicket.updated_at.desc())).first()

    def held(self, till_key: str) -> list[OpenTicket]:
        return list(self.s.scalars(select(OpenTicket).where(OpenTicket.till_id == till_key,
                                                            OpenTicket.status == "held")
                                   .order_by(OpenTicket.updated_at)))

    def delete(self, ticket_id: str) -> None:
        self.s.execute(delete(OpenTicket).where(OpenTicket.id == ticket_id))
        self.s.execute(_CLEAR_JOURNAL, {"ticket_id": ticket_id})


class SaleRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, sale: Sale, lines: list[SaleLine], tenders: list[SaleTender]) -> None:
        self.s.add(sale)
        self.s.flush()
        self.s.add_all(lines)
        self.s.add_all(tenders)
        self.s.flush()

    def by_ticket(self, ticket_id: str) -> Sale | None:
        return self.s.scalars(select(Sale).where(Sale.ticket_id == ticket_id)).first()

    def by_receipt(self, receipt_no: str) -> Sale | None:
        return self.s.scalars(select(Sale).where(Sale.receipt_no == receipt_no)).first()

    def lines(self, sale_id: str) -> list[SaleLine]:
        return list(self.s.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id)
                                   .order_by(SaleLine.line_no)))

    def tenders(self, sale_id: str) -> list[SaleTender]:
        return list(self.s.scalars(select(SaleTender).where(SaleTender.sale_id == sale_id)))

    def last(self, till_key: str) -> Sale | None:
        return self.s.scalars(select(Sale).where(Sale.till_id == till_key)
                              .order_by(Sale.seq.desc())).first()

    def count(self, till_key: str | None = None, since: datetime | None = None) -> int:
        stmt = select(func.count()).select_from(Sale)
        if till_key:
            stmt = stmt.where(Sale.till_id == till_key)
        if since:
            stmt = stmt.where(Sale.completed_at >= since)
        return self.s.scalar(stmt) or 0

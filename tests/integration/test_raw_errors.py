"""Database faults reach the cashier in their words (issue 22, point 14): a NUL typed into search,
a disk that fills up while a sale completes. Nothing is lost: the ticket stays open and completes
once there is room again."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from pos_app.domain.errors import StorageFull
from pos_app.services.demo_catalog import gtin13

COLA = gtin13("690000000001")


@pytest.mark.parametrize("text", ["可乐\x00", "\x00", "cola\x00'", "kkkl\t", "\x1b[2J690000000001"])
def test_search_with_control_characters_answers_normally(app, text):
    hits = app.catalog.search(text)
    assert hits == app.catalog.search(text.replace("\x00", "").replace("\t", " ").replace("\x1b", ""))


def page_count(app) -> int:
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()


def test_disk_full_while_completing_keeps_the_ticket_and_says_what_to_do(app, cashier):
    cashier.scan(COLA)
    snap = cashier.add_tender("cash", "10.00")
    limit = page_count(app)

    def full_disk(dbapi_connection, _record) -> None:  # SQLite answers SQLITE_FULL past this size
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(app.db.engine, "connect", full_disk)
    app.db.engine.dispose()
    try:
        with pytest.raises(StorageFull) as caught:
            for _ in range(50):  # the sale's rows fill the last free pages first
                done = cashier.complete(snap.ticket_id)
                cashier.scan(COLA)
                snap = cashier.add_tender("cash", "10.00")
        assert "disk is full" in caught.value.message and "nothing that was saved before is lost" in \
            caught.value.message
        assert "sqlite3" not in caught.value.message
    finally:
        event.remove(app.db.engine, "connect", full_disk)
        app.db.engine.dispose()
    open_ticket = cashier.current()
    assert open_ticket.tenders and open_ticket.lines  # the cashier's work is still there
    done = cashier.complete(open_ticket.ticket_id)
    with app.db.uow(read_only=True) as uow:
        assert uow.sales.by_ticket(open_ticket.ticket_id).receipt_no == done.receipt_no

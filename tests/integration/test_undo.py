"""Ctrl+Z on the ticket: the last line action is undone in one saved, audited step."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pos_app.services.checkout import ApprovalRequired, NothingToUndo, UndoWithPayments
from pos_app.services.demo_catalog import gtin13

COLA = gtin13("690000000001")  # 3.00
MILK = gtin13("690000000011")  # 3.50


def saved_lines(app) -> list:
    """The open ticket's lines as stored: its last whole save with its journal replayed."""
    with app.db.uow(read_only=True) as uow:
        return json.loads(uow.tickets.data(uow.tickets.open_for(app.checkout.till_key)))["lines"]


def test_undo_a_void_brings_the_line_back_and_is_audited(app, cashier):
    cashier.scan(COLA)
    line = cashier.scan(MILK).lines[-1]
    assert cashier.void_line(line.line_id).lines[-1].voided
    snap = cashier.undo()
    assert not snap.lines[-1].voided and snap.total == cashier.current().total
    assert not saved_lines(app)[-1]["voided"]  # saved, so it survives a restart
    con = sqlite3.connect(app.db.path)
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'ticket.undo'").fetchone()[0] == 1
    con.close()
    with pytest.raises(NothingToUndo):  # one step only
        cashier.undo()


@pytest.mark.parametrize("change", ["add", "quantity", "discount"])
def test_undo_puts_the_ticket_back_as_before_the_last_change(cashier, change):
    line = cashier.scan(COLA).lines[-1]
    before = cashier.current()
    if change == "add":
        cashier.scan(MILK)
    elif change == "quantity":
        cashier.set_quantity(line.line_id, "3")
    else:
        cashier.set_ticket_discount("5%")
    after = cashier.undo()
    assert (after.total, after.item_count, len(after.lines)) == (before.total, before.item_count, len(before.lines))


def test_undo_is_refused_with_payments_and_after_total_without_a_manager(cashier):
    cashier.scan(COLA)
    cashier.total()
    with pytest.raises(ApprovalRequired):  # taking the item off after Total is a void after total
        cashier.undo()
    cashier.add_tender("card", "1.00", "R1")
    with pytest.raises(UndoWithPayments):
        cashier.undo()
    assert len(cashier.current().lines) == 1


def test_nothing_to_undo_on_a_new_ticket(cashier):
    cashier.scan(COLA)
    cashier.add_tender("cash", "3")
    cashier.complete()
    with pytest.raises(NothingToUndo):
        cashier.undo()

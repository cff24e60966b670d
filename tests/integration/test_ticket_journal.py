"""The open ticket's journal: a change is appended, not the whole ticket rewritten, and the ticket
comes back whole after a SIGKILL at any instant, even one in the middle of an append."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from sqlalchemy import event
from test_crash import run_until_killed

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.domain.ticket import Ticket
from pos_app.services import checkout as checkout_module
from pos_app.services.demo_catalog import gtin13

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "journal_crash_child.py"
KILLS = 12
COLA = gtin13("690000000001")
MILK = gtin13("690000000011")


def stored(app) -> tuple[dict, int]:
    """The open ticket as the database holds it (whole save + journal) and the journal's length."""
    with app.db.uow(read_only=True) as uow:
        row = uow.tickets.open_for(app.checkout.till_key)
        data, ticket_id = json.loads(uow.tickets.data(row)), row.id
    con = sqlite3.connect(app.db.path)
    try:
        (entries,) = con.execute("SELECT count(*) FROM ticket_journal WHERE ticket_id = ?", (ticket_id,)).fetchone()
    finally:
        con.close()
    return data, entries


def state(snap) -> list:
    return [[[ln.line_id, ln.sku, str(ln.quantity), ln.voided] for ln in snap.lines], str(snap.total)]


def test_a_scan_appends_its_line_and_total_saves_the_ticket_whole(app, cashier):
    cashier.scan(COLA)  # the first save of a ticket is whole
    assert stored(app)[1] == 0
    cashier.scan(MILK)
    snap = cashier.scan(COLA)  # a repeat scan: one more on line 1
    data, entries = stored(app)
    assert entries == 2 and [ln["quantity"] for ln in data["lines"]] == ["2", "1"]
    assert state(Ticket.from_dict(data).snapshot()) == state(snap)
    cashier.total()
    data, entries = stored(app)
    assert entries == 0 and data["totalled"] and state(Ticket.from_dict(data).snapshot()) == state(snap)


def test_the_journal_is_folded_in_every_limit_entries(app, cashier, monkeypatch):
    monkeypatch.setattr(checkout_module, "JOURNAL_LIMIT", 3)
    lengths = []
    for n in range(8):
        cashier.scan(gtin13(f"6900000000{n + 1:02d}"))
        lengths.append(stored(app)[1])
    assert lengths == [0, 1, 2, 3, 0, 1, 2, 3]


def commit_levels(app) -> list[int]:
    """PRAGMA synchronous of each write transaction as it commits (1 NORMAL, 2 FULL), read within
    the committing connection."""
    seen: list[int] = []

    def level(conn) -> None:
        seen.append(conn.exec_driver_sql("PRAGMA synchronous").scalar())

    event.listen(app.db.engine, "commit", level)
    return seen


def test_items_rung_up_before_total_skip_the_fsync_and_money_keeps_it(app, cashier, monkeypatch):
    """Journal appends of items (scan, quantity) before Total commit with synchronous=NORMAL; the
    ticket's whole saves, a void, Total, a payment and the sale commit FULL (see store/db.py)."""
    monkeypatch.setattr(checkout_module, "JOURNAL_LIMIT", 3)
    seen = commit_levels(app)
    cashier.scan(COLA)  # first save: whole
    cashier.scan(MILK)  # journal entries 1..3
    cashier.scan(COLA)
    line = cashier.set_quantity(1, 5).lines[0]
    assert seen == [2, 1, 1, 1] and line.quantity == 5
    cashier.scan(MILK)  # the fourth change folds the journal into a whole save
    cashier.void_line(2)
    snap = cashier.total()
    cashier.add_tender("cash", str(snap.total))
    cashier.complete()
    assert seen == [2, 1, 1, 1, 2, 2, 2, 2, 2]


def test_adding_and_taking_off_a_payment_is_synced(app, cashier):
    """A payment and its removal commit FULL; with no money left on the ticket, items rung up
    are journal appends without the fsync again."""
    seen = commit_levels(app)
    cashier.scan(COLA)
    snap = cashier.add_tender("cash", "0.10")
    cashier.remove_tender(snap.tenders[0].tender_id)
    cashier.scan(MILK)
    assert seen == [2, 2, 2, 1]


def test_an_undo_that_takes_a_line_off_saves_the_ticket_whole(app, cashier):
    cashier.scan(COLA)
    cashier.scan(MILK)
    snap = cashier.undo()
    data, entries = stored(app)
    assert entries == 0 and [ln["line_id"] for ln in data["lines"]] == [ln.line_id for ln in snap.lines] == [1]


def test_the_ticket_survives_sigkill_in_the_middle_of_its_journal(demo_dir):
    """After each kill the ticket is what the child last reported, or one step further (the kill
    came after that step's commit, before its report): never a half-applied change, and its totals
    are those a fresh ticket computes from the same lines."""
    rnd = random.Random(20261201)
    db_path = demo_dir / "till.db"
    for kill in range(KILLS):
        reports = run_until_killed(demo_dir, seed=kill, delay=rnd.uniform(0.0, 0.3), child=CHILD)
        con = sqlite3.connect(db_path)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()
        done = [r for r in reports if r[0] == "DONE"]
        in_flight = bool(reports) and reports[-1][0] == "BEGIN"
        ctx = build_app(Config(language="en"), demo_dir)
        try:
            recovered = ctx.checkout.current()
            fresh = Ticket.from_dict(ctx.checkout._load().to_dict(), ctx.checkout.tender_kinds).snapshot()
            assert state(recovered) == state(fresh) and recovered.total == sum(
                (ln.total for ln in recovered.lines if not ln.voided), recovered.total * 0)
            if done:
                last = json.loads(done[-1][2])
                if state(recovered) != last:
                    assert in_flight, f"kill {kill}: the ticket lost a reported step"
                    before, after = last[0], state(recovered)[0]
                    changed = [a for a, b in zip(after, before, strict=False) if a != b]
                    assert len(after) - len(before) + len(changed) == 1, (before, after)
        finally:
            ctx.close()


def test_a_long_ticket_folds_as_often_as_it_has_lines_and_syncs_every_limit_entries(app, cashier, monkeypatch):
    """With more lines than JOURNAL_LIMIT at its last whole save, the ticket keeps appending: it
    folds when the journal is as long as the ticket was (a fold writes every line, so it comes
    once per that many changes); an append past each multiple of the limit commits with an
    fsync, so a power cut still takes back at most the limit's worth of items. Reopened, it is
    the same ticket."""
    monkeypatch.setattr(checkout_module, "JOURNAL_LIMIT", 2)
    codes = [gtin13(f"6900000000{n:02d}") for n in range(1, 12)]
    for code in codes[:4]:  # whole, then entries 1 and 2, then a fold at 4 lines
        cashier.scan(code)
    assert stored(app)[1] == 0
    seen = commit_levels(app)
    lengths = []
    for code in [*codes[4:], *codes[:2]]:  # 9 changes: 7 new lines, 2 repeat scans
        snap = cashier.scan(code)
        lengths.append(stored(app)[1])
    assert lengths == [1, 2, 3, 4, 0, 1, 2, 3, 4]  # folded at 4 entries, then at 8 lines: 8 entries
    assert seen == [1, 1, 2, 1, 2, 1, 1, 2, 1]  # appends 3 and 5 (after 2 and 4) sync; the fold too
    data, entries = stored(app)
    assert entries == 4 and state(Ticket.from_dict(data).snapshot()) == state(snap)
    cashier._ticket = None  # a restart: the ticket comes back from its whole save and journal
    assert state(cashier.current()) == state(snap)

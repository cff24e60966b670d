"""Shift rules on a real database: selling needs a shift, the business date comes from it, and every
bad input (counts, amounts, reasons, tickets left open, closing twice) is refused changing nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from pos_app.domain.errors import (
    InvalidAmount,
    InvalidCount,
    NegativeAmount,
    ReasonRequired,
    UnknownDenomination,
)
from pos_app.services.checkout import ApprovalRequired
from pos_app.services.demo_catalog import gtin13
from pos_app.services.reports import NoShiftsForDay, ShiftsStillOpen
from pos_app.services.shift import (
    CountSuperseded,
    NoOpenShift,
    NotEnoughCash,
    ShiftAlreadyOpen,
    ShiftNotOpen,
    TicketsOpenAtClose,
    UnknownReason,
)
from tests_support import user_id

COLA = gtin13("690000000001")  # 3.00


def count(app, table: str) -> int:
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def till(app, signed_in):
    cashier = signed_in
    return app, cashier, cashier.user


def sell_cola(cashier):
    cashier.scan(COLA)
    cashier.add_tender("cash", "3")
    return cashier.complete()


def test_nothing_is_rung_up_without_an_open_shift(till):
    """Refused at the first scan, before the cashier rings up a whole basket."""
    app, cashier, _ = till
    with pytest.raises(NoOpenShift):
        cashier.scan(COLA)
    with pytest.raises(NoOpenShift):
        cashier.add_product("200002", "0.500")
    assert count(app, "sales") == 0 and cashier.current().lines == ()


def test_sale_takes_the_shifts_id_and_business_date_after_midnight(till):
    app, cashier, li_na = till
    shift = app.shifts.open_shift(li_na, {"note_50": 2}, business_date=date(2026, 11, 23))
    app.checkout.clock = lambda: datetime(2026, 11, 23, 16, 30, tzinfo=UTC)  # 00:30 next day in Beijing
    sale = sell_cola(cashier)
    con = sqlite3.connect(app.db.path)
    row = con.execute("SELECT shift_id, business_date FROM sales WHERE id = ?", (sale.sale_id,)).fetchone()
    con.close()
    assert row == (shift.shift_id, "2026-11-23")


@pytest.mark.parametrize("counts, error", [
    ({"note_100": -1}, InvalidCount), ({"note_100": "abc"}, InvalidCount), ({"note_100": "1.5"}, InvalidCount),
    ({"note_100": 1.0}, InvalidCount), ({"note_3": 1}, UnknownDenomination),
])
def test_bad_float_counts_are_refused(till, counts, error):
    app, _, li_na = till
    with pytest.raises(error):
        app.shifts.open_shift(li_na, counts)
    assert app.shifts.current() is None and count(app, "shifts") == 0


def test_one_open_shift_per_till(till):
    app, _, li_na = till
    app.shifts.open_shift(li_na, {"note_100": "２"})  # full-width digits from the IME are fine
    with pytest.raises(ShiftAlreadyOpen):
        app.shifts.open_shift(li_na, {"note_100": 1})
    assert count(app, "shifts") == 1 and app.shifts.current().float_amount == 200


def test_drawer_events_refuse_bad_input_and_overdrafts(till):
    app, _, li_na = till
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    with pytest.raises(NoOpenShift):
        app.shifts.paid_in(manager, "10", "other")
    app.shifts.open_shift(li_na, {"note_10": 5})  # 50.00
    with pytest.raises(ApprovalRequired):
        app.shifts.paid_out(li_na, "5", "supplies")
    with pytest.raises(UnknownReason):
        app.shifts.paid_out(manager, "5", "lunch")
    with pytest.raises(NegativeAmount):
        app.shifts.paid_in(manager, "-5", "other")
    with pytest.raises(InvalidAmount):
        app.shifts.paid_in(manager, "ten", "other")
    with pytest.raises(NotEnoughCash):
        app.shifts.paid_out(manager, "50.01", "supplies")
    with pytest.raises(NotEnoughCash):
        app.shifts.drop(li_na, "60")
    with pytest.raises(ApprovalRequired):
        app.shifts.no_sale(li_na, "customer asked")
    with pytest.raises(ReasonRequired):
        app.shifts.no_sale(manager, "   ")  # even a manager says why the drawer opens
    assert count(app, "cash_events") == 0
    with pytest.raises(ApprovalRequired):
        app.shifts.pickup(li_na, "10")
    app.shifts.pickup(manager, "10.00")
    app.shifts.paid_out(manager, "40.00", "supplies")  # exactly what the drawer still holds
    assert [(e.kind, e.amount) for e in app.shifts.events()] == [("pickup", 10), ("paid_out", 40)]
    with pytest.raises(NotEnoughCash):
        app.shifts.drop(li_na, "0.10")


def test_close_refuses_open_and_held_tickets_until_resolved(till):
    app, cashier, li_na = till
    app.shifts.open_shift(li_na, {"note_10": 5})
    cashier.scan(COLA)
    cashier.hold("table 4")
    cashier.scan(COLA)
    with pytest.raises(TicketsOpenAtClose) as refused:
        app.shifts.submit_count(li_na, {"note_10": 5})
    assert refused.value.params["open_count"] == 1 and refused.value.params["held_count"] == 1
    assert "table 4" in refused.value.message and count(app, "shift_counts") == 0
    cashier.hold()
    with pytest.raises(TicketsOpenAtClose):
        app.shifts.submit_count(li_na, {"note_10": 5})
    held = [t for t in app.shifts.tickets_at_close() if t.label == "table 4"][0]
    app.shifts.void_held_ticket(li_na, held.ticket_id)
    result = app.shifts.submit_count(li_na, {"note_10": 5}, keep_held=True)  # the other held ticket stays
    assert result.over_short_fen == 0 and not result.needs_approval
    app.shifts.confirm_close(li_na, result.count_id, keep_held=True)
    assert len(cashier.held()) == 1


def test_counts_and_closing_twice_are_refused(till):
    app, _, li_na = till
    app.shifts.open_shift(li_na, {"note_10": 5})
    for bad in ({"note_10": -5}, {"note_10": "five"}):
        with pytest.raises(InvalidCount):
            app.shifts.submit_count(li_na, bad)
    with pytest.raises(InvalidAmount):
        app.shifts.submit_count(li_na, {"note_10": 5}, {"card": "lots"})
    assert count(app, "shift_counts") == 0
    first = app.shifts.submit_count(li_na, {"note_10": 5})
    second = app.shifts.submit_count(li_na, {"note_10": 5})
    with pytest.raises(CountSuperseded):
        app.shifts.confirm_close(li_na, first.count_id)
    with pytest.raises(ShiftsStillOpen):
        app.reports.close_day(app.auth.login(user_id(app, "Wang Qiang"), "8888"))
    app.shifts.confirm_close(li_na, second.count_id)
    with pytest.raises(ShiftNotOpen):
        app.shifts.confirm_close(li_na, second.count_id)
    with pytest.raises(NoOpenShift):
        app.shifts.submit_count(li_na, {"note_10": 5})


def test_z_needs_a_manager_and_a_worked_day(till):
    app, _, li_na = till
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    with pytest.raises(ApprovalRequired):
        app.reports.close_day(li_na, date(2026, 11, 23))
    with pytest.raises(NoShiftsForDay):
        app.reports.close_day(manager, date(2026, 11, 23))
    assert count(app, "z_reports") == 0

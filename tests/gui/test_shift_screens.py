"""Shift windows driven as a cashier and a manager would: open with a float, paid-out with and
without a manager, the blind close with a shortage, recount, confirm, the Z report and its reprint,
a second Z refused. Real services on the seeded SQLite copy; the print queue's preview printer
writes real files."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from gui_helpers import PACKAGED, child
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QWidget
from test_object_names import unnamed_controls

from pos_app.ui.cart_model import format_money
from pos_app.ui.reports_screen import ReportsScreen
from pos_app.ui.shift_cash import CashManagementDialog
from pos_app.ui.shift_close import CloseShiftDialog, ReportDialog
from pos_app.ui.shift_common import SHORT_COLOUR
from pos_app.ui.shift_dialogs import OpenShiftDialog
from pos_app.ui.workers import TaskRunner

CASHIER, MANAGER = "demo-staff-0001", "demo-staff-0008"


@pytest.fixture
def shop(qtbot, till_qapp, make_ctx):
    """The till's services with the shift attached to the checkout, a cashier signed in, a worker."""
    ctx = make_ctx("en")
    cashier = ctx.auth.login(CASHIER, "1111")
    ctx.checkout.set_user(cashier)
    runner = TaskRunner()
    yield SimpleNamespace(ctx=ctx, cashier=cashier, runner=runner)
    runner.wait(5000)


def click(qtbot, widget: QWidget, cls, name: str) -> None:
    button = child(widget, cls, name)
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def manager_pin(pin: str = "8888"):
    def approve(dialog) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "managerPin"), pin)
        QTest.keyClick(child(dialog, QLineEdit, "managerPin"), Qt.Key.Key_Return)

    return approve


def sell(ctx, product, tender: str, reference: str | None = None) -> Decimal:
    snap = ctx.checkout.scan(product.gtins[0])
    ctx.checkout.add_tender(tender, str(snap.total), reference)
    ctx.checkout.complete()
    return snap.total


def counts_for(fen: int) -> dict[str, str]:
    out = {}
    for code, value in (
        ("note_100", 10000),
        ("note_50", 5000),
        ("note_20", 2000),
        ("note_10", 1000),
        ("note_5", 500),
        ("coin_1", 100),
        ("coin_0_5", 50),
        ("coin_0_1", 10),
    ):
        n, fen = divmod(fen, value)
        if n:
            out[code] = str(n)
    assert fen == 0
    return out


def test_open_shift_counts_the_float_by_key_and_refuses_a_negative_count(qtbot, shop, focus):
    dialog = OpenShiftDialog(shop.ctx.shifts, shop.runner, shop.cashier)
    qtbot.addWidget(dialog)
    dialog.show()
    first = child(dialog, QLineEdit, "count_note_100")
    focus(first)
    QTest.keyClicks(first, "2")
    QTest.keyClick(first, Qt.Key.Key_Return)  # Enter moves on to the next note, it does not submit
    assert dialog.isVisible() and child(dialog, QLineEdit, "count_note_50").hasFocus()
    QTest.keyClicks(child(dialog, QLineEdit, "count_note_50"), "1")
    QTest.keyClicks(child(dialog, QLineEdit, "count_coin_1"), "-3")
    total, message = child(dialog, QLabel, "floatTotal"), child(dialog, QLabel, "openShiftMessage")
    assert total.text() == "—" and "“-3” is not a whole number of ¥1 coin pieces." == message.text()
    click(qtbot, dialog, QPushButton, "openShiftOk")
    assert dialog.isVisible() and dialog.shift is None and not shop.runner.busy
    assert shop.ctx.shifts.current() is None  # refused inline: nothing was sent

    child(dialog, QLineEdit, "count_coin_1").setText("１５")  # full-width digits from a Chinese IME
    assert total.text() == "¥265.00" and message.text() == ""
    click(qtbot, dialog, QPushButton, "openShiftOk")
    qtbot.waitUntil(lambda: dialog.shift is not None, timeout=5000)
    assert not dialog.isVisible()
    assert shop.ctx.shifts.current().float_amount == Decimal("265.00")


def test_paid_out_needs_a_manager_and_cannot_exceed_the_drawer(qtbot, shop, on_dialog, focus):
    ctx = shop.ctx
    ctx.shifts.open_shift(shop.cashier, {"note_100": 2})
    dialog = CashManagementDialog(ctx.shifts, ctx.auth, shop.runner, shop.cashier)
    qtbot.addWidget(dialog)
    dialog.show()
    assert child(dialog, QPushButton, "cashKind_paid_out").isChecked()
    focus(child(dialog, QLineEdit, "cashAmount"))
    QTest.keyClick(child(dialog, QLineEdit, "cashAmount"), Qt.Key.Key_F3)  # F1-F4 pick the kind
    assert (
        child(dialog, QPushButton, "cashKind_drop").isChecked()
        and not child(dialog, QComboBox, "cashReason").isVisible()
    )
    QTest.keyClick(child(dialog, QLineEdit, "cashAmount"), Qt.Key.Key_F2)
    assert child(dialog, QPushButton, "cashKind_paid_out").isChecked()
    QTest.keyClicks(child(dialog, QLineEdit, "cashAmount"), "12.50")
    reason = child(dialog, QComboBox, "cashReason")
    reason.setCurrentIndex(reason.findData("supplies"))
    QTest.keyClicks(child(dialog, QLineEdit, "cashNote"), "plastic bags")

    message = child(dialog, QLabel, "cashMessage")
    on_dialog("managerOverrideDialog", lambda d: d.reject())  # no manager at hand
    click(qtbot, dialog, QPushButton, "cashOk")
    qtbot.waitUntil(lambda: message.text() == "A manager must approve this.", timeout=5000)
    assert ctx.shifts.events() == [] and dialog.isVisible()

    on_dialog("managerOverrideDialog", manager_pin())
    click(qtbot, dialog, QPushButton, "cashOk")
    qtbot.waitUntil(lambda: dialog.drawer_event is not None, timeout=10000)
    (event,) = ctx.shifts.events()
    assert (event.kind, event.amount, event.reason_code, event.note) == (
        "paid_out",
        Decimal("12.50"),
        "supplies",
        "plastic bags",
    )
    assert [j.kind for j in ctx.printing.pending()] == ["slip"]
    assert dialog.summary() == "Paid out ¥12.50 recorded; the slip is printing."

    manager = ctx.auth.login(MANAGER, "8888")  # may pay out without asking anyone
    again = CashManagementDialog(ctx.shifts, ctx.auth, shop.runner, manager)
    qtbot.addWidget(again)
    again.show()
    QTest.keyClicks(child(again, QLineEdit, "cashAmount"), "500")
    click(qtbot, again, QPushButton, "cashOk")
    text = child(again, QLabel, "cashMessage")
    qtbot.waitUntil(lambda: bool(text.text()), timeout=5000)
    assert text.text() == "¥500.00 is more than the cash in the drawer. Nothing was recorded."
    assert len(ctx.shifts.events()) == 1 and again.drawer_event is None


def test_blind_close_shortage_recount_confirm_then_z_printed_reprinted_and_not_twice(qtbot, shop, on_dialog):
    ctx = shop.ctx
    ctx.printing.start()  # the preview:// printer writes text and PNG files
    ctx.shifts.open_shift(shop.cashier, {"note_100": 2})
    sell(ctx, PACKAGED[0], "cash")
    card = sell(ctx, PACKAGED[1], "card", "BATCH-7")
    ctx.checkout.scan(PACKAGED[2].gtins[0])
    ctx.checkout.hold()  # a held ticket the close must ask about
    manager = ctx.auth.login(MANAGER, "8888")
    figures = ctx.reports.x_report(manager).figures  # the test's oracle; the screen never shows it before the count
    expected_cash = figures.cash_expected_fen

    dialog = CloseShiftDialog(ctx, shop.runner, shop.cashier)
    qtbot.addWidget(dialog)
    dialog.show()
    tickets = child(dialog, QTableWidget, "openTicketsTable")
    qtbot.waitUntil(lambda: tickets.rowCount() == 1, timeout=5000)
    assert tickets.item(0, 1).text() == "held"
    assert not child(dialog, QPushButton, "continueToCountButton").isEnabled()
    click(qtbot, dialog, QPushButton, "voidTicketButton")
    title = child(dialog, QLabel, "countTitle")
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.COUNT, timeout=5000)
    assert title.text() == "Blind count · attempt 1" and ctx.checkout.held() == []
    shown = " ".join(w.text() for w in dialog.findChildren(QLabel) if w.isVisible())
    assert format_money(Decimal(expected_cash) / 100) not in shown  # blind: nothing of what is expected

    def count(fen: int) -> None:
        for code, n in counts_for(fen).items():
            QTest.keyClicks(child(dialog, QLineEdit, f"count_{code}"), n)
        QTest.keyClicks(child(dialog, QLineEdit, "tender_card"), str(card))
        QTest.keyClick(child(dialog, QLineEdit, "tender_card"), Qt.Key.Key_Return)  # last field: submits

    count(expected_cash - 530)
    table = child(dialog, QTableWidget, "countResultTable")
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.RESULT, timeout=5000)
    assert [table.item(0, c).text() for c in range(4)] == [
        "Cash",
        format_money(Decimal(expected_cash) / 100),
        format_money(Decimal(expected_cash - 530) / 100),
        "-¥5.30",
    ]
    assert table.item(0, 3).foreground().color() == QColor(SHORT_COLOUR)
    assert [table.item(1, c).text() for c in (0, 3)] == ["Bank card (batch total)", "¥0.00"]
    assert child(dialog, QLabel, "countSummary").text() == "Short by ¥5.30"
    assert child(dialog, QComboBox, "closeReason").isVisible()

    click(qtbot, dialog, QPushButton, "recountButton")
    qtbot.waitUntil(lambda: title.text() == "Blind count · attempt 2", timeout=5000)
    assert child(dialog, QLineEdit, "count_note_100").text() == ""  # a fresh count
    count(expected_cash)
    qtbot.waitUntil(lambda: child(dialog, QLabel, "countSummary").text() == "Balanced", timeout=5000)
    assert not child(dialog, QComboBox, "closeReason").isVisible()
    click(qtbot, dialog, QPushButton, "confirmCloseButton")
    qtbot.waitUntil(lambda: dialog.closed is not None, timeout=5000)
    assert ctx.shifts.current() is None
    assert [a.attempt_no for a in ctx.shifts.count_attempts(dialog.closed.shift_id)] == [1, 2]

    seen = {}

    def z_report(report_dialog) -> None:
        text = child(report_dialog, QPlainTextEdit, "reportText").toPlainText()
        seen["text"] = text
        click(qtbot, report_dialog, QPushButton, "reprintZButton")
        message = child(report_dialog, QLabel, "reportMessage")
        qtbot.waitUntil(
            lambda: message.text() == "A copy of Z report No. 1 was sent to the printer.", timeout=5000
        )
        report_dialog.accept()

    on_dialog("managerOverrideDialog", manager_pin())  # a cashier may not close the day alone
    on_dialog("zReportDialog", z_report)
    click(qtbot, dialog, QPushButton, "closeDayButton")
    qtbot.waitUntil(lambda: "text" in seen and dialog.z_report is not None, timeout=10000)
    assert "Z 日结 No.1" in seen["text"] and "Over/short total" in seen["text"]
    qtbot.waitUntil(
        lambda: (
            (ctx.printing.last_preview() or ([], None))[0] != []
            and any("重印 COPY" in line for line in ctx.printing.last_preview()[0])
        ),
        timeout=10000,
    )
    lines, png = ctx.printing.last_preview()
    assert any("Z 日结 No.1" in line for line in lines) and png.exists()
    qtbot.waitUntil(lambda: ctx.printing.pending() == [], timeout=5000)  # the Z and its copy both printed

    manager = ctx.auth.login(MANAGER, "8888")
    second = CloseShiftDialog(ctx, shop.runner, manager)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: child(second, QLabel, "closedTitle").text() == "No shift is open", timeout=5000)
    click(qtbot, second, QPushButton, "closeDayButton")
    message = child(second, QLabel, "closeShiftMessage")
    qtbot.waitUntil(lambda: bool(message.text()), timeout=5000)
    day = dialog.closed.business_date.isoformat()
    assert message.text() == f"Business day {day} is already closed (Z report No. 1). Reprint it instead."
    assert [z.z_no for z in ctx.reports.z_reports(ctx.auth.login(MANAGER, "8888"))] == [1]


def test_closing_beyond_tolerance_needs_a_reason_and_a_manager(qtbot, shop, on_dialog):
    ctx = shop.ctx
    ctx.shifts.open_shift(shop.cashier, {"note_100": 2})
    dialog = CloseShiftDialog(ctx, shop.runner, shop.cashier)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.COUNT, timeout=5000)  # no tickets open
    QTest.keyClicks(child(dialog, QLineEdit, "count_note_100"), "1")
    QTest.keyClicks(child(dialog, QLineEdit, "count_note_50"), "x")
    message = child(dialog, QLabel, "closeShiftMessage")
    assert message.text() == "“x” is not a whole number of ¥50 note pieces."
    click(qtbot, dialog, QPushButton, "submitCountButton")
    assert dialog.pages.currentIndex() == dialog.COUNT and ctx.shifts.count_attempts() == []
    child(dialog, QLineEdit, "count_note_50").clear()
    click(qtbot, dialog, QPushButton, "submitCountButton")
    summary = child(dialog, QLabel, "countSummary")
    qtbot.waitUntil(lambda: summary.text() == "Short by ¥100.00", timeout=5000)

    click(qtbot, dialog, QPushButton, "confirmCloseButton")
    assert message.text() == "Give a reason for the difference first." and ctx.shifts.current() is not None
    child(dialog, QComboBox, "closeReason").setEditText("Banknote taken to the bank early")
    refusals = []

    def wrong_then_cancel(manager_dialog) -> None:
        QTest.keyClicks(child(manager_dialog, QLineEdit, "managerPin"), "2222")  # a cashier's PIN
        QTest.keyClick(child(manager_dialog, QLineEdit, "managerPin"), Qt.Key.Key_Return)
        refusal = child(manager_dialog, QLabel, "managerMessage")
        qtbot.waitUntil(lambda: bool(refusal.text()), timeout=5000)
        refusals.append(refusal.text())
        manager_dialog.reject()

    on_dialog("managerOverrideDialog", wrong_then_cancel)
    click(qtbot, dialog, QPushButton, "confirmCloseButton")
    qtbot.waitUntil(lambda: bool(refusals) and "manager" in message.text(), timeout=10000)
    assert refusals == ["That PIN or badge is not a manager's."] and ctx.shifts.current() is not None

    on_dialog("managerOverrideDialog", manager_pin())
    click(qtbot, dialog, QPushButton, "confirmCloseButton")
    qtbot.waitUntil(lambda: dialog.closed is not None, timeout=10000)
    assert child(dialog, QLabel, "closedTitle").text() == "Shift closed"
    day = dialog.closed.business_date
    cash = ctx.reports.over_short_history(ctx.auth.login(MANAGER, "8888"), day, day)[0]
    assert (cash.tender, cash.difference, cash.reason, cash.approved_by) == (
        "cash",
        Decimal("-100.00"),
        "Banknote taken to the bank early",
        "王强 Wang Qiang",
    )


def test_every_shift_and_report_control_has_an_object_name(qtbot, shop):
    ctx = shop.ctx
    ctx.shifts.open_shift(shop.cashier, {"note_100": 1})
    close = CloseShiftDialog(ctx, shop.runner, shop.cashier)
    qtbot.waitUntil(lambda: close.pages.currentIndex() == close.COUNT, timeout=5000)  # tender fields built
    windows = [
        OpenShiftDialog(ctx.shifts, shop.runner, shop.cashier),
        CashManagementDialog(ctx.shifts, ctx.auth, shop.runner, shop.cashier),
        close,
        ReportDialog(ctx.reports, shop.runner),
        ReportsScreen(ctx.reports, shop.runner),
    ]
    for window in windows:
        qtbot.addWidget(window)
        assert window.objectName()
        assert unnamed_controls(window) == [], window.objectName()


@pytest.mark.parametrize(("who", "sees_first"), [(MANAGER, True), (CASHIER, False)])
def test_after_a_blind_recount_a_manager_sees_the_first_count_and_a_cashier_does_not(
        qtbot, shop, who, sees_first):
    ctx = shop.ctx
    session = ctx.auth.login(who, "8888" if who == MANAGER else "1111")
    ctx.shifts.open_shift(session, {"note_100": 2})
    dialog = CloseShiftDialog(ctx, shop.runner, session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.COUNT, timeout=5000)
    table = child(dialog, QTableWidget, "countResultTable")

    def count(hundreds: str) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "count_note_100"), hundreds)
        click(qtbot, dialog, QPushButton, "submitCountButton")

    count("1")  # 100 short
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.RESULT, timeout=5000)
    assert table.isColumnHidden(dialog.FIRST_COUNT)  # nothing to compare with yet
    click(qtbot, dialog, QPushButton, "recountButton")
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.COUNT, timeout=5000)
    # the recount itself stays blind: empty fields, and no earlier figure anywhere on screen
    assert child(dialog, QLineEdit, "count_note_100").text() == ""
    assert "¥100.00" not in " ".join(w.text() for w in dialog.findChildren(QLabel) if w.isVisible())
    count("2")
    qtbot.waitUntil(lambda: child(dialog, QLabel, "countSummary").text() == "Balanced", timeout=5000)
    if sees_first:
        qtbot.waitUntil(lambda: not table.isColumnHidden(dialog.FIRST_COUNT), timeout=5000)
        assert table.item(0, dialog.FIRST_COUNT).text() == "¥100.00"
    else:
        qtbot.waitUntil(lambda: not shop.runner.busy, timeout=5000)
        assert table.isColumnHidden(dialog.FIRST_COUNT)

"""A cashier's shift in miniature, through the real window, services and SQLite file:
sign in, scan, correct, hold/recall, split-pay, change, receipt — and every refusal on the way."""

from __future__ import annotations

import math

import pytest
from gui_helpers import (
    BAD_CHECK_DIGIT,
    HUMAN_GAP_MS,
    PACKAGED,
    SCAN_GAP_MS,
    UNKNOWN_VALID_GTIN,
    child,
    scan,
    sign_in,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton, QWidget


def total_text(window) -> str:
    return child(window, QLabel, "ticketTotal").text()


def live_lines(window) -> list:
    return [line for line in window.sale.snapshot.lines if not line.voided]


@pytest.fixture
def cashier(qtbot, till, type_keys):
    """Signed in, with a shift open (selling needs one): ¥200 float."""
    window = till("en")
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    return window


def test_scan_twenty_items_correct_hold_recall_and_split_pay(qtbot, cashier, type_keys, focus, on_dialog):
    window = cashier
    scan_field = child(window, QLineEdit, "scanInput")
    for product in PACKAGED[:19]:
        scan(qtbot, window, product.gtins[0], type_keys)
    # The 20th scan arrives while the cashier is typing in another field: it still lands on the ticket.
    other = QLineEdit(window.sale)
    other.setObjectName("customerNote")
    other.show()
    focus(other)
    scan(qtbot, window, PACKAGED[19].gtins[0], type_keys)
    assert other.text() == ""
    assert len(window.sale.snapshot.lines) == 20
    last_row = window.sale.cart.currentIndex().row()
    assert window.sale.model.line_at(last_row).sku == PACKAGED[19].sku  # last scanned line is selected
    focus(scan_field)

    # Quantity of the selected (last) line: F3, key 3, Enter.
    on_dialog(
        "quantityDialog",
        lambda d: (
            child(d, QLineEdit, "quantityInput").setText("3"),
            QTest.keyClick(child(d, QLineEdit, "quantityInput"), Qt.Key.Key_Return),
        ),
    )
    QTest.keyClick(scan_field, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.sale.snapshot.lines[-1].quantity == 3, timeout=5000)
    assert window.sale.snapshot.item_count == 22

    # Void the first line: select it with Up arrows, then F4.
    focus(scan_field)  # the window is active again once the dialog is gone
    for _ in range(19):
        QTest.keyClick(scan_field, Qt.Key.Key_Up)
    assert window.sale.selected_line().line_id == window.sale.snapshot.lines[0].line_id
    QTest.keyClick(scan_field, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.sale.snapshot.lines[0].voided, timeout=5000)
    assert window.sale.selected_line().line_id == window.sale.snapshot.lines[0].line_id  # stays selected
    assert len(live_lines(window)) == 19
    due_before_hold = window.sale.snapshot.total

    # Hold, serve nobody, recall.
    focus(scan_field)
    QTest.keyClick(scan_field, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: not window.sale.snapshot.lines, timeout=5000)
    on_dialog("recallDialog", lambda d: d.accept())
    QTest.keyClick(scan_field, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: len(window.sale.snapshot.lines) == 20, timeout=5000)
    assert window.sale.snapshot.total == due_before_hold
    focus(scan_field)

    # Pay: 20 yuan by card (reference keyed), the rest in cash with a quick-cash note; change shown.
    result = {}

    def pay(dialog) -> None:
        amount = child(dialog, QLineEdit, "tenderAmount")
        amount.setText("20")
        QTest.mouseClick(child(dialog, QPushButton, "tenderCard"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "Key in the reference" in child(dialog, QLabel, "paymentMessage").text(), timeout=3000
        )
        QTest.keyClicks(child(dialog, QLineEdit, "tenderReference"), "889900")
        QTest.mouseClick(child(dialog, QPushButton, "tenderCard"), Qt.MouseButton.LeftButton)
        tenders = child(dialog, QListWidget, "tenderList")
        qtbot.waitUntil(lambda: tenders.count() == 1, timeout=5000)
        QTest.mouseClick(child(dialog, QPushButton, "quickNext100"), Qt.MouseButton.LeftButton)
        complete = child(dialog, QPushButton, "completeSaleButton")
        qtbot.waitUntil(complete.isEnabled, timeout=5000)
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)  # the impatient second click
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=5000)
        result["change"] = child(dialog, QLabel, "changeDue").text()
        result["sale"] = dialog.sale
        result["tenders"] = [tenders.item(i).text() for i in range(tenders.count())]
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    on_dialog("paymentDialog", pay)
    QTest.mouseClick(child(window, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sale" in result and QApplication.activeModalWidget() is None, timeout=20000)
    sale = result["sale"]
    cash_due = due_before_hold - 20
    expected_change = math.ceil(cash_due / 100) * 100 - cash_due  # the next ¥100 note
    assert result["change"] == f"¥{expected_change:,.2f}"
    assert len(result["tenders"]) == 2 and "#889900" in result["tenders"][0]
    assert sale.change == expected_change

    # One sale only, and a fresh empty ticket.
    with window.ctx.db.uow(read_only=True) as uow:
        assert uow.session.execute(_count_sales()).scalar_one() == 1
    qtbot.waitUntil(lambda: not window.sale.snapshot.lines, timeout=5000)
    assert total_text(window) == "¥0.00"

    # The receipt preview shows this sale's receipt as queued for the printer; reprint queues a copy.
    preview = child(window, QWidget, "receiptPreview")
    qtbot.waitUntil(lambda: any(sale.receipt_no in line for line in preview.text_lines), timeout=10000)
    assert any("889900" in line for line in preview.text_lines)  # the card reference is on it
    with qtbot.waitSignal(preview.reprinted, timeout=5000):
        QTest.mouseClick(child(window, QPushButton, "reprintButton"), Qt.MouseButton.LeftButton)
    assert [job.kind for job in window.ctx.printing.pending()] == ["receipt", "receipt"]


def _count_sales():
    from sqlalchemy import func, select

    from pos_app.store.models import Sale

    return select(func.count()).select_from(Sale)


@pytest.fixture
def two_items(qtbot, cashier, type_keys):
    for product in PACKAGED[:2]:
        scan(qtbot, cashier, product.gtins[0], type_keys)
    assert len(cashier.sale.snapshot.lines) == 2
    return cashier


def assert_refused(qtbot, window, before, *words: str) -> None:
    """A notice naming the problem, the ticket exactly as it was, the scan field empty and focused."""
    qtbot.waitUntil(lambda: window.notices.isVisible() and window.notices.level == "error", timeout=5000)
    text = window.notices.text
    assert all(w in text for w in words), text
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    assert window.sale.snapshot == before
    assert child(window, QLineEdit, "scanInput").text() == ""


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (UNKNOWN_VALID_GTIN, ("No product", UNKNOWN_VALID_GTIN)),
        (BAD_CHECK_DIGIT, ("wrong check digit", BAD_CHECK_DIGIT)),
        ("12345", ("12345",)),
    ],
)
def test_unknown_and_invalid_codes_are_refused_and_change_nothing(qtbot, two_items, type_keys, code, words):
    before = two_items.sale.snapshot
    scan(qtbot, two_items, code, type_keys)
    assert_refused(qtbot, two_items, before, *words)


def test_a_code_keyed_by_hand_is_added_like_a_scan(qtbot, cashier, type_keys):
    scan_field = child(cashier, QLineEdit, "scanInput")
    type_keys(scan_field, PACKAGED[3].gtins[0], HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=5000)
    assert cashier.sale.snapshot.lines[0].sku == PACKAGED[3].sku


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("abc", ("abc", "not a valid quantity")),
        ("0", ("greater than zero",)),
        ("100000", ("100000", "maximum")),
        ("1.5", ("1.5", "whole number")),
    ],
)
def test_bad_quantities_are_refused(qtbot, two_items, on_dialog, focus, typed, words):
    before = two_items.sale.snapshot
    scan_field = child(two_items, QLineEdit, "scanInput")
    focus(scan_field)

    def enter(dialog) -> None:
        field = child(dialog, QLineEdit, "quantityInput")
        field.setText(typed)
        QTest.keyClick(field, Qt.Key.Key_Return)

    on_dialog("quantityDialog", enter)
    QTest.keyClick(scan_field, Qt.Key.Key_F3)
    assert on_dialog.seen == ["quantityDialog"]
    assert_refused(qtbot, two_items, before, *words)


def test_paying_an_empty_ticket_is_refused(qtbot, cashier):
    before = cashier.sale.snapshot
    QTest.mouseClick(child(cashier, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    assert_refused(qtbot, cashier, before, "no items")
    assert QApplication.activeModalWidget() is None


def test_bad_amounts_in_the_payment_dialog_are_refused(qtbot, two_items, on_dialog):
    messages: list[str] = []

    def pay(dialog) -> None:
        amount = child(dialog, QLineEdit, "tenderAmount")
        message = child(dialog, QLabel, "paymentMessage")
        for typed, reference in (
            ("abc", None),
            ("-5", None),
            ("0", None),
            ("9999999999", None),
            ("500", "REF1"),
        ):
            message.clear()
            amount.setText(typed)
            if reference:  # a card may not be charged more than is due
                child(dialog, QLineEdit, "tenderReference").setText(reference)
                QTest.mouseClick(child(dialog, QPushButton, "tenderCard"), Qt.MouseButton.LeftButton)
            else:
                QTest.mouseClick(child(dialog, QPushButton, "tenderCash"), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: bool(message.text()), timeout=5000)
            messages.append(message.text())
        assert child(dialog, QListWidget, "tenderList").count() == 0
        assert not child(dialog, QPushButton, "completeSaleButton").isEnabled()
        dialog.reject()

    on_dialog("paymentDialog", pay)
    QTest.mouseClick(child(two_items, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(messages) == 5 and QApplication.activeModalWidget() is None, timeout=20000)
    assert "abc" in messages[0] and "not a valid amount" in messages[0]
    assert all(m for m in messages[1:4])
    assert "only cash gives change" in messages[4]
    assert not two_items.sale.snapshot.tenders


def test_price_change_needs_a_manager_pin(qtbot, two_items, on_dialog, focus):
    scan_field = child(two_items, QLineEdit, "scanInput")
    focus(scan_field)
    line_id = two_items.sale.selected_line().line_id
    refusals: list[str] = []

    def price(dialog) -> None:
        child(dialog, QLineEdit, "priceInput").setText("1.00")
        on_dialog("managerOverrideDialog", approve)
        dialog.accept()

    def approve(dialog) -> None:
        pin = child(dialog, QLineEdit, "managerPin")
        message = child(dialog, QLabel, "managerMessage")
        pin.setText("1111")  # a cashier's PIN is not a manager's
        dialog.accept()
        qtbot.waitUntil(lambda: bool(message.text()), timeout=5000)
        refusals.append(message.text())
        pin.setText("8888")
        dialog.accept()

    on_dialog("priceDialog", price)
    QTest.keyClick(scan_field, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: any(ln.line_id == line_id and ln.override_reason for ln in two_items.sale.snapshot.lines),
        timeout=10000,
    )
    line = next(ln for ln in two_items.sale.snapshot.lines if ln.line_id == line_id)
    assert line.unit_price == 1 and line.override_reason == "Damaged packaging"
    assert refusals == ["That PIN or badge is not a manager's."]


def test_idle_till_locks_and_the_ticket_survives_unlock(qtbot, till, type_keys):
    window = till("en", idle_lock_seconds=0.3)
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    scan(qtbot, window, PACKAGED[0].gtins[0], type_keys)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_screen, timeout=3000)
    pin = child(window, QLineEdit, "unlockPin")
    type_keys(pin, "2222", HUMAN_GAP_MS)  # wrong PIN: stays locked
    message = child(window, QLabel, "lockMessage")
    qtbot.waitUntil(lambda: "Wrong PIN" in message.text(), timeout=5000)
    assert window.stack.currentWidget() is window.lock_screen
    type_keys(pin, "1111", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=5000)
    qtbot.waitUntil(lambda: len(window.sale.snapshot.lines) == 1, timeout=5000)


def test_lock_key_and_language_switch_retranslate_live(qtbot, cashier, on_dialog, focus):
    def to_chinese(dialog) -> None:
        combo = dialog.language
        combo.setCurrentIndex(combo.findData("zh_CN"))
        dialog.accept()

    on_dialog("settingsDialog", to_chinese)
    QTest.mouseClick(child(cashier, QPushButton, "settingsButton"), Qt.MouseButton.LeftButton)
    pay = child(cashier, QPushButton, "payButton")
    qtbot.waitUntil(lambda: pay.text().startswith("结算"), timeout=3000)
    assert child(cashier, QLabel, "tillStatus").toolTip().startswith("门店")
    focus(child(cashier, QLineEdit, "scanInput"))
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), Qt.Key.Key_F11)
    assert cashier.stack.currentWidget() is cashier.lock_screen
    assert "锁屏" in child(cashier, QLabel, "lockTitle").text()


def test_sign_out_from_the_lock_screen_keeps_the_ticket_for_the_next_cashier(
    qtbot, cashier, type_keys, focus
):
    scan(qtbot, cashier, PACKAGED[0].gtins[0], type_keys)
    focus(child(cashier, QLineEdit, "scanInput"))
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), Qt.Key.Key_F11)
    QTest.mouseClick(child(cashier, QPushButton, "lockSignOut"), Qt.MouseButton.LeftButton)
    assert cashier.stack.currentWidget() is cashier.login
    qtbot.waitUntil(lambda: cashier.ctx.checkout.user is None, timeout=5000)
    assert child(cashier, QLabel, "userStatus").text() == "Not signed in"
    sign_in(qtbot, cashier, "张伟", "2222", type_keys)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=5000)
    assert cashier.ctx.checkout.user.name.startswith("张伟")


def test_clerk_lands_on_pickup_and_switches_to_checkout_and_back(qtbot, till, type_keys, focus):
    window = till("en")
    users = child(window, QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 5, timeout=5000)
    users.setCurrentRow(next(i for i in range(users.count()) if "陈静" in users.item(i).text()))
    type_keys(child(window, QLineEdit, "loginPin"), "3333", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pickup, timeout=5000)
    switch = child(window, QPushButton, "switchScreenButton")
    assert switch.text() == "Checkout Ctrl+P"
    QTest.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.sale
    focus(child(window, QLineEdit, "scanInput"))
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pickup
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.lock_screen
    type_keys(child(window, QLineEdit, "unlockPin"), "3333", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pickup, timeout=5000)  # back where she was


def test_a_bad_price_is_refused_before_a_manager_is_called(qtbot, two_items, on_dialog, focus):
    before = two_items.sale.snapshot
    focus(child(two_items, QLineEdit, "scanInput"))

    def price(dialog) -> None:
        child(dialog, QLineEdit, "priceInput").setText("abc")
        dialog.accept()

    on_dialog("priceDialog", price)
    QTest.keyClick(child(two_items, QLineEdit, "scanInput"), Qt.Key.Key_F5)
    assert_refused(qtbot, two_items, before, "abc", "not a valid amount")
    assert on_dialog.seen == ["priceDialog"]  # no manager approval was asked for


def test_idle_lock_closes_an_open_dialog_first(qtbot, till, type_keys, on_dialog):
    window = till("en", idle_lock_seconds=0.3)
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    closed: list[bool] = []
    on_dialog("helpDialog", lambda dialog: dialog.finished.connect(lambda _r: closed.append(True)))
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F1)  # returns when the lock closed it
    assert closed == [True]
    assert window.stack.currentWidget() is window.lock_screen
    assert QApplication.activeModalWidget() is None


def test_cart_columns_stay_put_while_scanning_and_widen_once_for_a_big_value(qtbot, cashier, type_keys):
    """Number columns are not re-measured on every scan (the columns would jump and the scan
    would cost a measurement of every visible row); a value that does not fit widens its column."""
    sale = cashier.sale
    header = sale.cart.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(sale.model.columnCount())]
    for product in PACKAGED[:5]:
        scan(qtbot, cashier, product.gtins[0], type_keys)
    assert sale.model.rowCount() == 5
    assert [header.sectionSize(c) for c in range(sale.model.columnCount())] == widths
    assert sale.cart.rowHeight(0) >= 44  # a row a finger can hit

    line_id = sale.snapshot.lines[-1].line_id
    sale.controller.call(cashier.ctx.checkout.set_quantity, line_id, "9999")
    qtbot.waitUntil(lambda: sale.snapshot.lines[-1].quantity == 9999, timeout=5000)
    metrics = sale.cart.fontMetrics()
    for column in (sale.model.QUANTITY, sale.model.TOTAL):
        text = sale.model.text(sale.snapshot.lines[-1], column)
        assert header.sectionSize(column) > metrics.horizontalAdvance(text), text
    assert header.sectionSize(sale.model.TOTAL) > widths[sale.model.TOTAL]


def test_a_scan_on_the_change_dialog_closes_it_and_starts_the_next_sale(qtbot, cashier, type_keys, on_dialog):
    window = cashier
    scan(qtbot, window, PACKAGED[0].gtins[0], type_keys)
    first = {}

    def pay_then_scan(dialog) -> None:
        QTest.mouseClick(child(dialog, QPushButton, "quickExact"), Qt.MouseButton.LeftButton)
        complete = child(dialog, QPushButton, "completeSaleButton")
        qtbot.waitUntil(complete.isEnabled, timeout=5000)
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=5000)
        first["sale"] = dialog.sale
        type_keys(QApplication.focusWidget() or dialog, PACKAGED[1].gtins[0], SCAN_GAP_MS)  # next customer

    on_dialog("paymentDialog", pay_then_scan)
    window.sale.trigger("pay")
    qtbot.waitUntil(lambda: "sale" in first and QApplication.activeModalWidget() is None, timeout=10000)
    qtbot.waitUntil(lambda: [ln.sku for ln in live_lines(window)] == [PACKAGED[1].sku], timeout=5000)
    assert window.sale.snapshot.ticket_id != first["sale"].snapshot.ticket_id
    assert "Close the open window" not in window.notices.text

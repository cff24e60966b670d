"""Sale-screen actions beyond scanning: search, discount approval, help, keypad keys, guards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from gui_helpers import HUMAN_GAP_MS, PACKAGED, child, scan, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableWidget


@pytest.fixture
def no_shift(qtbot, till, type_keys, focus):
    """Signed in at the sale screen before anyone opened a shift."""
    window = till("en")
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    focus(child(window, QLineEdit, "scanInput"))
    return window


@pytest.fixture
def cashier(no_shift):
    """Signed in with a shift open: ready to sell."""
    no_shift.ctx.shifts.open_shift(no_shift.session, {"note_100": 2})
    return no_shift


def test_find_item_by_pinyin_initials_adds_it(qtbot, cashier, on_dialog):
    def find(dialog) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "searchInput"), "kkkl")
        results = child(dialog, QTableWidget, "searchResults")
        qtbot.waitUntil(lambda: results.rowCount() >= 1, timeout=5000)
        assert "Coca-Cola" in results.item(0, 0).text()
        QTest.keyClick(child(dialog, QLineEdit, "searchInput"), Qt.Key.Key_Return)

    on_dialog("searchDialog", find)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=5000)
    assert cashier.sale.snapshot.lines[0].sku == "100001"


def test_search_with_no_match_adds_nothing(qtbot, cashier, on_dialog):
    def find(dialog) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "searchInput"), "zzzzqqq")
        status = child(dialog, QLabel, "searchStatus")
        qtbot.waitUntil(lambda: status.text() == "0 found", timeout=5000)
        QTest.keyClick(
            child(dialog, QLineEdit, "searchInput"), Qt.Key.Key_Return
        )  # nothing to pick: stays open
        assert dialog.isVisible()
        dialog.reject()

    on_dialog("searchDialog", find)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert on_dialog.seen == ["searchDialog"]
    assert cashier.sale.snapshot.lines == ()


def test_small_discount_applies_and_a_large_one_needs_a_manager(qtbot, cashier, type_keys, on_dialog, focus):
    scan(qtbot, cashier, PACKAGED[6].gtins[0], type_keys)  # Red Bull, ¥6.00
    scan_field = child(cashier, QLineEdit, "scanInput")

    def discount(text: str):
        def enter(dialog) -> None:
            child(dialog, QLineEdit, "discountInput").setText(text)
            dialog.accept()

        return enter

    on_dialog("discountDialog", discount("10%"))
    QTest.keyClick(scan_field, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: cashier.sale.snapshot.ticket_discount == Decimal("0.60"), timeout=5000)

    def approve(dialog) -> None:
        assert "50%" in child(dialog, QLabel, "managerAction").text()
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    focus(scan_field)  # active again after the first dialog
    on_dialog("discountDialog", discount("50%"))
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(scan_field, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: cashier.sale.snapshot.ticket_discount == 3, timeout=10000)
    assert child(cashier, QLabel, "ticketTotal").text() == "¥3.00"


def test_refused_manager_approval_leaves_the_ticket_alone(qtbot, cashier, type_keys, on_dialog):
    scan(qtbot, cashier, PACKAGED[6].gtins[0], type_keys)
    before = cashier.sale.snapshot

    def discount(dialog) -> None:
        child(dialog, QLineEdit, "discountInput").setText("90%")
        dialog.accept()

    def cancel(dialog) -> None:
        dialog.reject()

    on_dialog("discountDialog", discount)
    on_dialog("managerOverrideDialog", cancel)
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: on_dialog.seen == ["discountDialog", "managerOverrideDialog"], timeout=5000)
    qtbot.waitUntil(lambda: not cashier.runner.busy, timeout=5000)
    assert cashier.sale.snapshot == before


def test_help_lists_every_key(qtbot, cashier, on_dialog):
    rows: list[tuple[str, str]] = []

    def read(dialog) -> None:
        table = child(dialog, QTableWidget, "helpShortcuts")
        rows.extend((table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount()))
        dialog.reject()

    on_dialog("helpDialog", read)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    keys = " ".join(k for k, _ in rows)
    for key in ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F11", "F12", "Enter", "Esc"):
        assert key in keys
    assert ("F12 / +", "Pay") in rows


def test_keypad_star_opens_quantity_for_the_last_line(qtbot, cashier, type_keys, on_dialog):
    scan(qtbot, cashier, PACKAGED[0].gtins[0], type_keys)

    def two(dialog) -> None:
        child(dialog, QLineEdit, "quantityInput").setText("2")
        dialog.accept()

    on_dialog("quantityDialog", two)
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), "*", Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: cashier.sale.snapshot.item_count == 2, timeout=5000)


def test_hold_on_an_empty_ticket_and_recall_with_nothing_held_only_inform(qtbot, cashier):
    scan_field = child(cashier, QLineEdit, "scanInput")
    QTest.keyClick(scan_field, Qt.Key.Key_F7)
    assert cashier.notices.isVisible() and "no items" in cashier.notices.text
    QTest.keyClick(scan_field, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "no held tickets" in cashier.notices.text, timeout=5000)
    assert QApplication.activeModalWidget() is None


def test_void_without_a_line_asks_to_select_one(qtbot, cashier):
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Select an item" in cashier.notices.text, timeout=2000)


def test_scan_while_a_non_scanning_dialog_is_open_is_refused_aloud(qtbot, cashier, type_keys, on_dialog):
    def scan_into_help(dialog) -> None:
        type_keys(QApplication.focusWidget(), PACKAGED[0].gtins[0], 4)
        dialog.reject()

    on_dialog("helpDialog", scan_into_help)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    assert "Close the open window" in cashier.notices.text
    assert cashier.sale.snapshot.lines == ()


def test_typing_a_code_slowly_still_adds_it(qtbot, cashier, type_keys):
    type_keys(child(cashier, QLineEdit, "scanInput"), PACKAGED[1].gtins[0], HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=5000)


def test_weighed_item_from_search_asks_for_the_weight(qtbot, cashier, on_dialog):
    def find(dialog) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "searchInput"), "xj")  # 香蕉
        results = child(dialog, QTableWidget, "searchResults")
        qtbot.waitUntil(
            lambda: results.rowCount() >= 1 and results.item(0, 1).text() == "200002", timeout=5000
        )
        on_dialog("weightDialog", weigh)
        dialog.accept()

    def weigh(dialog) -> None:
        child(dialog, QLineEdit, "weightInput").setText("0.75")
        dialog.accept()

    on_dialog("searchDialog", find)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=5000)
    line = cashier.sale.snapshot.lines[0]
    assert line.quantity == Decimal("0.750") and line.total == Decimal("5.24")
    assert cashier.sale.model.index(0, 1).data() == "0.750 kg"


def test_scale_label_scan_adds_the_weighed_item(qtbot, cashier, type_keys):
    from stdnum import ean

    from pos_app.domain.barcode import WEIGHT_13

    body = WEIGHT_13.prefixes[0] + "10001" + "01250"  # PLU 10001 (Fuji apples), 1.250 kg
    scan(qtbot, cashier, body + ean.calc_check_digit(body), type_keys)
    line = cashier.sale.snapshot.lines[0]
    assert line.sku == "200001" and line.quantity == Decimal("1.250")


def test_no_sale_needs_an_open_shift_then_a_manager(qtbot, no_shift, on_dialog, focus):
    cashier = no_shift
    scan_field = child(cashier, QLineEdit, "scanInput")

    def reason(dialog) -> None:
        dialog.accept()  # the first suggested reason

    def approve(dialog) -> None:
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    on_dialog("noSaleDialog", reason)
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "No shift is open. Open a shift" in cashier.notices.text, timeout=5000)

    cashier.ctx.shifts.open_shift(cashier.session, {"note_100": 5})
    focus(scan_field)
    on_dialog("noSaleDialog", reason)
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: cashier.notices.text == "Drawer opened.", timeout=5000)
    events = cashier.ctx.shifts.events()
    assert [(e.kind, e.note) for e in events] == [("no_sale", "Change for a customer")]


def test_open_shift_counts_the_float_and_refuses_a_bad_count(qtbot, no_shift, on_dialog):
    cashier = no_shift
    messages: list[str] = []

    def count(dialog) -> None:
        child(dialog, QLineEdit, "count_note_100").setText("3")
        child(dialog, QLineEdit, "count_coin_1").setText("x")
        assert child(dialog, QLabel, "floatTotal").text() == "—"
        dialog.accept()
        message = child(dialog, QLabel, "openShiftMessage")
        qtbot.waitUntil(lambda: bool(message.text()), timeout=5000)
        messages.append(message.text())
        child(dialog, QLineEdit, "count_coin_1").setText("20")
        assert child(dialog, QLabel, "floatTotal").text() == "¥320.00"
        dialog.accept()

    on_dialog("managerMenu", lambda menu: QTest.keyClick(menu, Qt.Key.Key_1))  # 1: open shift
    on_dialog("openShiftDialog", count)
    QTest.keyClick(child(cashier, QLineEdit, "scanInput"), Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "320.00" in cashier.notices.text, timeout=5000)
    assert "x" in messages[0]
    assert cashier.ctx.shifts.current().float_amount == Decimal("320.00")
    shift_label = child(cashier, QLabel, "shiftStatus")
    qtbot.waitUntil(
        lambda: shift_label.text().startswith("Shift: ") and " from " in shift_label.text(), timeout=5000
    )


def test_void_after_pay_was_pressed_needs_a_manager(qtbot, cashier, type_keys, on_dialog, focus):
    scan(qtbot, cashier, PACKAGED[0].gtins[0], type_keys)
    scan(qtbot, cashier, PACKAGED[1].gtins[0], type_keys)
    on_dialog("paymentDialog", lambda dialog: dialog.reject())  # totalled, then back to the ticket
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F12)
    qtbot.waitUntil(
        lambda: on_dialog.seen == ["paymentDialog"] and QApplication.activeModalWidget() is None, timeout=5000
    )
    scan_field = child(cashier, QLineEdit, "scanInput")
    focus(scan_field)

    def approve(dialog) -> None:
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(scan_field, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: cashier.sale.snapshot.lines[-1].voided, timeout=10000)
    assert on_dialog.seen == ["paymentDialog", "managerOverrideDialog"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_action_buttons_are_equal_and_their_labels_fit(qtbot, till, type_keys, language):
    """A cashier finds a key by its place, so the columns must not shift with the language."""
    window = till(language)
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    buttons = list(window.sale.buttons.values())
    widths = {b.width() for b in buttons}
    assert max(widths) - min(widths) <= 1, widths  # layout rounding
    for button in buttons:
        label_width = max(button.fontMetrics().horizontalAdvance(line) for line in button.text().splitlines())
        assert label_width < button.width() - 8, (button.text(), label_width, button.width())


def test_discount_keypad_has_a_percent_key(qtbot, cashier, type_keys, on_dialog):
    scan(qtbot, cashier, PACKAGED[0].gtins[0], type_keys)

    def key_ten_percent(dialog) -> None:
        field = child(dialog, QLineEdit, "discountInput")
        field.clear()
        for name in ("keypad_1", "keypad_0", "keypad_percent"):
            QTest.mouseClick(child(dialog, QPushButton, name), Qt.MouseButton.LeftButton)
        assert field.text() == "10%"
        dialog.accept()

    on_dialog("discountDialog", key_ten_percent)
    cashier.sale.trigger("discount")
    expected = (Decimal(PACKAGED[0].price_fen) / 1000).quantize(Decimal("0.01"))
    qtbot.waitUntil(lambda: cashier.sale.snapshot.ticket_discount == expected, timeout=5000)


def test_void_is_one_key_and_ctrl_z_brings_the_line_back(qtbot, cashier, type_keys):
    scan(qtbot, cashier, PACKAGED[0].gtins[0], type_keys)
    scan(qtbot, cashier, PACKAGED[1].gtins[0], type_keys)
    field = child(cashier, QLineEdit, "scanInput")
    QTest.keyClick(field, Qt.Key.Key_F4)  # no question asked: voids the selected (last) line
    qtbot.waitUntil(lambda: cashier.sale.snapshot.lines[-1].voided, timeout=5000)
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not cashier.sale.snapshot.lines[-1].voided, timeout=5000)
    assert cashier.sale.snapshot.item_count == 2 and "undone" in cashier.notices.text
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "nothing to undo" in cashier.notices.text, timeout=5000)

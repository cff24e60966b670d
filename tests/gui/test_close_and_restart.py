"""The title bar ✕ asks first while a shift is open or a ticket is on screen, and the last receipt
of this till is back in the preview (and can be reprinted) after a restart."""

from __future__ import annotations

from gui_helpers import PACKAGED, child, scan, sign_in
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


def test_the_close_button_asks_with_a_ticket_on_screen(qtbot, till, type_keys, on_dialog):
    window = till("en")
    window.ask_before_closing = True
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    scan(qtbot, window, PACKAGED[0].gtins[0], type_keys)
    asked = []

    def answer(button):
        def press(box):
            asked.append(box.text())
            box.button(button).click()
        return press

    on_dialog("closeConfirm", answer(QMessageBox.StandardButton.No))
    assert not window.close()
    assert window.isVisible() and "ticket" in asked[0]
    on_dialog("closeConfirm", answer(QMessageBox.StandardButton.Yes))
    assert window.close()
    assert len(asked) == 2


def test_the_close_button_asks_with_a_shift_open_and_not_without(qtbot, till, type_keys, on_dialog):
    window = till("en")
    window.ask_before_closing = True
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    window.poll_status()
    qtbot.waitUntil(lambda: window._shift_open, timeout=5000)
    asked = []
    on_dialog("closeConfirm", lambda box: (asked.append(box.text()),
                                           box.button(QMessageBox.StandardButton.No).click()))
    assert not window.close()
    assert "shift" in asked[0]
    window.ask_before_closing = False  # so the test can end


def test_the_close_button_does_not_ask_with_nothing_open(qtbot, till, type_keys):
    window = till("en")
    window.ask_before_closing = True
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    assert window.close()


def test_last_receipt_and_reprint_after_a_restart(qtbot, till, type_keys):
    first = till("en")
    sign_in(qtbot, first, "李娜", "1111", type_keys)
    ctx = first.ctx
    ctx.shifts.open_shift(first.session, {"note_100": 2})
    ctx.checkout.set_user(first.session)
    ctx.checkout.scan(PACKAGED[0].gtins[0])
    ctx.checkout.add_tender("cash", "100")
    sale = ctx.checkout.complete()
    # a later slip or other document must not take the receipt's place
    ctx.shifts.no_sale(ctx.auth.login_badge("STAFF-0008"), "count")
    first.close()  # the till is quit ...
    QApplication.instance().removeEventFilter(first.scan_filter)
    restarted = till("en")  # ... and started again: a new window and context on the same database
    sign_in(qtbot, restarted, "李娜", "1111", type_keys)
    preview = child(restarted, QWidget, "receiptPreview")
    qtbot.waitUntil(lambda: any(sale.receipt_no in line for line in preview.text_lines), timeout=10000)
    reprint = child(restarted, QPushButton, "reprintButton")
    assert reprint.isEnabled()
    with qtbot.waitSignal(preview.reprinted, timeout=5000):
        reprint.click()
    jobs = [j for j in restarted.ctx.printing.pending() if j.kind == "receipt"]
    assert len(jobs) == 2

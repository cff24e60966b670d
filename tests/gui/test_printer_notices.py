"""The cashier hears about the drawer and unconfirmed receipts at once, through the real window and
a printer on a 127.0.0.1 raw port: a drawer that cannot open now says so (and never opens later),
and a receipt the printer did not confirm is one key (Ctrl+R) from a REPRINT."""

from __future__ import annotations

import pytest
from gui_helpers import child
from hw_fakes import FakeTcpPrinter
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from hardware.receipt.document import Cut, Document, Text
from pos_app.services.receipts import REPRINT_MARK
from tests_support import user_id

pytestmark = pytest.mark.timeout(60)
READY = {n: b"\x12" for n in (1, 2, 3, 4)}
COVER_OPEN = {**READY, 1: b"\x1e", 2: b"\x16"}


@pytest.fixture
def printer_till(qtbot, till):
    made: list = []

    def make(printer: FakeTcpPrinter):
        window = till("en", devices={"receipt_printer": printer.url})
        service = window.ctx.printing
        service.status_timeout, service.retry_initial, service.retry_max = 0.3, 0.05, 0.2
        service.start()
        made.append(printer)
        return window

    yield make
    for printer in made:
        printer.close()


def test_a_drawer_that_cannot_open_is_reported_now_and_stays_shut(qtbot, printer_till):
    printer = FakeTcpPrinter(status=COVER_OPEN)
    printer.fault(COVER_OPEN)
    window = printer_till(printer)
    cashier = window.ctx.auth.login(user_id(window.ctx, "Li Na"), "1111")
    window.ctx.printing.kick_drawer(cashier, "test")
    qtbot.waitUntil(lambda: "cash drawer did not open" in window.notices.text, timeout=10000)
    assert "printer reports a fault" in window.notices.text
    printer.clear_fault(READY)
    qtbot.wait(500)
    assert printer.drawer_opens == [] and printer.opened_after_clear == 0


def test_an_unconfirmed_receipt_is_shown_and_reprinted_with_one_key(qtbot, printer_till):
    printer = FakeTcpPrinter()  # takes the bytes, never answers status
    window = printer_till(printer)
    window.ctx.printing.submit(Document((Text("RECEIPT 0042"), Cut())), kind="receipt")
    qtbot.waitUntil(lambda: "did not confirm the last receipt" in window.notices.text, timeout=10000)
    status = child(window, QLabel, "printerStatus")
    qtbot.waitUntil(lambda: "1 not confirmed (Ctrl+R reprints)" in status.text(), timeout=10000)
    assert status.property("level") in ("warning", "error")
    printer.status = dict(READY)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: printer.count("RECEIPT 0042") == 2 and printer.count(REPRINT_MARK) == 1, timeout=10000)
    qtbot.waitUntil(lambda: "not confirmed" not in status.text(), timeout=10000)

"""A weighed item picked in the search takes its weight from the scale, never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest
from gui_helpers import child, sign_in
from hw_fakes import PtyDevice
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget

from pos_app.config import DevicesConfig


@pytest.fixture
def scale_reply():
    reply = {"W": b"\x0201.250\r"}
    device = PtyDevice(lambda chunk: reply["W"] if chunk == b"W" else None)
    yield device, reply
    device.close()


@pytest.fixture
def cashier(qtbot, till, type_keys, focus, scale_reply):
    device, _ = scale_reply
    window = till("en", devices=DevicesConfig(scale=f"serial://{device.path}"))
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    focus(child(window, QLineEdit, "scanInput"))
    return window


def find_apples(qtbot, on_dialog):
    def find(dialog) -> None:
        QTest.keyClicks(child(dialog, QLineEdit, "searchInput"), "hfspg")  # 红富士苹果
        results = child(dialog, QTableWidget, "searchResults")
        qtbot.waitUntil(lambda: results.rowCount() >= 1, timeout=5000)
        QTest.keyClick(child(dialog, QLineEdit, "searchInput"), Qt.Key.Key_Return)

    on_dialog("searchDialog", find)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)


def test_stable_weight_from_the_scale_goes_on_the_ticket(qtbot, cashier, on_dialog):
    find_apples(qtbot, on_dialog)
    qtbot.waitUntil(lambda: len(cashier.sale.snapshot.lines) == 1, timeout=8000)
    line = cashier.sale.snapshot.lines[0]
    assert (line.sku, line.quantity, line.amount) == ("200001", Decimal("1.250"), Decimal("16.00"))


def test_a_moving_scale_is_refused_and_nothing_is_added(qtbot, cashier, on_dialog, scale_reply):
    _, reply = scale_reply
    reply["W"] = b"\x02?\x41\r"  # status reply: in motion
    find_apples(qtbot, on_dialog)
    qtbot.waitUntil(lambda: "moving" in cashier.notices.text, timeout=8000)
    assert cashier.sale.snapshot.lines == ()

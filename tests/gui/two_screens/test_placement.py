"""Where the customer window goes with two monitors ("cashier" 1024x768 primary, "customer"
1280x800 to its right), what it shows there, and that the cashier's dialogs never land on it."""

from __future__ import annotations

import pytest
from gui_helpers import PACKAGED, child, scan, sign_in, visible_texts
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

CUSTOMER = QRect(1024, 0, 1280, 800)


def screen_named(name: str):
    return next(s for s in QGuiApplication.screens() if s.name() == name)


def test_the_platform_has_two_monitors(qapp):
    assert [s.name() for s in QGuiApplication.screens()] == ["cashier", "customer"]
    assert QGuiApplication.primaryScreen().name() == "cashier"


@pytest.mark.parametrize("setting", ["auto", "1"])
def test_full_screen_on_the_second_monitor(qtbot, till, setting):
    window = till("en", customer_screen={"screen": setting})
    screen = window.customer.window
    qtbot.waitUntil(screen.isVisible, timeout=3000)
    assert screen.isFullScreen()
    assert screen.screen().name() == "customer"
    assert screen.geometry() == CUSTOMER
    assert window.screen().name() == "cashier"
    assert QApplication.activeWindow() is not screen


def test_a_missing_monitor_shows_nothing_and_off_is_off(qtbot, till):
    assert till("en", customer_screen={"screen": "5"}).customer.window.isVisible() is False
    assert till("en", customer_screen={"screen": "off"}).customer.window is None


def test_primary_by_number(qtbot, till):
    screen = till("en", customer_screen={"screen": "0"}).customer.window
    assert screen.isFullScreen() and screen.screen().name() == "cashier"


def test_a_monitor_unplugged_hides_it_and_placing_again_brings_it_back(qtbot, till):
    window = till("en", customer_screen={"screen": "auto"})
    screen = window.customer.window
    window.customer.settings = window.customer.settings.model_copy(update={"screen": "5"})
    window.customer.place()  # what screenRemoved runs: the configured monitor is gone
    assert not screen.isVisible()
    window.customer.settings = window.customer.settings.model_copy(update={"screen": "auto"})
    window.customer.place()
    assert screen.isVisible() and screen.geometry() == CUSTOMER


def test_the_ticket_on_the_customer_monitor_and_the_manager_dialog_on_the_cashiers(
        qtbot, till, type_keys, on_dialog):
    window = till("en", customer_screen={"screen": "auto"})
    window.setGeometry(QRect(0, 0, 1024, 768))  # the till's window fills the cashier's monitor
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    screen = window.customer.window
    for product in PACKAGED[:2]:
        scan(qtbot, window, product.gtins[0], type_keys)
    qtbot.waitUntil(lambda: screen.lines_model.rowCount() == 2, timeout=5000)
    assert screen.due.text() == child(window, QLabel, "ticketTotal").text()
    seen: dict[str, object] = {}

    def discount(dialog) -> None:
        child(dialog, QLineEdit, "discountInput").setText("50%")
        dialog.accept()

    def approve(dialog) -> None:
        # While the manager types the PIN: no window but the customer's on the customer's monitor.
        seen["on_customer"] = [w.objectName() for w in QApplication.topLevelWidgets()
                               if w.isVisible() and w is not screen and w.frameGeometry().intersects(CUSTOMER)]
        seen["dialog_screen"] = dialog.screen().name()
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    on_dialog("discountDialog", discount)
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.sale.snapshot.ticket_discount > 0, timeout=10000)
    assert seen == {"on_customer": [], "dialog_screen": "cashier"}
    qtbot.waitUntil(lambda: screen.due.text() == child(window, QLabel, "ticketTotal").text(), timeout=5000)
    shown = "\n".join(visible_texts(screen))
    assert "8888" not in shown and "50%" not in shown

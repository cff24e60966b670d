"""The running till reads a serial scanner (a pseudo-terminal here): codes written to the port land
where a keyboard scanner's would (sale screen, payment reference, pickup console), the scanner is
reopened after it was unplugged, and the status bar says how it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import HUMAN_GAP_MS, PACKAGED, child, sign_in
from hw_fakes import PtyDevice
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def scanner_port(tmp_path):
    """A path the till opens (a link to a pty) and `replug()` that pulls the cable and plugs a new one in."""
    link = tmp_path / "ttySCANNER"
    devices = [PtyDevice()]
    link.symlink_to(devices[0].path)

    class Port:
        url = f"serial://{link}"

        @staticmethod
        def send(data: bytes) -> None:
            devices[-1].send(data)

        @staticmethod
        def unplug() -> None:
            devices[-1].close()
            link.unlink()

        @staticmethod
        def plug_in() -> None:
            devices.append(PtyDevice())
            link.symlink_to(devices[-1].path)

    yield Port
    for device in devices:
        device.close()


@pytest.fixture
def serial_window(qtbot, till, scanner_port):
    window = till("en", devices={"scanner": scanner_port.url, "scanner_suffix": "CR"})
    window.ctx.scanner.start()  # what ctx.start_workers() does for the running till
    return window


@pytest.fixture
def serial_till(qtbot, serial_window, type_keys):
    window = serial_window
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    status = child(window, QLabel, "scannerStatus")
    qtbot.waitUntil(lambda: status.text() == "Scanner: ready", timeout=10000)
    return window


def test_codes_from_the_serial_scanner_land_on_the_ticket(qtbot, serial_till, scanner_port):
    window = serial_till
    assert child(window, QLabel, "scannerStatus").isVisible()
    first, second = PACKAGED[0], PACKAGED[1]
    scanner_port.send(first.gtins[0].encode() + b"\r")
    qtbot.waitUntil(lambda: [ln.sku for ln in window.sale.snapshot.lines] == [first.sku], timeout=10000)
    scanner_port.send(b"6900000000015\r")  # a wrong check digit: refused like a keyboard scan
    qtbot.waitUntil(lambda: "check digit" in window.notices.text, timeout=10000)
    scanner_port.send(second.gtins[0].encode() + b"\r")
    qtbot.waitUntil(lambda: [ln.sku for ln in window.sale.snapshot.lines] == [first.sku, second.sku], timeout=10000)


def test_an_unplugged_scanner_is_shown_and_read_again_once_plugged_in(qtbot, serial_till, scanner_port):
    window = serial_till
    status = child(window, QLabel, "scannerStatus")
    scanner_port.unplug()
    qtbot.waitUntil(lambda: status.text() == "Scanner: unplugged", timeout=10000)
    assert status.property("level") == "error"
    scanner_port.plug_in()
    qtbot.waitUntil(lambda: status.text() == "Scanner: ready", timeout=15000)
    scanner_port.send(PACKAGED[2].gtins[0].encode() + b"\r")
    qtbot.waitUntil(lambda: [ln.sku for ln in window.sale.snapshot.lines] == [PACKAGED[2].sku], timeout=10000)


def test_a_serial_scan_fills_the_card_reference_in_the_payment_dialog(qtbot, serial_till, scanner_port, on_dialog):
    window = serial_till
    scanner_port.send(PACKAGED[0].gtins[0].encode() + b"\r")
    qtbot.waitUntil(lambda: len(window.sale.snapshot.lines) == 1, timeout=10000)
    seen = {}

    def pay(dialog) -> None:
        card = child(dialog, QPushButton, "tenderCard")
        QTest.mouseClick(card, Qt.MouseButton.LeftButton)
        reference = child(dialog, QLineEdit, "tenderReference")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is reference, timeout=3000)
        scanner_port.send(b"SLIP778899\r")  # the card slip's barcode, read by the serial scanner
        # typed into the field, then Enter as a wedge scanner sends it: the card payment takes it
        qtbot.waitUntil(lambda: reference.text() == "SLIP778899" or any(
            t.reference == "SLIP778899" for t in window.ctx.checkout.current().tenders), timeout=10000)
        seen["reference"] = "SLIP778899"
        dialog.reject()

    on_dialog("paymentDialog", pay)
    QTest.mouseClick(child(window, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "reference" in seen and QApplication.activeModalWidget() is None, timeout=20000)
    assert len(window.sale.snapshot.lines) == 1  # the slip code went into the field, not onto the ticket


def test_a_serial_scan_on_the_pickup_console_goes_to_the_pickup_screen(qtbot, serial_window, scanner_port,
                                                                       type_keys):
    window = serial_window
    users = child(window, QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 5, timeout=5000)
    users.setCurrentRow(next(i for i in range(users.count()) if "陈静" in users.item(i).text()))
    type_keys(child(window, QLineEdit, "loginPin"), "3333", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pickup, timeout=5000)  # a clerk's screen
    before = window.notices.text
    scanner_port.send(b"O2OPU:PU999:123456\r")
    qtbot.waitUntil(lambda: window.notices.text != before, timeout=10000)
    # the pickup code kind, routed to the pickup console (an unsigned QR is refused there as damaged)
    assert window.notices.text == "This pickup QR code is damaged; key in the 6-digit code."


def test_the_status_bar_with_the_scanner_fits_1024(qtbot, till, scanner_port, tmp_path):
    """zh_CN, the till's language. (In English the bar was already wider than 1024 px before the
    scanner's label: "Not signed in", "Platform: not set up" and the three buttons.)"""
    window = till("zh_CN", devices={"scanner": scanner_port.url})
    window.ctx.scanner.start()
    status = child(window, QLabel, "scannerStatus")
    qtbot.waitUntil(lambda: status.isVisible() and status.property("level") == "ok", timeout=10000)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
    assert window.status.minimumSizeHint().width() <= 1024
    right = status.mapTo(window, status.rect().topRight()).x()
    assert 0 < right <= 1024 and status.text() == "扫码枪：就绪"
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    assert window.grab().save(str(target / "status_bar_scanner_zh_CN.png"))

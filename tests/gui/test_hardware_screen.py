"""The manager's hardware screen driven by clicks and keys, against real devices on this machine:
a raw-port printer on 127.0.0.1, pseudo-terminals playing a scale, a pole display and a scanner.

Set POS_SCREENSHOTS_DIR=docs/screenshots to refresh the documentation's screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import SCAN_GAP_MS, child
from hw_fakes import FakeTcpPrinter, PtyDevice
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from pos_app.config import DevicesConfig, load_config, write_config
from pos_app.ui.hardware_screen import HardwareScreen
from pos_app.ui.i18n import LanguageManager
from pos_app.ui.scan_filter import ScanFilter

pytestmark = pytest.mark.timeout(60)
READY = {n: b"\x12" for n in (1, 2, 3, 4)}  # DLE EOT answers of a printer with paper, cover shut
SCALE_LINE = "?baudrate=9600&bytesize=7&parity=E"


@pytest.fixture
def devices():
    """Printers and pty devices made by a test, closed after it."""
    made = []

    def printer() -> FakeTcpPrinter:
        made.append(FakeTcpPrinter(status=READY))
        return made[-1]

    def pty(respond=None) -> PtyDevice:
        made.append(PtyDevice(respond))
        return made[-1]

    yield printer, pty
    for device in made:
        device.close()


@pytest.fixture
def open_screen(qtbot, till_qapp, make_ctx, clock, tmp_path):
    """`open_screen(language, role="admin", **devices)`: the screen on a real AppContext, signed in
    for real with the demo PIN of a staff member of that role, with a config file on disk."""
    made = []

    def make(language: str = "en", role: str = "admin", **devices) -> HardwareScreen:
        ctx = make_ctx(language, devices=DevicesConfig(**devices))
        languages = LanguageManager(till_qapp)
        languages.set_language(language)
        user = next(u for u in ctx.auth.list_users() if u.role == role)
        pin = {"admin": "9999", "manager": "8888", "cashier": "1111"}[role]
        session = ctx.auth.login(user.user_id, pin)
        path = tmp_path / "config.toml"
        write_config(ctx.config, path)
        scan_filter = ScanFilter(max_gap_ms=30, min_length=4, clock=clock)
        scan_filter.install(till_qapp)
        screen = HardwareScreen(ctx, path, session, scan_filter=scan_filter)
        qtbot.addWidget(screen)
        screen.resize(1280, 740)  # what the till window leaves between notice and status bar
        screen.show()
        made.append((screen, scan_filter, languages))
        return screen

    yield make
    for screen, scan_filter, languages in made:
        screen.runner.wait(20000)
        till_qapp.removeEventFilter(scan_filter)
        for translator in languages._translators:
            till_qapp.removeTranslator(translator)


def click(screen: QWidget, name: str) -> None:
    QTest.mouseClick(child(screen, QPushButton, name), Qt.MouseButton.LeftButton)


def type_into(screen: QWidget, name: str, text: str) -> None:
    field = child(screen, QLineEdit, name)
    field.selectAll()
    field.insert(text)


def result_of(qtbot, screen: QWidget, name: str, timeout: int = 10000) -> QLabel:
    label = child(screen, QLabel, name)
    qtbot.waitUntil(lambda: label.property("level") in ("ok", "error"), timeout=timeout)
    return label


def test_a_test_print_reaches_the_printer(qtbot, open_screen, devices):
    printer_at, _ = devices
    printer = printer_at()
    screen = open_screen()
    type_into(screen, "hwPrinterUrl", printer.url)
    click(screen, "hwTestPrinter")
    result = result_of(qtbot, screen, "hwPrinterResult")
    assert result.property("level") == "ok", result.text()
    assert result.text().startswith("Test page sent to the printer.\nTest receipt printed on " + printer.url)
    assert b"TEST-0001" in printer.received and "打印测试".encode("gb18030") in printer.received


def test_a_refused_port_shows_the_specific_error(qtbot, open_screen, devices):
    printer_at, _ = devices
    printer = printer_at()
    url = printer.url
    printer.close()  # nothing listens there any more: the connection is refused, like a printer that is off
    screen = open_screen("zh_CN")
    type_into(screen, "hwPrinterUrl", url)
    click(screen, "hwTestPrinter")
    result = result_of(qtbot, screen, "hwPrinterResult")
    assert result.property("level") == "error"
    headline, detail = result.text().split("\n", 1)
    assert headline == "无法连接打印机。"
    assert detail.startswith(f"The printer at {url} refused the connection")
    assert child(screen, QPushButton, "hwTestPrinter").isEnabled()


def test_a_drawer_on_the_printer_is_kicked_on_the_chosen_pin(qtbot, open_screen, devices):
    printer_at, _ = devices
    printer = printer_at()
    screen = open_screen(receipt_printer=printer.url, drawer="printer")
    pin = child(screen, QComboBox, "hwDrawerPin")
    pin.setCurrentIndex(pin.findData(5))
    click(screen, "hwTestDrawer")
    result = result_of(qtbot, screen, "hwDrawerResult")
    assert result.property("level") == "ok", result.text()
    assert "Drawer kicked on pin 5" in result.text() and b"\x1bp\x01" in printer.received


def test_a_malformed_address_is_refused_on_save_and_nothing_is_written(qtbot, open_screen):
    screen = open_screen()
    before = screen.config_path.read_bytes()
    type_into(screen, "hwPrinterUrl", "tcp//192.168.1.50")
    type_into(screen, "hwDisplayUrl", "serial:///dev/ttyUSB0")
    click(screen, "hwSave")
    result = child(screen, QLabel, "hwSaveResult")
    assert result.property("level") == "error"
    assert result.text().startswith("Not saved: the address of “Receipt printer” cannot be used.\n"
                                    "Bad device URL 'tcp//192.168.1.50'")
    assert "Accepted forms:" in result.text() and "tcp://HOST[:PORT]" in result.text()
    assert child(screen, QLineEdit, "hwPrinterUrl").property("invalid") is True
    type_into(screen, "hwPrinterUrl", "preview://")
    type_into(screen, "hwScaleUrl", "tcp://10.0.0.9:4001")  # a scale is a serial device
    click(screen, "hwSave")
    assert result.text().startswith("Not saved: the address of “Scale” cannot be used.\n"
                                    "A scale is connected by a serial URL")
    screen.runner.wait(5000)
    assert screen.config_path.read_bytes() == before


def test_save_writes_only_the_devices_section(qtbot, open_screen, tmp_path):
    screen = open_screen()
    on_disk = load_config(screen.config_path)
    write_config(on_disk.model_copy(update={"till_id": "T07"}), screen.config_path)  # edited meanwhile
    type_into(screen, "hwDisplayUrl", "serial:///dev/ttyUSB3?baudrate=9600")
    encoding = child(screen, QComboBox, "hwDisplayEncoding")
    encoding.setCurrentIndex(encoding.findData("gb18030"))
    type_into(screen, "hwDrawerUrl", "")
    with qtbot.waitSignal(screen.saved, timeout=5000) as signal:
        click(screen, "hwSave")
    assert signal.args[0].devices.display_encoding == "gb18030"
    result = result_of(qtbot, screen, "hwSaveResult")
    assert result.property("level") == "ok", result.text()
    saved = load_config(screen.config_path)
    assert saved.devices.display == "serial:///dev/ttyUSB3?baudrate=9600"
    assert (saved.devices.display_encoding, saved.devices.drawer) == ("gb18030", "")
    assert saved.till_id == "T07" and saved.receipt == on_disk.receipt


@pytest.mark.parametrize(
    ("reply", "level", "text"),
    [
        (b"\x0201.250\r", "ok", "The scale reads 1.250 kg."),
        (b"\x0200.000\r", "ok", "The scale works and reads 0.000 kg"),
        (b"\x02?\x41\r", "error", "The weight is not stable.\nThe weight is not stable yet"),
        (None, "error", "The scale does not answer.\nThe scale on /dev/pts/"),
    ],
    ids=["weight", "zero", "motion", "silent"],
)
def test_read_scale_through_a_pty_speaking_8217(qtbot, open_screen, devices, reply, level, text):
    _, pty = devices
    scale = pty(lambda chunk: reply if chunk == b"W" else None)
    screen = open_screen()
    type_into(screen, "hwScaleUrl", f"serial://{scale.path}{SCALE_LINE}")
    click(screen, "hwTestScale")
    result = result_of(qtbot, screen, "hwScaleResult")
    assert result.property("level") == level and result.text().startswith(text), result.text()


def test_display_test_reaches_the_pole_display(qtbot, open_screen, devices):
    _, pty = devices
    display = pty()
    screen = open_screen("zh_CN")
    type_into(screen, "hwDisplayUrl", f"serial://{display.path}")
    encoding = child(screen, QComboBox, "hwDisplayEncoding")
    encoding.setCurrentIndex(encoding.findData("gb18030"))
    click(screen, "hwTestDisplay")
    result = result_of(qtbot, screen, "hwDisplayResult")
    assert result.property("level") == "ok", result.text()
    qtbot.waitUntil(lambda: "测试 TEST".encode("gb18030") in display.received, timeout=5000)
    assert b"\x1bQBTOTAL" in display.received or b"\x1bQA" + b"TOTAL" in display.received


def test_serial_scanner_test_shows_the_code_scanned(qtbot, open_screen, devices):
    _, pty = devices
    scanner = pty()
    screen = open_screen()
    type_into(screen, "hwScannerUrl", f"serial://{scanner.path}")
    click(screen, "hwTestScanner")
    result = child(screen, QLabel, "hwScannerResult")
    assert result.property("level") == "busy" and "Scan a barcode" in result.text()

    def scanned() -> bool:  # scanned again until read: the reader discards what came before it opened
        scanner.send(b"6901234567892\r")
        return result.property("level") != "busy"

    qtbot.waitUntil(scanned, timeout=10000)
    assert result.property("level") == "ok" and result.text().startswith("Last scanned code: 6901234567892")


def test_keyboard_scanner_test_shows_the_last_burst(qtbot, open_screen, type_keys, focus):
    screen = open_screen()
    click(screen, "hwTestScanner")
    result = child(screen, QLabel, "hwScannerResult")
    assert result.property("level") == "error" and result.text().startswith("No code yet: scan any barcode")
    focus(child(screen, QLineEdit, "hwPrinterUrl"))
    field = child(screen, QLineEdit, "hwPrinterUrl")
    typed_before = field.text()
    type_keys(field, "6901234567892", SCAN_GAP_MS)  # a wedge scanner's burst, wherever the focus is
    click(screen, "hwTestScanner")
    assert result.property("level") == "ok"
    assert result.text().startswith("Last scanned code: 6901234567892")
    assert field.text() == typed_before  # the burst did not land in the address field


def test_the_screen_refuses_staff_without_manage_devices(qtbot, open_screen):
    screen = open_screen(role="manager")
    before = screen.config_path.read_bytes()
    assert child(screen, QLabel, "hwRefused").isVisible()
    assert not child(screen, QPushButton, "hwSave").isEnabled()
    assert not child(screen, QLineEdit, "hwPrinterUrl").isEnabled()
    screen.save()  # even called directly, nothing happens
    screen.test("printer")
    assert not screen.runner.busy and screen.config_path.read_bytes() == before
    assert child(screen, QLabel, "hwPrinterResult").text() == ""
    with qtbot.waitSignal(screen.closeRequested, timeout=1000):
        click(screen, "hwBack")  # Back still leads out of the locked screen


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshots(qtbot, open_screen, devices, tmp_path, language):
    printer_at, pty = devices
    printer = printer_at()
    scale = pty(lambda chunk: b"\x0201.250\r" if chunk == b"W" else None)
    screen = open_screen(language, receipt_printer=printer.url, scale=f"serial://{scale.path}{SCALE_LINE}",
                         display="serial:///dev/ttyUSB-display")
    click(screen, "hwTestPrinter")
    click(screen, "hwTestScale")
    click(screen, "hwTestDisplay")
    for name in ("hwPrinterResult", "hwScaleResult", "hwDisplayResult"):
        result_of(qtbot, screen, name)
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    image = screen.grab().toImage()
    assert image.save(str(target / f"hardware_{language}.png"))
    assert child(screen, QLabel, "hwDisplayResult").property("level") == "error"


def test_every_control_has_a_stable_object_name(open_screen):
    screen = open_screen()
    controls = [w for cls in (QPushButton, QLineEdit, QComboBox) for w in screen.findChildren(cls)
                if not isinstance(w.parentWidget(), QComboBox)]
    assert len(controls) == 5 * 2 + 3 + 3  # address + test per device, 3 options, back, save, from platform
    assert all(w.objectName().startswith("hw") for w in controls), [w.objectName() for w in controls]

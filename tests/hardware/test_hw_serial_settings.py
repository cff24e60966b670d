"""A line setting the OS refuses (EINVAL from tcsetattr) is each serial device's own error naming
the setting, never a raw ``termios.error`` or "Unexpected error"."""

from __future__ import annotations

import threading

import pytest
from hw_fakes import refuse_seven_bit_even_parity

from hardware.diagnostics import run_check
from hardware.display import PoleDisplay
from hardware.drawer import SerialDrawer
from hardware.errors import PrinterOffline, ScannerDisconnected, SerialSettingsRefused
from hardware.printer import open_printer
from hardware.scale import Scale8217
from hardware.scanner import SerialScanner

pytestmark = pytest.mark.timeout(30)
SEVEN_E_ONE = "?baudrate=9600&bytesize=7&parity=E"


@pytest.fixture
def refusing_port(pty_factory, monkeypatch):
    refuse_seven_bit_even_parity(monkeypatch)
    return f"serial://{pty_factory().path}{SEVEN_E_ONE}"


@pytest.mark.parametrize(
    ("opener", "what"),
    [
        (lambda url: Scale8217(url, timeout=0.2), "scale"),
        (lambda url: PoleDisplay(url), "customer display"),
        (lambda url: SerialDrawer(url), "serial cash drawer"),
    ],
    ids=["scale", "display", "drawer"],
)
def test_serial_devices_name_the_refused_setting(refusing_port, opener, what):
    with pytest.raises(SerialSettingsRefused) as refused:
        opener(refusing_port)
    message = str(refused.value)
    assert f"The {what} port" in message and "9600 baud 7E1" in message and "Invalid argument" in message
    assert refused.value.setting == "9600 baud 7E1"


def test_a_serial_printer_reports_the_refused_setting_as_offline(refusing_port):
    with pytest.raises(PrinterOffline, match="receipt printer port .* refused the line settings 9600 baud 7E1"):
        open_printer(refusing_port, timeout=0.2)


def test_the_scanner_reports_the_refused_setting_through_on_error(refusing_port):
    errors: list[Exception] = []
    got = threading.Event()
    scanner = SerialScanner(refusing_port, lambda code: None, lambda e: (errors.append(e), got.set()))
    scanner.start()
    try:
        assert got.wait(5)
    finally:
        scanner.stop()
    assert isinstance(errors[0], ScannerDisconnected) and "9600 baud 7E1" in str(errors[0])


@pytest.mark.parametrize("kind", ["scale", "display", "scanner"])
def test_device_tests_show_the_setting_not_an_unexpected_error(refusing_port, kind):
    options = {"wait_seconds": 0.5} if kind == "scanner" else {}
    result = run_check(kind, refusing_port, **options)
    assert not result.ok and "9600 baud 7E1" in result.message and "Unexpected" not in result.message

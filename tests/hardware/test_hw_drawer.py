import re

import pytest
from hw_fakes import wait_until

from hardware.drawer import DEFAULT_SERIAL_OPEN_COMMAND, PrinterDrawer, SerialDrawer
from hardware.errors import DeviceURLError, DocumentError, SerialDeviceError
from hardware.printer import open_printer

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast

READY = {2: b"\x12", 3: b"\x12", 4: b"\x12"}


@pytest.mark.parametrize(
    ("pin", "on_ms", "off_ms", "expected"),
    [(2, 100, 100, b"\x1bp\x00\x32\x32"), (5, 50, 510, b"\x1bp\x01\x19\xff")],
)
def test_kick_through_the_printer_sends_esc_p(tcp_printer_factory, pin, on_ms, off_ms, expected):
    server = tcp_printer_factory()
    with open_printer(server.url, timeout=1) as printer:
        PrinterDrawer(printer, pin=pin, on_ms=on_ms, off_ms=off_ms).kick()
    assert wait_until(lambda: bytes(server.received) == expected)


@pytest.mark.parametrize(
    ("printer_status", "open_when_high", "expected"),
    [(b"\x16", True, True), (b"\x12", True, False), (b"\x16", False, False), (b"\x12", False, True)],
)
def test_sensor_polarity_is_configurable(tcp_printer_factory, printer_status, open_when_high, expected):
    server = tcp_printer_factory(status={1: printer_status, **READY})
    with open_printer(server.url, timeout=1) as printer:
        assert PrinterDrawer(printer, open_when_high=open_when_high).is_open() is expected


def test_sensor_unknown_when_the_printer_does_not_answer(tcp_printer_factory):
    server = tcp_printer_factory()
    with open_printer(server.url, timeout=0.2) as printer:
        assert PrinterDrawer(printer).is_open() is None


def test_bad_pin_is_refused_before_anything_is_sent(tcp_printer_factory):
    server = tcp_printer_factory()
    with (
        open_printer(server.url, timeout=1) as printer,
        pytest.raises(DocumentError, match="pin must be 2 or 5"),
    ):
        PrinterDrawer(printer, pin=4)
    assert server.received == b""


def test_serial_drawer_sends_its_open_command(pty_factory):
    device = pty_factory()
    drawer = SerialDrawer(f"serial://{device.path}", open_command=b"\x07")
    drawer.kick()
    assert wait_until(lambda: device.received == b"\x07")
    assert drawer.is_open() is None
    drawer.close()
    assert re.fullmatch(rb"\x1bp\x00..", DEFAULT_SERIAL_OPEN_COMMAND, re.DOTALL)


def test_serial_drawer_needs_a_serial_url_and_bytes():
    with pytest.raises(DeviceURLError, match="serial URL"):
        SerialDrawer("tcp://127.0.0.1:9100")
    with pytest.raises(SerialDeviceError, match="non-empty bytes"):
        SerialDrawer("serial+loop://", open_command="open")

import importlib.util
import re
import sys
import tty

import pytest
from hw_fakes import wait_until

from hardware.errors import PrinterOffline, PrinterUnavailable
from hardware.printer import PreviewPrinter, open_printer
from hardware.receipt.document import Document, Text
from hardware.receipt.profile import PrinterProfile
from hardware.status import PrinterState

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast

READY = {1: b"\x16", 2: b"\x12", 3: b"\x12", 4: b"\x12"}


def status_responder(answers):
    def respond(chunk: bytes) -> bytes:
        return b"".join(answers.get(n[0], b"") for n in re.findall(rb"\x10\x04(.)", chunk, re.DOTALL))

    return respond


def test_serial_printer_on_a_pty_prints_and_answers_status(pty_factory):
    device = pty_factory(status_responder({**READY, 4: b"\x1e"}))
    with open_printer(f"serial://{device.path}?baudrate=19200", timeout=1) as printer:
        printer.print_document(Document((Text("收银测试"),)), PrinterProfile(columns=32))
        status = printer.status()
    assert status.state is PrinterState.WARNING and status.paper_near_end
    assert wait_until(lambda: "收银测试".encode("gb18030") in device.received)


def test_serial_printer_that_never_answers_status_is_unknown(pty_factory):
    device = pty_factory()
    with open_printer(f"serial://{device.path}", timeout=0.2) as printer:
        assert printer.status().state is PrinterState.UNKNOWN


def test_pyserial_loop_url_sends_bytes_back_which_are_not_status():
    with open_printer("serial+loop://", timeout=0.2) as printer:
        printer.write(b"hello")
        status = printer.status()
    assert status.state is PrinterState.UNKNOWN
    assert "not a status byte" in status.message


def test_missing_serial_port_is_offline():
    with pytest.raises(PrinterOffline, match="Cannot open serial port /dev/ttyDOESNOTEXIST"):
        open_printer("serial:///dev/ttyDOESNOTEXIST")


def test_device_file_printer_on_a_pty(pty_factory):
    device = pty_factory(status_responder(READY))
    tty.setraw(device.master)
    with open_printer(f"file://{device.path}", timeout=1) as printer:
        tty.setraw(printer._transport._fd)
        printer.write(b"\x1b@raw bytes\n")
        status = printer.status()
    assert wait_until(lambda: b"\x1b@raw bytes\n" in device.received)
    assert status.state is PrinterState.OK


def test_device_file_that_is_a_plain_file_gives_unknown_status(tmp_path):
    path = tmp_path / "lp0"
    path.write_bytes(b"")
    with open_printer(f"file://{path}", timeout=0.2) as printer:
        printer.write(b"ticket")
        assert printer.status().state is PrinterState.UNKNOWN
    assert path.read_bytes().startswith(b"ticket")


def test_missing_device_file_is_offline(tmp_path):
    with pytest.raises(PrinterOffline, match="does not exist: is the printer plugged in"):
        open_printer(f"file://{tmp_path}/lp9")


@pytest.mark.skipif(importlib.util.find_spec("usb") is not None, reason="pyusb is installed here")
def test_usb_without_pyusb_says_what_to_install():
    with pytest.raises(PrinterUnavailable, match="needs the pyusb package and libusb"):
        open_printer("usb://0x04b8:0x0202")


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows message")
def test_win32raw_off_windows_is_unavailable():
    with pytest.raises(PrinterUnavailable, match="uses the Windows print spooler"):
        open_printer("win32raw://EPSON TM-T88V")


def test_preview_saves_png_and_text_and_keeps_the_last_image(tmp_path, receipt):
    printer = open_printer(f"preview://{tmp_path}/receipts")
    assert isinstance(printer, PreviewPrinter)
    printer.print_document(receipt, PrinterProfile(columns=32))
    png, txt = printer.last_files
    assert png.suffix == ".png" and png.is_file()
    assert txt.read_text(encoding="utf-8").splitlines() == printer.last_text
    assert printer.last_image.width == 384
    assert any("农夫山泉 550ml" in line for line in printer.last_text)
    assert printer.status().state is PrinterState.OK
    printer.write(b"\x1b@")
    assert printer.last_files[0].read_bytes() == b"\x1b@"

import threading

import pytest
from hw_fakes import wait_until

from hardware.diagnostics import run_check
from hardware.receipt.profile import PrinterProfile

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast

READY = {1: b"\x16", 2: b"\x12", 3: b"\x12", 4: b"\x12"}


def test_printer_check_prints_the_sample_receipt(tcp_printer_factory):
    server = tcp_printer_factory(status=READY)
    result = run_check("printer", server.url, profile=PrinterProfile(columns=32), timeout=1)
    assert result.ok and "Printer ready." in result.message and result.details["status"] == "ok"
    assert wait_until(lambda: b"\x1dV\x00" in server.received)
    data = bytes(server.received)
    assert "打印测试".encode("gb18030") in data and b"PRINTER TEST" in data
    assert b"{BTEST-{C\x00\x01" in data and b"1P0https://example.com/receipt/TEST-0001" in data


def test_printer_check_does_not_print_when_the_cover_is_open(tcp_printer_factory):
    server = tcp_printer_factory(status={**READY, 1: b"\x1e", 2: b"\x16"})
    result = run_check("printer", server.url, timeout=1)
    assert not result.ok and "cover open" in result.message
    assert "打印测试".encode("gb18030") not in server.received


@pytest.mark.parametrize(
    ("kind", "options"), [("printer", {}), ("drawer", {"pin": 2})], ids=["printer", "drawer"]
)
@pytest.mark.parametrize(
    ("fake", "reason"),
    [
        ({"mode": "http"}, "answered 0x48 to DLE EOT 1"),
        ({}, "no answer to status query DLE EOT 1"),
        ({"mode": "drop", "drop_after": 1}, "dropped"),
    ],
    ids=["http-server", "silent-listener", "hangs-up-during-status"],
)
def test_a_port_that_does_not_answer_like_a_printer_fails_and_gets_nothing(
    tcp_printer_factory, kind, options, fake, reason
):
    server = tcp_printer_factory(**fake)
    result = run_check(kind, server.url, timeout=0.3, **options)
    assert not result.ok and reason in result.message and "did not answer like an ESC/POS printer" in result.message
    assert result.details["status"] == "unknown"
    assert b"\x1bp" not in server.received and "打印测试".encode("gb18030") not in server.received


def test_printer_check_reports_instead_of_raising(tcp_printer_factory):
    refused = run_check("printer", "tcp://127.0.0.1:1", timeout=1)
    assert not refused.ok and "refused the connection" in refused.message
    typo = run_check("printer", "tcp//printer")
    assert not typo.ok and typo.details["error"] == "DeviceURLError" and "Accepted forms" in typo.message


def test_printer_check_on_preview(tmp_path):
    result = run_check("printer", f"preview://{tmp_path}")
    assert result.ok and len(list(tmp_path.glob("*.png"))) == 1


def test_drawer_check_through_the_printer(tcp_printer_factory):
    server = tcp_printer_factory(status=READY)
    result = run_check("drawer", server.url, pin=5, timeout=1)
    assert (
        result.ok
        and result.message == "Drawer kicked on pin 5; sensor: open."
        and result.details["open"] is True
    )
    assert server.received.startswith(b"\x10\x04\x01") and b"\x1bp\x01\x32\x32" in server.received


def test_drawer_check_with_the_real_time_pulse(tcp_printer_factory):
    server = tcp_printer_factory(status=READY)
    result = run_check("drawer", server.url, pin=2, timeout=1, realtime=True)
    assert result.ok
    assert wait_until(lambda: server.drawer_opens == ["DLE DC4"]) and b"\x1bp" not in server.received


def test_serial_drawer_check(pty_factory):
    device = pty_factory()
    result = run_check("drawer", f"serial://{device.path}", serial_command=b"OPEN")
    assert result.ok
    assert wait_until(lambda: device.received == b"OPEN")


def test_display_check_in_chinese_when_the_display_has_a_chinese_font(pty_factory):
    device = pty_factory()
    result = run_check("display", f"serial://{device.path}", encoding="gb18030")
    assert result.ok
    assert wait_until(lambda: "测试".encode("gb18030") in device.received and "￥12.50".encode("gb18030") in device.received)


def test_display_check(pty_factory):
    device = pty_factory()
    result = run_check("display", f"serial://{device.path}", command_set="epson")
    assert result.ok
    assert wait_until(lambda: b"TEST ITEM" in device.received and b"RMB12.50" in device.received)


def test_scale_check(pty_factory):
    good = pty_factory(lambda chunk: b"\x0201.234\r")
    result = run_check("scale", f"serial://{good.path}", timeout=0.5)
    assert result.ok and result.details == {"weight_kg": "1.234"}
    silent = pty_factory()
    result = run_check("scale", f"serial://{silent.path}", timeout=0.2)
    assert not result.ok and result.details["error"] == "ScaleNoAnswer"


def test_scanner_check_waits_for_one_scan(pty_factory):
    device = pty_factory()
    stop = threading.Event()

    def keep_scanning():
        while not stop.wait(0.1):
            device.send(b"6901234567892\r")

    sender = threading.Thread(target=keep_scanning, daemon=True)
    sender.start()
    try:
        result = run_check("scanner", f"serial://{device.path}", wait_seconds=3)
    finally:
        stop.set()
        sender.join(2)
    assert result.ok and result.details == {"code": "6901234567892"}


def test_scanner_check_without_a_scan(pty_factory):
    result = run_check("scanner", f"serial://{pty_factory().path}", wait_seconds=0.2)
    assert not result.ok and "no scan within 0.2 s" in result.message


def test_unknown_device_kind():
    result = run_check("printr", "preview://")
    assert not result.ok and "choose one of printer, drawer, display, scale, scanner" in result.message

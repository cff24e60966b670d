import socket
import time

import pytest
from hw_fakes import wait_until

from hardware.errors import PrinterGone, PrinterOffline, PrinterTimeout
from hardware.printer import open_printer
from hardware.receipt.escpos_render import render
from hardware.receipt.profile import PrinterProfile
from hardware.status import PrinterState

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast

READY = {1: b"\x16", 2: b"\x12", 3: b"\x12", 4: b"\x12"}


def test_full_receipt_reaches_the_printer(tcp_printer_factory, receipt):
    server = tcp_printer_factory()
    profile = PrinterProfile(columns=48)
    with open_printer(server.url, timeout=2) as printer:
        printer.print_document(receipt, profile)
    expected = render(receipt, profile)
    assert wait_until(lambda: len(server.received) >= len(expected))
    data = bytes(server.received)
    assert data == expected
    assert b"\x1c&" + "农夫山泉".encode("gb18030") + b"\x1c." in data
    assert "谢谢惠顾".encode("gb18030") in data
    assert b"\x1dk\x026901234567892\x00" in data  # EAN13 with its digits
    assert b"\x1dkI\x10{BS001-T01-{C\x00\x01\x17" in data  # CODE128 receipt number
    assert b"1P0https://o2o.example.cn/r/S001-T01-000123" in data  # QR data
    assert b"\x1dV\x01" in data  # partial cut
    assert data.endswith(b"\x1bp\x00\x32\x64")  # drawer kick, pin 2, 100 ms on, 200 ms off


def test_connection_refused_says_what_to_check():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(
        PrinterOffline, match=f"tcp://127.0.0.1:{port} refused the connection: check it is switched on"
    ):
        open_printer(f"tcp://127.0.0.1:{port}", timeout=1)


def test_printer_that_accepts_then_stalls_times_out(tcp_printer_factory):
    server = tcp_printer_factory(mode="stall")
    printer = open_printer(server.url, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(PrinterTimeout, match=r"stopped taking data for 0.5 s \(\d+ of 33554432 bytes sent\)"):
        printer.write(b"\x00" * 32 * 1024 * 1024)
    assert time.monotonic() - started < 10
    printer.close()


def test_printer_going_away_mid_job_is_reported(tcp_printer_factory):
    server = tcp_printer_factory(mode="drop", drop_after=10_000)
    printer = open_printer(server.url, timeout=2)
    printer.write(b"A" * 10_000)
    assert server.dropped.wait(3)
    time.sleep(0.1)
    with pytest.raises(PrinterGone, match="dropped in the middle of a job"):
        for _ in range(50):  # the reset may arrive after the first further write
            printer.write(b"B" * 65536)
    printer.close()


@pytest.mark.parametrize(
    ("answers", "state", "flags", "message"),
    [
        (READY, PrinterState.OK, {"online": True, "paper_out": False, "cover_open": False}, "Printer ready."),
        (
            {**READY, 1: b"\x1e", 2: b"\x16"},
            PrinterState.ERROR,
            {"online": False, "cover_open": True},
            "cover open, offline",
        ),
        (
            {**READY, 1: b"\x1e", 2: b"\x32", 4: b"\x72"},
            PrinterState.ERROR,
            {"paper_out": True},
            "out of paper",
        ),
        (
            {**READY, 4: b"\x1e"},
            PrinterState.WARNING,
            {"paper_near_end": True, "paper_out": False},
            "paper nearly out",
        ),
        ({**READY, 1: b"\x1e", 2: b"\x52", 3: b"\x1a"}, PrinterState.ERROR, {"error": True}, "printer error"),
        ({**READY, 1: b"\x12"}, PrinterState.OK, {"drawer_signal_high": False}, "Printer ready."),
    ],
    ids=["ready", "cover-open", "paper-out", "paper-near-end", "error", "drawer-low"],
)
def test_status_conditions_from_real_dle_eot_answers(tcp_printer_factory, answers, state, flags, message):
    server = tcp_printer_factory(status=answers)
    with open_printer(server.url, timeout=1) as printer:
        status = printer.status()
    assert status.state is state
    assert message in status.message
    for name, value in flags.items():
        assert getattr(status, name) is value
    assert b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04" in server.received


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({}, "no answer to status query DLE EOT 1"),
        ({1: b"\x16", 2: b"\x12"}, "no answer to status query DLE EOT 3"),
        ({1: b"h"}, "answered 0x68 to DLE EOT 1, which is not a status byte"),
        ({**READY, 4: b"\xff"}, "answered 0xFF to DLE EOT 4"),
    ],
    ids=["silent", "partial", "garbage", "garbage-last"],
)
def test_no_or_garbage_status_answers_are_unknown_never_ok(tcp_printer_factory, answers, reason):
    server = tcp_printer_factory(status=answers)
    with open_printer(server.url, timeout=0.3) as printer:
        status = printer.status()
    assert status.state is PrinterState.UNKNOWN
    assert not status.can_print
    assert reason in status.message


def test_status_of_a_dropped_connection_is_unknown(tcp_printer_factory):
    server = tcp_printer_factory(mode="drop", drop_after=1)
    printer = open_printer(server.url, timeout=0.5)
    printer.write(b"x")
    assert server.dropped.wait(3)
    status = printer.status()
    assert status.state is PrinterState.UNKNOWN
    printer.close()

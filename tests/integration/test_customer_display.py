"""The customer pole display driven by the real checkout, written to a pseudo-terminal.

The pty's device end decodes CD5220 frames (ESC QA line CR ESC QB line CR, 20 positions each)
back into the two lines the customer sees.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal

import pytest
from hw_fakes import PtyDevice, wait_until

from pos_app.config import DevicesConfig
from pos_app.services.customer_display import CustomerDisplayService
from pos_app.services.demo_catalog import gtin13

pytestmark = pytest.mark.timeout(60)

COLA = gtin13("690000000001")  # 可口可乐 330ml 3.00
MILK = gtin13("690000000011")  # 伊利 纯牛奶 250ml 3.50
FRAME = re.compile(rb"\x1bQA(.{20})\r\x1bQB(.{20})\r", re.DOTALL)


@pytest.fixture
def pty():
    device = PtyDevice()
    yield device
    device.close()


def lines(device: PtyDevice, encoding: str = "gb18030") -> list[tuple[str, str]]:
    """Every picture the display received so far, as (top, bottom) without padding."""
    return [(top.decode(encoding).strip(), bottom.decode(encoding).strip())
            for top, bottom in FRAME.findall(bytes(device.received))]


def shows(device: PtyDevice, expected: tuple[str, str], encoding: str = "gb18030") -> bool:
    return wait_until(lambda: (got := lines(device, encoding)) and got[-1] == expected, timeout=5)


@pytest.fixture
def display_on(cashier):
    """`display_on(url, encoding)`: a started service following the logged-in checkout."""
    made = []

    def make(url: str, encoding: str = "gb18030", **timing) -> CustomerDisplayService:
        service = CustomerDisplayService(DevicesConfig(display=url, display_encoding=encoding),
                                         **{"change_seconds": 0.3, "thanks_seconds": 0.3, **timing})
        service.attach(cashier)
        service.start()
        made.append(service)
        return service

    yield make
    for service in made:
        service.stop()


def test_after_change_hook_gets_every_returned_snapshot_and_cannot_fail_a_scan(cashier):
    seen = []
    cashier.after_change.append(lambda snap: 1 / 0)  # a broken follower is logged, not raised
    cashier.after_change.append(seen.append)
    returned = [cashier.scan(COLA), cashier.scan(MILK), cashier.set_quantity(1, "2"), cashier.hold()]
    returned.append(cashier.recall(cashier.held()[0].ticket_id))
    assert seen == returned
    assert [len(s.lines) for s in seen] == [1, 2, 2, 0, 2]


def test_chinese_display_follows_the_sale_from_welcome_to_thank_you(cashier, display_on, pty):
    service = display_on(f"serial://{pty.path}")
    cashier.config = cashier.config.model_copy(update={"merge_repeat_scans": False})  # a line per scan
    assert shows(pty, ("欢迎光临 WELCOME", ""))
    cashier.scan(COLA)
    assert shows(pty, ("可口可乐 330ml", "￥3.00"))
    cashier.scan(MILK)
    assert shows(pty, ("伊利 纯牛奶 250ml", "￥3.50"))
    cashier.set_quantity(1, "3")  # the line that changed, with its line total
    assert shows(pty, ("可口可乐 330ml", "￥9.00"))
    cashier.scan(COLA)
    assert shows(pty, ("可口可乐 330ml", "￥3.00"))
    cashier.void_line(3)  # what is left to pay after a void
    assert shows(pty, ("合计 TOTAL", "￥12.50"))
    cashier.total()
    cashier.add_tender("cash", "20")
    assert shows(pty, ("合计 TOTAL", "￥12.50"))
    cashier.complete()
    assert shows(pty, ("欢迎光临 WELCOME", ""))
    assert lines(pty)[-3:] == [("找零 CHANGE", "￥7.50"), ("谢谢惠顾 THANK YOU", ""), ("欢迎光临 WELCOME", "")]
    assert service.status().code == "display.ok" and service.status().ok


def test_latin_display_shows_english_names(cashier, display_on, pty):
    display_on(f"serial://{pty.path}?baudrate=9600", encoding="")
    assert shows(pty, ("WELCOME", ""), "ascii")
    cashier.scan(COLA)
    assert shows(pty, ("Coca-Cola 330ml", "RMB3.00"), "ascii")
    assert b"\xbf\xc9" not in pty.received  # no GB bytes reach a Latin-only display


def test_a_burst_of_updates_shows_only_the_latest_state(cashier, display_on, pty):
    service = display_on(f"serial://{pty.path}")
    snapshots = [cashier.scan(COLA) for _ in range(3)] + [cashier.scan(MILK)]
    assert shows(pty, ("伊利 纯牛奶 250ml", "￥3.50"))
    before = len(lines(pty))
    for _ in range(200):  # far faster than any display: stale pictures are dropped, not queued
        for snap in snapshots:
            service.ticket_changed(snap)
    service.ticket_changed(cashier.hold())
    assert shows(pty, ("欢迎光临 WELCOME", ""))
    time.sleep(0.2)
    assert len(lines(pty)) - before < 100
    assert lines(pty)[-1] == ("欢迎光临 WELCOME", "")


def test_an_unplugged_display_never_slows_or_breaks_a_sale(cashier, display_on, tmp_path):
    service = display_on(f"serial://{tmp_path}/ttyUSB9", retry_interval=0.05)
    assert wait_until(lambda: service.status().code == "display.offline")
    started = time.monotonic()
    for _ in range(5):
        cashier.scan(COLA)
    cashier.total()
    cashier.add_tender("cash", "20")
    sale = cashier.complete()
    assert sale.change == Decimal("5.00")
    assert time.monotonic() - started < 2.0
    status = service.status()
    assert not status.ok and "Cannot open serial port" in status.message and "ttyUSB9" in status.message


def test_a_display_that_comes_back_catches_up_with_the_newest_state(cashier, display_on, tmp_path):
    link = tmp_path / "ttyDISPLAY"
    service = display_on(f"serial://{link}", retry_interval=0.05)
    cashier.scan(COLA)
    assert wait_until(lambda: service.status().code == "display.offline")
    device = PtyDevice()
    try:
        link.symlink_to(device.path)  # the display is plugged in (udev names it)
        assert shows(device, ("可口可乐 330ml", "￥3.00"))
        assert service.status().code == "display.ok"
    finally:
        device.close()


def test_a_bad_display_setting_is_reported_not_raised(cashier, display_on):
    service = display_on("tcp://127.0.0.1:9100")
    cashier.scan(COLA)
    assert wait_until(lambda: service.status().code == "display.bad_config")
    assert "serial URL" in service.status().message


def test_no_display_configured_does_nothing(cashier):
    service = CustomerDisplayService(DevicesConfig())
    service.attach(cashier)
    service.start()
    try:
        cashier.scan(COLA)
        assert cashier.after_change == [] and service.status().code == "display.not_configured"
        assert service.status().ok
    finally:
        service.stop()


def test_display_test_runs_on_the_worker_and_restores_the_till_picture(cashier, display_on, pty):
    service = display_on(f"serial://{pty.path}")
    cashier.scan(COLA)
    assert shows(pty, ("可口可乐 330ml", "￥3.00"))
    other = PtyDevice()
    try:
        result = service.test(f"serial://{other.path}", "cd5220", "gb18030")
        assert result.ok, result.message
        assert wait_until(lambda: lines(other)[-1:] == [("TOTAL", "￥12.50")])
    finally:
        other.close()
    assert shows(pty, ("可口可乐 330ml", "￥3.00"))
    assert len(lines(pty)) >= 3  # the current picture was sent again after the test
    failed = service.test("serial:///dev/nonexistent-display", "cd5220", None)
    assert not failed.ok and "Cannot open serial port /dev/nonexistent-display" in failed.message

"""`pos-app devices test ...` as a real process against a printer on 127.0.0.1, and the selfcheck."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hw_fakes import FakeTcpPrinter, PtyDevice, wait_until
from test_print_service import PAPER_OUT, PrinterServer, free_port

from pos_app.config import Config
from pos_app.services.devices import check_devices, run_device_test


def devices_test(tmp_path, *args, config_text: str = ""):
    config = tmp_path / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    cmd = [sys.executable, "-m", "pos_app.cli", "--config", str(config), "--data-dir", str(tmp_path / "data"),
           "devices", "test", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture
def server():
    printer = PrinterServer()
    yield printer
    printer.close()


def test_printer_test_prints_the_sample_to_a_url_not_yet_in_the_config(tmp_path, server):
    out = devices_test(tmp_path, "printer", "--url", server.url)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("OK Test receipt printed on " + server.url)
    text = server.text()
    assert "打印测试 PRINTER TEST" in text and "可口可乐 Coca-Cola 330ml" in text
    assert b"TEST-0001" in server.received and b"https://example.com/receipt/TEST-0001" in server.received


@pytest.mark.parametrize("kind", ["printer", "drawer"])
def test_a_web_server_on_the_printer_port_fails_the_test_with_the_reason(tmp_path, kind):
    http = FakeTcpPrinter(mode="http")
    try:
        out = devices_test(tmp_path, kind, "--url", http.url)
    finally:
        http.close()
    assert out.returncode == 1, out.stdout + out.stderr
    assert out.stdout.startswith(f"FAIL {http.url} did not answer like an ESC/POS printer")
    assert "0x48" in out.stdout and b"\x1bp" not in http.received


def test_display_test_sends_chinese_when_the_display_encoding_is_set(tmp_path):
    device = PtyDevice()
    try:
        out = devices_test(tmp_path, "display", config_text=(
            f'[devices]\ndisplay = "serial://{device.path}"\ndisplay_encoding = "gb18030"\n'))
        assert out.returncode == 0, out.stdout + out.stderr
        assert wait_until(lambda: "测试".encode("gb18030") in device.received)
    finally:
        device.close()


def test_printer_test_fails_with_the_specific_reason(tmp_path):
    port = free_port()
    out = devices_test(tmp_path, "printer", "--url", f"tcp://127.0.0.1:{port}")
    assert out.returncode == 1
    assert out.stdout.startswith(f"FAIL The printer at tcp://127.0.0.1:{port} refused the connection")


def test_a_malformed_url_lists_the_accepted_forms(tmp_path):
    out = devices_test(tmp_path, "printer", "--url", "tcp//192.168.1.50")
    assert out.returncode == 1
    assert "Bad device URL 'tcp//192.168.1.50'" in out.stdout and "Accepted forms:" in out.stdout
    assert "tcp://HOST[:PORT]" in out.stdout and "serial:///dev/ttyUSB0" in out.stdout


def test_drawer_test_uses_the_configured_printer_and_pin(tmp_path, server):
    out = devices_test(tmp_path, "drawer", config_text=f'[devices]\nreceipt_printer = "{server.url}"\n'
                                                       "drawer_pin = 5\n")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Drawer kicked on pin 5" in out.stdout and b"\x1bp\x01" in server.received


def test_unconfigured_devices_say_how_to_test_one():
    result = run_device_test(Config(), "display")
    assert not result.ok and "devices.display is empty" in result.message and "--url" in result.message
    assert not run_device_test(Config(), "fridge").ok


def test_selfcheck_reports_unreachable_devices_and_skips_empty_ones(tmp_path, server):
    assert check_devices(Config(), tmp_path) == []  # preview:// printer, nothing else configured
    assert check_devices(Config(devices={"receipt_printer": server.url}), tmp_path) == []
    assert b"\x10\x04\x01" in server.received and b"\x1dV" not in server.received  # asked, did not print
    port = free_port()
    failures = check_devices(Config(devices={"receipt_printer": f"tcp://127.0.0.1:{port}",
                                             "display": "tcp://10.0.0.9", "drawer": "serial:///dev/nonexistent-tty"}),
                             tmp_path)
    assert [f.split(":")[0] for f in failures] == ["printer", "display", "drawer"]
    assert "refused the connection" in failures[0]
    assert "not a serial URL" in failures[1] and "Cannot open serial port /dev/nonexistent-tty" in failures[2]
    server.status = dict(PAPER_OUT)
    assert check_devices(Config(devices={"receipt_printer": server.url}), tmp_path) == [
        "printer: Printer cannot print: out of paper."]

import os
import queue

import pytest
from hw_fakes import PtyDevice

from hardware.errors import DeviceURLError, ScannerBadFrame, ScannerDisconnected
from hardware.scanner import SerialScanner

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast


class Collector:
    def __init__(self) -> None:
        self.codes: queue.Queue[str] = queue.Queue()
        self.errors: queue.Queue[Exception] = queue.Queue()

    def code(self, timeout: float = 3.0) -> str:
        return self.codes.get(timeout=timeout)

    def error(self, timeout: float = 3.0) -> Exception:
        return self.errors.get(timeout=timeout)


@pytest.fixture
def collector():
    return Collector()


def started(url, collector, **options) -> SerialScanner:
    scanner = SerialScanner(url, collector.codes.put, collector.errors.put, **options)
    scanner.start()
    assert scanner.wait_connected(3)
    return scanner


@pytest.mark.parametrize(
    ("suffix", "wire"),
    [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n"), ("TAB", b"\t")],
)
def test_frames_split_on_the_configured_suffix(pty_factory, collector, suffix, wire):
    device = pty_factory()
    scanner = started(f"serial://{device.path}", collector, suffix=suffix, frame_timeout=5)
    device.send(b"6901234567892" + wire + b"MEMBER-88" + wire[:1])
    device.send(wire[1:] + b"\xe5\x8f\x96\xe8\xb4\xa7" + wire)  # 取货 pickup code in UTF-8
    try:
        assert [collector.code(), collector.code(), collector.code()] == [
            "6901234567892",
            "MEMBER-88",
            "取货",
        ]
    finally:
        scanner.stop()
    assert collector.errors.empty()


def test_frame_without_suffix_is_delivered_after_the_frame_timeout(pty_factory, collector):
    device = pty_factory()
    scanner = started(f"serial://{device.path}", collector, frame_timeout=0.15)
    device.send(b"4006381333931")
    try:
        assert collector.code() == "4006381333931"
    finally:
        scanner.stop()


def test_bytes_that_are_not_text_are_reported_and_dropped(pty_factory, collector):
    device = pty_factory()
    scanner = started(f"serial://{device.path}", collector)
    device.send(b"\xff\xfe\r123\r")
    try:
        assert isinstance(collector.error(), ScannerBadFrame)
        assert collector.code() == "123"
    finally:
        scanner.stop()


def test_overlong_frame_is_reported_and_dropped(pty_factory, collector):
    device = pty_factory()
    scanner = started(f"serial://{device.path}", collector, max_length=16, frame_timeout=5)
    device.send(b"X" * 40)
    try:
        error = collector.error()
        assert isinstance(error, ScannerBadFrame) and "without a suffix" in str(error)
    finally:
        scanner.stop()


def test_reconnects_after_the_port_disappears(tmp_path, collector):
    link = tmp_path / "scanner"
    first = PtyDevice()
    os.symlink(first.path, link)
    scanner = started(f"serial://{link}", collector, reconnect_delay=0.05, max_reconnect_delay=0.2)
    second = None
    try:
        first.send(b"111\r")
        assert collector.code() == "111"
        link.unlink()
        first.close()  # cable pulled
        assert isinstance(collector.error(), ScannerDisconnected)
        second = PtyDevice()
        os.symlink(second.path, link)  # plugged back in
        assert scanner.wait_connected(3)
        second.send(b"222\r")
        assert collector.code() == "222"
    finally:
        scanner.stop()
        if second:
            second.close()
    assert not scanner.connected


def test_missing_port_is_reported_once_while_retrying(tmp_path, collector):
    scanner = SerialScanner(
        f"serial://{tmp_path}/ttyNONE", collector.codes.put, collector.errors.put, reconnect_delay=0.02
    )
    scanner.start()
    try:
        error = collector.error()
        assert isinstance(error, ScannerDisconnected) and "retrying" in str(error)
        with pytest.raises(queue.Empty):
            collector.error(timeout=0.3)
    finally:
        scanner.stop()


def test_stop_ends_the_thread_promptly(pty_factory, collector):
    scanner = started(f"serial://{pty_factory().path}", collector)
    assert scanner.running
    scanner.stop(timeout=2)
    assert not scanner.running


def test_unknown_suffix_is_refused(collector):
    with pytest.raises(DeviceURLError, match="suffix must be one of CR, LF, CRLF, TAB"):
        SerialScanner("serial+loop://", collector.codes.put, collector.errors.put, suffix="ETX")

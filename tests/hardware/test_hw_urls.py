from pathlib import Path

import pytest

from hardware.errors import DeviceURLError
from hardware.urls import (
    FileURL,
    PreviewURL,
    SerialSettings,
    SerialURL,
    TcpURL,
    UsbURL,
    Win32RawURL,
    parse_device_url,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("tcp://192.168.1.50:9100", TcpURL("192.168.1.50", 9100)),
        ("tcp://printer.local", TcpURL("printer.local", 9100)),
        ("tcp://[::1]:9101", TcpURL("::1", 9101)),
        ("serial:///dev/ttyUSB0", SerialURL("/dev/ttyUSB0")),
        (
            "serial:///dev/ttyUSB0?baudrate=19200&bytesize=7&parity=e&stopbits=2&rtscts=1",
            SerialURL("/dev/ttyUSB0", SerialSettings(19200, 7, "E", 2, rtscts=True)),
        ),
        ("serial://COM3?baudrate=9600", SerialURL("COM3", SerialSettings(9600))),
        ("serial+loop://", SerialURL("loop://")),
        (
            "serial+socket://127.0.0.1:7000?baudrate=38400",
            SerialURL("socket://127.0.0.1:7000", SerialSettings(38400)),
        ),
        ("usb://0x04b8:0x0202", UsbURL(0x04B8, 0x0202)),
        ("usb://04b8:0e15", UsbURL(0x04B8, 0x0E15)),
        ("file:///dev/usb/lp0", FileURL(Path("/dev/usb/lp0"))),
        ("win32raw://EPSON TM-T88V", Win32RawURL("EPSON TM-T88V")),
        ("win32raw://XP-80C%20(copy%201)", Win32RawURL("XP-80C (copy 1)")),
        ("preview://", PreviewURL()),
        ("preview:///var/tmp/receipts", PreviewURL(Path("/var/tmp/receipts"))),
    ],
)
def test_parses_every_accepted_form(url, expected):
    assert parse_device_url(url) == expected


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("192.168.1.50:9100", "has no scheme"),
        ("lpt://1", "unknown scheme 'lpt'"),
        ("tcp://", "needs a host"),
        ("tcp://printer:99999", "not a number from 1 to 65535"),
        ("tcp://printer:abc", "needs a host"),
        ("tcp://printer?baudrate=9600", "only serial URLs take ?options"),
        ("serial://", "needs a device path"),
        ("serial:///dev/ttyS0?baudrate=9601", "baudrate '9601' is not one of"),
        ("serial:///dev/ttyS0?bytesize=9", "bytesize '9' must be 5, 6, 7 or 8"),
        ("serial:///dev/ttyS0?parity=X", "parity 'X' must be N, E, O, M or S"),
        ("serial:///dev/ttyS0?stopbits=3", "stopbits '3' must be 1, 1.5 or 2"),
        ("serial:///dev/ttyS0?rtscts=yes", "rtscts 'yes' must be 0 or 1"),
        ("serial:///dev/ttyS0?speed=9600", "unknown serial option 'speed'"),
        ("serial:///dev/ttyS0?baudrate=9600&baudrate=19200", "given twice"),
        ("serial:///dev/ttyS0?baudrate", "cannot read the options"),
        ("serial+bogus://x", "unknown pyserial handler 'bogus'"),
        ("usb://epson", "vendor and product id in hex"),
        ("file://dev/usb/lp0", "absolute device path"),
        ("win32raw://", "needs the Windows printer name"),
        ("preview://relative/dir", "absolute directory"),
    ],
)
def test_bad_urls_name_the_problem_and_list_accepted_forms(url, problem):
    with pytest.raises(DeviceURLError) as caught:
        parse_device_url(url)
    message = str(caught.value)
    assert problem in message
    assert "tcp://HOST[:PORT]" in message and "serial:///dev/ttyUSB0" in message and "preview://" in message


def test_device_url_error_is_a_value_error():
    with pytest.raises(ValueError, match="unknown scheme"):
        parse_device_url("ftp://x")

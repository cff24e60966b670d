"""Opening serial ports from device URLs, pyserial URL handlers included.

python-escpos's Serial ignores pyserial URLs, so every serial device goes through
``serial.serial_for_url`` here.
"""

from __future__ import annotations

import serial

from hardware.errors import DeviceURLError, SerialDeviceError
from hardware.urls import SerialURL, parse_device_url


def serial_url(url: str | SerialURL, what: str) -> SerialURL:
    """Parse ``url`` and insist it is a serial one (``what`` names the device for the message)."""
    parsed = parse_device_url(url) if isinstance(url, str) else url
    if not isinstance(parsed, SerialURL):
        raise DeviceURLError(
            f"A {what} is connected by a serial URL (serial:///dev/ttyUSB0?baudrate=9600), not {url!r}."
        )
    return parsed


def open_serial(url: SerialURL, timeout: float, write_timeout: float | None = None) -> serial.SerialBase:
    """Open the port with read and write timeouts; raise `SerialDeviceError` if it cannot be opened."""
    try:
        return serial.serial_for_url(
            url.port,
            timeout=timeout,
            write_timeout=timeout if write_timeout is None else write_timeout,
            **url.settings.as_kwargs(),
        )
    except (serial.SerialException, OSError, ValueError) as exc:
        raise SerialDeviceError(
            f"Cannot open serial port {url.port}: {exc}. Check the cable, the port name and that no "
            "other program holds the port."
        ) from None

"""Opening serial ports from device URLs, pyserial URL handlers included.

python-escpos's Serial ignores pyserial URLs, so every serial device goes through
``serial.serial_for_url`` here.

A port can exist and still refuse a line setting (a USB adapter that cannot do 7E1 or 1.5
stop bits): the OS answers EINVAL, which pyserial lets escape as a raw ``termios.error``
or ``OSError``. `open_serial` turns that into `SerialSettingsRefused` naming the device and
the setting; device code catches `SERIAL_FAILURES` around later reads and writes.
"""

from __future__ import annotations

import errno

import serial

from hardware.errors import DeviceURLError, SerialDeviceError, SerialSettingsRefused
from hardware.urls import SerialSettings, SerialURL, parse_device_url

try:  # POSIX only; on Windows pyserial reports refused settings as SerialException/ValueError
    import termios

    _TERMIOS_ERRORS: tuple[type[BaseException], ...] = (termios.error,)
except ImportError:  # pragma: no cover - Windows
    _TERMIOS_ERRORS = ()

#: What a serial read, write or setting change may raise; device code wraps all of them.
SERIAL_FAILURES: tuple[type[BaseException], ...] = (serial.SerialException, OSError, *_TERMIOS_ERRORS)


def serial_url(url: str | SerialURL, what: str) -> SerialURL:
    """Parse ``url`` and insist it is a serial one (``what`` names the device for the message)."""
    parsed = parse_device_url(url) if isinstance(url, str) else url
    if not isinstance(parsed, SerialURL):
        raise DeviceURLError(
            f"A {what} is connected by a serial URL (serial:///dev/ttyUSB0?baudrate=9600), not {url!r}."
        )
    return parsed


def describe_settings(settings: SerialSettings) -> str:
    """``9600 baud 7E1`` plus flow control, as technicians write line settings."""
    stop = "1.5" if settings.stopbits == 1.5 else str(int(settings.stopbits))
    text = f"{settings.baudrate} baud {settings.bytesize}{settings.parity}{stop}"
    flow = [name for name, on in (("RTS/CTS", settings.rtscts), ("XON/XOFF", settings.xonxoff)) if on]
    return text + (f" with {' and '.join(flow)} flow control" if flow else "")


def _refused(exc: BaseException) -> bool:
    """True when the port exists but the OS refused a line setting (EINVAL or a termios error)."""
    if _TERMIOS_ERRORS and isinstance(exc, _TERMIOS_ERRORS):
        return True
    return isinstance(exc, OSError) and exc.errno == errno.EINVAL


def settings_refused(url: SerialURL, exc: BaseException, what: str = "serial device") -> SerialSettingsRefused:
    reason = exc.args[-1] if getattr(exc, "args", None) else exc
    return SerialSettingsRefused(
        f"The {what} port {url.port} refused the line settings {describe_settings(url.settings)} "
        f"({reason}). Set the {what} and the URL options (baudrate, bytesize, parity, stopbits) to "
        "settings the port supports.",
        setting=describe_settings(url.settings),
    )


def open_serial(
    url: SerialURL, timeout: float, write_timeout: float | None = None, what: str = "serial device"
) -> serial.Serial:
    """Open the port with read and write timeouts; raise `SerialSettingsRefused` if the OS refuses
    the line settings and `SerialDeviceError` if the port cannot be opened at all."""
    try:
        return serial.serial_for_url(
            url.port,
            timeout=timeout,
            write_timeout=timeout if write_timeout is None else write_timeout,
            **url.settings.as_kwargs(),
        )
    except (SERIAL_FAILURES + (ValueError,)) as exc:
        if _refused(exc):
            raise settings_refused(url, exc, what) from None
        raise SerialDeviceError(
            f"Cannot open serial port {url.port}: {exc}. Check the cable, the port name and that no "
            "other program holds the port."
        ) from None

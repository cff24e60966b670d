"""Device URLs: how the till's config names a printer, drawer, display, scanner or scale.

Accepted forms (also listed in every `DeviceURLError` message):

    tcp://HOST[:PORT]                  network printer, raw port (default 9100)
    serial:///dev/ttyUSB0?OPTIONS      serial device by path (``serial://COM3`` on Windows)
    serial+loop://?OPTIONS             any pyserial URL handler: ``serial+<handler>://...`` is
                                       opened as ``<handler>://...`` (loop://, socket://, rfc2217://)
    usb://0xVVVV:0xPPPP                USB printer by vendor and product id
    file:///dev/usb/lp0                device file (Linux usblp, parallel port)
    win32raw://PRINTER NAME            Windows spooler queue, raw mode
    preview://[/DIRECTORY]             on-screen preview saved as PNG + TXT

Serial OPTIONS: baudrate (1200..921600), bytesize (5..8), parity (N, E, O, M, S), stopbits
(1, 1.5, 2), rtscts and xonxoff (0 or 1). Defaults: 9600 8N1, no flow control.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

from hardware.errors import DeviceURLError

ACCEPTED_FORMS = (
    "tcp://HOST[:PORT] (port defaults to 9100)",
    "serial:///dev/ttyUSB0?baudrate=9600&bytesize=8&parity=N&stopbits=1 (serial://COM3 on Windows)",
    "serial+loop:// or serial+socket://HOST:PORT (pyserial URL handlers)",
    "usb://0xVVVV:0xPPPP (vendor:product id)",
    "file:///dev/usb/lp0",
    "win32raw://PRINTER NAME",
    "preview:// or preview:///DIRECTORY",
)
DEFAULT_TCP_PORT = 9100
_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)
_PYSERIAL_HANDLERS = ("loop", "socket", "rfc2217", "spy", "alt", "hwgrep", "cp2110")


def _error(url: str, problem: str) -> DeviceURLError:
    forms = "\n  ".join(ACCEPTED_FORMS)
    return DeviceURLError(f"Bad device URL {url!r}: {problem}.\nAccepted forms:\n  {forms}")


@dataclass(frozen=True)
class SerialSettings:
    """Line settings of a serial port; names match pyserial's keyword arguments."""

    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    rtscts: bool = False
    xonxoff: bool = False

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "baudrate": self.baudrate,
            "bytesize": self.bytesize,
            "parity": self.parity,
            "stopbits": self.stopbits,
            "rtscts": self.rtscts,
            "xonxoff": self.xonxoff,
        }


@dataclass(frozen=True)
class TcpURL:
    host: str
    port: int = DEFAULT_TCP_PORT


@dataclass(frozen=True)
class SerialURL:
    port: str
    """Device path, COM name, or a pyserial URL such as ``loop://``."""
    settings: SerialSettings = SerialSettings()


@dataclass(frozen=True)
class UsbURL:
    vendor_id: int
    product_id: int


@dataclass(frozen=True)
class FileURL:
    path: Path


@dataclass(frozen=True)
class Win32RawURL:
    printer_name: str


@dataclass(frozen=True)
class PreviewURL:
    directory: Path | None = None


DeviceURL = TcpURL | SerialURL | UsbURL | FileURL | Win32RawURL | PreviewURL


def parse_device_url(url: str) -> DeviceURL:
    """Parse a device URL; raise `DeviceURLError` naming the problem and the accepted forms."""
    if not isinstance(url, str) or "://" not in url:
        raise _error(str(url), "it has no scheme (expected something like tcp://...)")
    scheme, rest = url.split("://", 1)
    scheme = scheme.strip().lower()
    rest, _, query = rest.partition("?")
    if scheme == "tcp":
        _no_query(url, query)
        return _parse_tcp(url, rest)
    if scheme == "serial" or scheme.startswith("serial+"):
        return _parse_serial(url, scheme, rest, query)
    _no_query(url, query)
    if scheme == "usb":
        return _parse_usb(url, rest)
    if scheme == "file":
        if not rest.startswith("/") or rest == "/":
            raise _error(url, "file:// needs an absolute device path, e.g. file:///dev/usb/lp0")
        return FileURL(Path(unquote(rest)))
    if scheme == "win32raw":
        name = unquote(rest).strip()
        if not name:
            raise _error(url, "win32raw:// needs the Windows printer name")
        return Win32RawURL(name)
    if scheme == "preview":
        if rest in ("", "/"):
            return PreviewURL()
        if not rest.startswith("/"):
            raise _error(url, "preview:// takes an absolute directory, e.g. preview:///var/tmp/receipts")
        return PreviewURL(Path(unquote(rest)))
    raise _error(url, f"unknown scheme {scheme!r}")


def _no_query(url: str, query: str) -> None:
    if query:
        raise _error(url, "only serial URLs take ?options")


def _parse_tcp(url: str, rest: str) -> TcpURL:
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-_]+)(?::(\d*))?/?", rest)
    if not match:
        raise _error(url, "tcp:// needs a host name or IP address, optionally :PORT")
    host, port_text = match.group(1).strip("[]"), match.group(2)
    if port_text is None:
        return TcpURL(host)
    if not port_text or not 1 <= int(port_text) <= 65535:
        raise _error(url, f"TCP port {port_text!r} is not a number from 1 to 65535")
    return TcpURL(host, int(port_text))


def _parse_usb(url: str, rest: str) -> UsbURL:
    match = re.fullmatch(r"(?:0x)?([0-9A-Fa-f]{1,4}):(?:0x)?([0-9A-Fa-f]{1,4})/?", rest)
    if not match:
        raise _error(url, "usb:// needs vendor and product id in hex, e.g. usb://0x04b8:0x0202")
    return UsbURL(int(match.group(1), 16), int(match.group(2), 16))


def _parse_serial(url: str, scheme: str, rest: str, query: str) -> SerialURL:
    if scheme == "serial":
        if re.fullmatch(r"/?COM\d+", rest, re.IGNORECASE):
            port = rest.lstrip("/")
        elif rest.startswith("/") and rest != "/":
            port = unquote(rest)
        else:
            raise _error(url, "serial:// needs a device path (serial:///dev/ttyUSB0) or COM port")
    else:
        handler = scheme.removeprefix("serial+")
        if handler not in _PYSERIAL_HANDLERS:
            raise _error(
                url, f"unknown pyserial handler {handler!r} (known: {', '.join(_PYSERIAL_HANDLERS)})"
            )
        port = f"{handler}://{rest}"
    return SerialURL(port, _parse_serial_options(url, query))


def _parse_serial_options(url: str, query: str) -> SerialSettings:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise _error(url, f"cannot read the options {query!r} (expected key=value&key=value)") from None
    values: dict[str, Any] = {}
    for key, raw in pairs:
        if key in values:
            raise _error(url, f"option {key!r} is given twice")
        values[key] = _serial_option(url, key, raw)
    return SerialSettings(**values)


def _serial_option(url: str, key: str, raw: str) -> int | float | str:
    if key == "baudrate":
        if raw.isdigit() and int(raw) in _BAUDRATES:
            return int(raw)
        raise _error(url, f"baudrate {raw!r} is not one of {', '.join(map(str, _BAUDRATES))}")
    if key == "bytesize":
        if raw in ("5", "6", "7", "8"):
            return int(raw)
        raise _error(url, f"bytesize {raw!r} must be 5, 6, 7 or 8")
    if key == "parity":
        if raw.upper() in ("N", "E", "O", "M", "S"):
            return raw.upper()
        raise _error(url, f"parity {raw!r} must be N, E, O, M or S")
    if key == "stopbits":
        if raw in ("1", "1.5", "2"):
            return float(raw) if raw == "1.5" else int(raw)
        raise _error(url, f"stopbits {raw!r} must be 1, 1.5 or 2")
    if key in ("rtscts", "xonxoff"):
        if raw in ("0", "1"):
            return raw == "1"
        raise _error(url, f"{key} {raw!r} must be 0 or 1")
    raise _error(
        url, f"unknown serial option {key!r} (known: baudrate, bytesize, parity, stopbits, rtscts, xonxoff)"
    )

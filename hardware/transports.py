"""Byte pipes to printers: send with a deadline, receive status bytes with a timeout.

Every failure becomes `PrinterOffline` (cannot reach), `PrinterTimeout` (reached but not
taking data), `PrinterGone` (dropped mid-job) or `PrinterUnavailable` (not usable here).
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import os
import select
import socket
import sys
import time
from typing import Any

import serial

from hardware.errors import PrinterGone, PrinterOffline, PrinterTimeout, PrinterUnavailable, SerialDeviceError
from hardware.serialport import SERIAL_FAILURES, open_serial
from hardware.urls import FileURL, SerialURL, TcpURL, UsbURL, Win32RawURL

CHUNK = 4096


def _progress(sent: int | None, total: int) -> str:
    return f"{sent} of {total} bytes sent" if sent is not None else f"job of {total} bytes"


def _gone(where: str, sent: int | None, total: int, exc: BaseException) -> PrinterGone:
    return PrinterGone(
        f"The connection to the printer at {where} dropped in the middle of a job ({_progress(sent, total)}: "
        f"{exc}). Check power and cable, then print the receipt again."
    )


def _lost(where: str, exc: BaseException) -> PrinterGone:
    return PrinterGone(f"The connection to the printer at {where} dropped ({exc}). Check power and cable.")


def _stalled(where: str, sent: int | None, total: int, timeout: float) -> PrinterTimeout:
    return PrinterTimeout(
        f"The printer at {where} stopped taking data for {timeout:g} s ({_progress(sent, total)}). "
        "Check for paper out, an open cover or a jammed cutter."
    )


class TcpTransport:
    def __init__(self, url: TcpURL, timeout: float) -> None:
        self.where = f"tcp://{url.host}:{url.port}"
        self.timeout = timeout
        try:
            self._sock = socket.create_connection((url.host, url.port), timeout=timeout)
        except ConnectionRefusedError:
            raise PrinterOffline(
                f"The printer at {self.where} refused the connection: check it is switched on, the IP "
                f"address, and that port {url.port} is its raw printing port."
            ) from None
        except TimeoutError:
            raise PrinterTimeout(
                f"No answer from {self.where} within {timeout:g} s: check the network cable or Wi-Fi and the IP address."
            ) from None
        except OSError as exc:
            raise PrinterOffline(f"Cannot reach the printer at {self.where}: {exc}.") from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, data: bytes) -> None:
        sent = 0
        self._sock.settimeout(self.timeout)
        try:
            while sent < len(data):
                sent += self._sock.send(data[sent : sent + CHUNK])
        except TimeoutError:
            raise _stalled(self.where, sent, len(data), self.timeout) from None
        except OSError as exc:
            raise _gone(self.where, sent, len(data), exc) from None

    def receive(self, size: int, timeout: float) -> bytes:
        self._sock.settimeout(timeout)
        try:
            data = self._sock.recv(size)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise _lost(self.where, exc) from None
        if not data:
            raise PrinterGone(f"The printer at {self.where} closed the connection.")
        return data

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            for _ in range(64):
                if not self._sock.recv(CHUNK):
                    break
        except OSError:
            pass
        finally:
            self._sock.settimeout(self.timeout)

    def close(self) -> None:
        self._sock.close()


class SerialTransport:
    def __init__(self, url: SerialURL, timeout: float) -> None:
        self.where = url.port
        self.timeout = timeout
        try:
            self._port = open_serial(url, timeout, what="receipt printer")
        except SerialDeviceError as exc:
            raise PrinterOffline(str(exc)) from None

    def send(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException:
            raise _stalled(self.where, None, len(data), self.timeout) from None
        except SERIAL_FAILURES as exc:
            raise _gone(self.where, None, len(data), exc) from None

    def receive(self, size: int, timeout: float) -> bytes:
        try:
            self._port.timeout = timeout
            return self._port.read(size)
        except SERIAL_FAILURES as exc:
            raise _lost(self.where, exc) from None

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except SERIAL_FAILURES:
            pass

    def close(self) -> None:
        self._port.close()


class FileTransport:
    """A device file such as /dev/usb/lp0, opened non-blocking so a dead printer cannot hang us."""

    def __init__(self, url: FileURL, timeout: float) -> None:
        self.where = str(url.path)
        self.timeout = timeout
        flags = os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        try:
            try:
                self._fd = os.open(url.path, os.O_RDWR | flags)
            except PermissionError:
                self._fd = os.open(url.path, os.O_WRONLY | flags)
        except FileNotFoundError:
            raise PrinterOffline(
                f"The printer device {self.where} does not exist: is the printer plugged in and switched on?"
            ) from None
        except PermissionError:
            raise PrinterUnavailable(
                f"No permission to write to {self.where}: add the till's user to the group that owns it (often lp)."
            ) from None
        except OSError as exc:
            raise PrinterOffline(f"Cannot open the printer device {self.where}: {exc}.") from None

    def send(self, data: bytes) -> None:
        sent, deadline = 0, time.monotonic() + self.timeout
        try:
            while sent < len(data):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([], [self._fd], [], remaining)[1]:
                    raise _stalled(self.where, sent, len(data), self.timeout)
                try:
                    written = os.write(self._fd, data[sent : sent + CHUNK])
                except BlockingIOError:
                    continue
                sent += written
                deadline = time.monotonic() + self.timeout
        except OSError as exc:
            raise _gone(self.where, sent, len(data), exc) from None

    def receive(self, size: int, timeout: float) -> bytes:
        try:
            if not select.select([self._fd], [], [], timeout)[0]:
                return b""
            return os.read(self._fd, size)
        except BlockingIOError:
            return b""
        except OSError as exc:
            if exc.errno == errno.EBADF:  # opened write-only: no status channel
                return b""
            raise _lost(self.where, exc) from None

    def discard_input(self) -> None:
        try:
            for _ in range(64):
                if not select.select([self._fd], [], [], 0)[0] or not os.read(self._fd, CHUNK):
                    break
        except OSError:
            pass

    def close(self) -> None:
        os.close(self._fd)


class _EscposDeviceTransport:
    """Bytes through a python-escpos printer object that the subclass opened."""

    where: str
    _printer: Any

    def send(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except Exception as exc:
            raise _gone(self.where, None, len(data), exc) from None

    def close(self) -> None:
        self._printer.close()


class UsbTransport(_EscposDeviceTransport):
    """Through python-escpos's Usb (pyusb); imported only when a usb:// printer is configured."""

    def __init__(self, url: UsbURL, timeout: float) -> None:
        self.where = f"usb://0x{url.vendor_id:04x}:0x{url.product_id:04x}"
        if importlib.util.find_spec("usb") is None:
            raise PrinterUnavailable(
                f"{self.where} needs the pyusb package and libusb, which are not installed; install them, "
                "or on Linux use file:///dev/usb/lp0 instead."
            )
        usb_module = importlib.import_module("escpos.printer.usb")
        try:
            self._printer = usb_module.Usb(url.vendor_id, url.product_id, timeout=int(timeout * 1000))
            self._printer.open(raise_not_found=True)
        except Exception as exc:  # pyusb raises many unrelated types; all mean "cannot open"
            raise PrinterOffline(f"Cannot open the USB printer {self.where}: {exc}.") from None

    def receive(self, size: int, timeout: float) -> bytes:
        try:
            return bytes(self._printer._read())[:size]
        except Exception:
            return b""

    def discard_input(self) -> None:
        """USB printers keep no unread status bytes between queries."""


class Win32RawTransport(_EscposDeviceTransport):
    """Through the Windows spooler in raw mode; one-way, so status is always UNKNOWN."""

    def __init__(self, url: Win32RawURL, timeout: float) -> None:
        self.where = f"win32raw://{url.printer_name}"
        if sys.platform != "win32":
            raise PrinterUnavailable(
                f"{self.where} uses the Windows print spooler, which this {sys.platform} machine does not have; "
                "use tcp://, serial://, usb:// or file:// here."
            )
        module = importlib.import_module("escpos.printer.win32raw")
        try:
            self._printer = module.Win32Raw(url.printer_name)
            self._printer.open(raise_not_found=True)
        except Exception as exc:
            raise PrinterOffline(f"Cannot open the Windows printer {url.printer_name!r}: {exc}.") from None

    def receive(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        """The spooler gives no status bytes back."""

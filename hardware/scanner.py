"""Serial barcode scanner: a reader thread that turns bytes into codes.

Frames end with the configured suffix (CR, LF, CRLF or TAB). Bytes that stop arriving
without a suffix for ``frame_timeout`` seconds are still delivered as a code: scanners set
up without a suffix keep working, and a truncated code fails the till's own barcode checks
with a clear message instead of vanishing. If the port disappears (USB cable pulled) the
reader reports `ScannerDisconnected` once and reopens it with bounded exponential backoff
until `stop()`; ``on_connected`` is called each time the port is (re)opened.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from hardware.errors import DeviceURLError, ScannerBadFrame, ScannerDisconnected, SerialDeviceError
from hardware.serialport import SERIAL_FAILURES, open_serial, serial_url
from hardware.urls import SerialURL

logger = logging.getLogger(__name__)
SUFFIXES = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}


class SerialScanner:
    def __init__(
        self,
        url: str | SerialURL,
        on_code: Callable[[str], None],
        on_error: Callable[[Exception], None],
        *,
        suffix: str = "CR",
        frame_timeout: float = 0.2,
        max_length: int = 4096,
        reconnect_delay: float = 0.1,
        max_reconnect_delay: float = 5.0,
        on_connected: Callable[[], None] | None = None,
    ) -> None:
        if suffix not in SUFFIXES:
            raise DeviceURLError(f"Scanner suffix must be one of {', '.join(SUFFIXES)}, not {suffix!r}.")
        self._url = serial_url(url, "serial scanner")
        self._suffix = SUFFIXES[suffix]
        self._on_code, self._on_error, self._on_connected = on_code, on_error, on_connected
        self._frame_timeout, self._max_length = frame_timeout, max_length
        self._delays = (reconnect_delay, max_reconnect_delay)
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("This scanner reader is already started.")
        self._thread = threading.Thread(target=self._run, name=f"scanner {self._url.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop reading and close the port; returns once the thread ended (or ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        delay, reported = self._delays[0], False
        while not self._stop.is_set():
            try:
                port = open_serial(self._url, timeout=0.05, what="serial scanner")
            except SerialDeviceError as exc:
                if not reported:
                    self._report(ScannerDisconnected(f"Scanner unavailable, retrying: {exc}"))
                    reported = True
                self._stop.wait(delay)
                delay = min(delay * 2, self._delays[1])
                continue
            delay, reported = self._delays[0], False
            self._connected.set()
            if self._on_connected is not None:
                self._call(self._on_connected)
            try:
                self._read_frames(port)
            except SERIAL_FAILURES as exc:
                self._report(
                    ScannerDisconnected(f"Scanner on {self._url.port} disconnected ({exc}); reconnecting.")
                )
                reported = True
            finally:
                self._connected.clear()
                with contextlib.suppress(OSError):  # an unplugged device's descriptor is already gone
                    port.close()

    def _read_frames(self, port) -> None:
        buffer, last = bytearray(), time.monotonic()
        while not self._stop.is_set():
            chunk = port.read(max(1, port.in_waiting))
            now = time.monotonic()
            if chunk:
                buffer += chunk
                last = now
                while self._suffix in buffer:
                    frame, _, rest = bytes(buffer).partition(self._suffix)
                    buffer[:] = rest
                    self._deliver(frame)
                if len(buffer) > self._max_length:
                    self._report(
                        ScannerBadFrame(
                            f"Scanner sent {len(buffer)} bytes without a suffix; discarded. Check the scanner's suffix setting."
                        )
                    )
                    buffer.clear()
            elif buffer and now - last >= self._frame_timeout:
                self._deliver(bytes(buffer))
                buffer.clear()

    def _deliver(self, frame: bytes) -> None:
        frame = frame.strip(b"\r\n")
        if not frame:
            return
        try:
            code = frame.decode("utf-8")
        except UnicodeDecodeError:
            self._report(
                ScannerBadFrame(
                    f"Scanner sent {frame[:40]!r}, which is not text; check its baud rate and character settings."
                )
            )
            return
        try:
            self._on_code(code)
        except Exception:
            logger.exception("on_code callback failed for a scanned code")

    def _report(self, error: Exception) -> None:
        self._call(self._on_error, error)

    @staticmethod
    def _call(callback: Callable, *args) -> None:
        try:
            callback(*args)
        except Exception:
            logger.exception("scanner callback %s failed", getattr(callback, "__name__", callback))

"""The running till's serial barcode scanner: one reader thread, codes and state to listeners.

A scanner configured as ``devices.scanner = "serial://..."`` is opened when the till's workers
start (never by the CLI) and kept open; unplugged, it is reopened with backoff by the hardware
reader. Codes go to the code listeners, which the UI routes exactly as keyboard-wedge scans (same
screens, same code kinds). Listeners are called from the reader thread: the UI hops to its own
thread through a Qt signal. An empty ``devices.scanner`` means a keyboard-wedge scanner only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from hardware.errors import DeviceURLError, ScannerBadFrame
from hardware.scanner import SerialScanner
from pos_app.services.listeners import subscribe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScannerState:
    """`code` is stable for the status bar: ``scanner.off`` (no serial scanner configured),
    ``scanner.starting``, ``scanner.connected``, ``scanner.disconnected`` or ``scanner.bad_url``;
    `message` is the technician's detail."""

    code: str
    message: str

    @property
    def configured(self) -> bool:
        return self.code != "scanner.off"


class SerialScannerService:
    def __init__(self, url: str, suffix: str = "CR", *, max_reconnect_delay: float = 2.0) -> None:
        self.url = url.strip()
        self._lock = threading.Lock()
        self._code_listeners: list[Callable[[str], None]] = []
        self._state_listeners: list[Callable[[ScannerState], None]] = []
        self._reader: SerialScanner | None = None
        self._state = ScannerState("scanner.off", "No serial scanner is configured (devices.scanner is empty).")
        if not self.url:
            return
        try:
            self._reader = SerialScanner(self.url, self._code, self._error, suffix=suffix,
                                         max_reconnect_delay=max_reconnect_delay, on_connected=self._connected)
            self._state = ScannerState("scanner.starting", f"Opening the scanner on {self.url}.")
        except DeviceURLError as exc:  # the till still sells with the keyboard scanner
            log.error("serial scanner disabled: %s", exc)
            self._state = ScannerState("scanner.bad_url", str(exc))

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._reader is not None and not self._reader.running:
            self._reader.start()

    def stop(self) -> None:
        if self._reader is not None:
            self._reader.stop()

    # -- listeners ------------------------------------------------------------------------------
    def state(self) -> ScannerState:
        with self._lock:
            return self._state

    def add_code_listener(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """`callback(code)` for every scan, from the reader thread; returns the unsubscriber."""
        return subscribe(self._lock, self._code_listeners, callback)

    def add_state_listener(self, callback: Callable[[ScannerState], None]) -> Callable[[], None]:
        """`callback(state)` on every change, from the reader thread; returns the unsubscriber."""
        return subscribe(self._lock, self._state_listeners, callback)

    # -- reader thread --------------------------------------------------------------------------
    def _code(self, code: str) -> None:
        with self._lock:
            listeners = list(self._code_listeners)
        for listener in listeners:
            listener(code)

    def _connected(self) -> None:
        self._publish(ScannerState("scanner.connected", f"Scanner ready on {self.url}."))

    def _error(self, error: Exception) -> None:
        if isinstance(error, ScannerBadFrame):  # the port is fine; the code was not usable
            log.warning("serial scanner: %s", error)
            return
        self._publish(ScannerState("scanner.disconnected", str(error)))

    def _publish(self, state: ScannerState) -> None:
        with self._lock:
            if state == self._state:
                return
            self._state = state
            listeners = list(self._state_listeners)
        for listener in listeners:
            try:
                listener(state)
            except Exception:
                log.exception("scanner state listener failed")

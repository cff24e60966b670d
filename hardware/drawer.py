"""Cash drawers: kicked through the receipt printer (pin 2 or 5) or by a serial trigger box.

Whether the drawer is open is only known where the hardware reports it: printer-connected
drawers with a sensor show it on connector pin 3 (DLE EOT 1 bit 2). Which level means "open"
differs between drawers, hence ``open_when_high``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.errors import SerialDeviceError
from hardware.escpos_commands import drawer_kick, realtime_drawer_pulse
from hardware.serialport import SERIAL_FAILURES, open_serial, serial_url
from hardware.urls import SerialURL

if TYPE_CHECKING:
    from hardware.printer import ReceiptPrinter

DEFAULT_SERIAL_OPEN_COMMAND = drawer_kick(2, 50, 500)


class PrinterDrawer:
    """A drawer plugged into the printer's DK port."""

    def __init__(
        self, printer: ReceiptPrinter, pin: int = 2, on_ms: int = 100, off_ms: int = 100, open_when_high: bool = True,
        realtime: bool = False,
    ) -> None:
        self._kick = drawer_kick(pin, on_ms, off_ms)  # validates pin and pulse now, not at the till
        if realtime:  # DLE DC4 1: executed on arrival, never kept by a faulted printer for later
            self._kick = realtime_drawer_pulse(pin, on_ms)
        self._printer = printer
        self.open_when_high = open_when_high

    def kick(self) -> None:
        """Pulse the drawer solenoid; raises the printer's transport errors."""
        self._printer.write(self._kick)

    def is_open(self) -> bool | None:
        """True/False from the sensor, None when the printer did not report it."""
        level = self._printer.status().drawer_signal_high
        return None if level is None else level == self.open_when_high


class SerialDrawer:
    """A drawer opened by sending a fixed command to a serial port; it reports no status."""

    def __init__(
        self, url: str | SerialURL, open_command: bytes = DEFAULT_SERIAL_OPEN_COMMAND, timeout: float = 2.0
    ) -> None:
        if not isinstance(open_command, bytes) or not open_command:
            raise SerialDeviceError(
                f"The serial drawer open command must be non-empty bytes, not {open_command!r}."
            )
        self._url = serial_url(url, "serial cash drawer")
        self._command = open_command
        self._port = open_serial(self._url, timeout, what="serial cash drawer")

    def kick(self) -> None:
        try:
            self._port.write(self._command)
            self._port.flush()
        except SERIAL_FAILURES as exc:
            raise SerialDeviceError(
                f"Cannot send the open command to the drawer on {self._url.port}: {exc}."
            ) from None

    def is_open(self) -> bool | None:
        """Serial trigger drawers have no sensor line: always None."""
        return None

    def close(self) -> None:
        self._port.close()

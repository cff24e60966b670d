"""Device self-tests for ``pos-app devices test ...`` and the manager's hardware screen.

Each test returns a `DiagnosticResult` and never raises: a technician reads ``message``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ParamSpec

from hardware.display import PoleDisplay
from hardware.drawer import PrinterDrawer, SerialDrawer
from hardware.errors import HardwareError
from hardware.printer import ReceiptPrinter, open_printer
from hardware.receipt.document import Barcode, Columns, Cut, Document, QRCode, Rule, Text
from hardware.receipt.profile import PrinterProfile
from hardware.scale import Scale8217
from hardware.scanner import SerialScanner
from hardware.status import PrinterState, PrinterStatus


@dataclass(frozen=True)
class DiagnosticResult:
    ok: bool
    message: str
    details: dict[str, Any] = field(default_factory=dict)


_P = ParamSpec("_P")

def _guarded(test: Callable[_P, DiagnosticResult]) -> Callable[_P, DiagnosticResult]:
    """Turn any failure into a failed result: diagnostics report, they do not crash the screen."""

    def run(*args: _P.args, **kwargs: _P.kwargs) -> DiagnosticResult:
        try:
            return test(*args, **kwargs)
        except HardwareError as exc:
            return DiagnosticResult(False, str(exc), {"error": type(exc).__name__})
        except Exception as exc:
            return DiagnosticResult(
                False, f"Unexpected error: {type(exc).__name__}: {exc}", {"error": type(exc).__name__}
            )

    run.__name__, run.__doc__ = test.__name__, test.__doc__
    return run


def sample_receipt(profile: PrinterProfile) -> Document:
    """A test page with Chinese and Latin text, aligned prices, a barcode and a QR code."""
    return Document(
        (
            Text("打印测试 PRINTER TEST", align="center", bold=True, double_height=True),
            Text(f"{profile.columns} columns, {profile.encoding}", align="center"),
            Rule(),
            Columns("可口可乐 Coca-Cola 330ml", "¥3.50"),
            Columns("Apples (1.250 kg x ¥8.00)", "¥10.00"),
            Rule("="),
            Columns("合计 TOTAL", "¥13.50", bold=True),
            Barcode("TEST-0001"),
            QRCode("https://example.com/receipt/TEST-0001"),
            Text("谢谢惠顾 Thank you", align="center"),
            Cut(),
        )
    )


def _answered(printer: ReceiptPrinter, url: str) -> tuple[PrinterStatus | None, DiagnosticResult | None]:
    """The printer's status if it answered DLE EOT like an ESC/POS printer, else the failed result.

    A port that answers garbage (an HTTP server's ``H``), stays silent or hangs up while asked
    is not a printer we can vouch for, so nothing is printed or kicked there."""
    status = printer.status()
    details = {"status": status.state.value, "status_message": status.message}
    if status.state is PrinterState.UNKNOWN:
        return None, DiagnosticResult(
            False, f"{url} did not answer like an ESC/POS printer, so nothing was sent. {status.message}", details
        )
    if status.state is PrinterState.ERROR:
        return None, DiagnosticResult(False, status.message, details)
    return status, None


@_guarded
def check_printer(url: str, profile: PrinterProfile | None = None, timeout: float = 5.0) -> DiagnosticResult:
    """Read status, print the sample receipt only if the printer answered ready, then read status again."""
    profile = profile or PrinterProfile()
    with open_printer(url, timeout=timeout) as printer:
        status, failed = _answered(printer, url)
        if failed is not None:
            return failed
        printer.print_document(sample_receipt(profile), profile)
        after = printer.status()
    details = {"status": after.state.value, "status_message": after.message}
    if not after.can_print:
        return DiagnosticResult(
            False, f"The test receipt was sent to {url} but the printer did not confirm it: {after.message}", details
        )
    return DiagnosticResult(True, f"Test receipt printed on {url}. {after.message}", details)


@_guarded
def check_drawer(
    url: str, pin: int = 2, serial_command: bytes | None = None, timeout: float = 5.0, realtime: bool = False
) -> DiagnosticResult:
    """Kick the drawer through the printer at ``url`` (only if it answered ready), or through a serial
    trigger if ``serial_command`` is set."""
    if serial_command is not None:
        serial_drawer = SerialDrawer(url, serial_command, timeout)
        try:
            serial_drawer.kick()
        finally:
            serial_drawer.close()
        return DiagnosticResult(True, f"Open command sent to the serial drawer on {url}.", {})
    with open_printer(url, timeout=timeout) as printer:
        _, failed = _answered(printer, url)
        if failed is not None:
            return failed
        drawer = PrinterDrawer(printer, pin=pin, realtime=realtime)
        drawer.kick()
        state = drawer.is_open()
    shown = {None: "not reported", True: "open", False: "closed"}[state]
    return DiagnosticResult(True, f"Drawer kicked on pin {pin}; sensor: {shown}.", {"open": state})


@_guarded
def check_display(url: str, command_set: str = "cd5220", encoding: str | None = None) -> DiagnosticResult:
    """Show a sample item and total on the pole display."""
    display = PoleDisplay(url, command_set=command_set, encoding=encoding)
    try:
        display.item("测试 TEST", Decimal("12.50"), fallback_name="TEST ITEM")
        display.total(Decimal("12.50"))
    finally:
        display.close()
    return DiagnosticResult(
        True, f"Sample text sent to the {command_set} display on {url}; check it shows TOTAL.", {}
    )


@_guarded
def check_scale(url: str, timeout: float = 2.0) -> DiagnosticResult:
    """Read one weight."""
    scale = Scale8217(url, timeout=timeout)
    try:
        weight = scale.read_weight()
    finally:
        scale.close()
    return DiagnosticResult(True, f"Scale reads {weight} kg.", {"weight_kg": str(weight)})


@_guarded
def check_scanner(url: str, suffix: str = "CR", wait_seconds: float = 15.0) -> DiagnosticResult:
    """Wait up to ``wait_seconds`` for one scan and show what arrived."""
    codes: list[str] = []
    errors: list[Exception] = []
    got = threading.Event()

    def on_code(code: str) -> None:
        codes.append(code)
        got.set()

    scanner = SerialScanner(url, on_code, errors.append, suffix=suffix)
    scanner.start()
    try:
        got.wait(wait_seconds)
    finally:
        scanner.stop()
    if codes:
        return DiagnosticResult(True, f"Scanned {codes[0]!r}.", {"code": codes[0]})
    reason = (
        str(errors[-1])
        if errors
        else f"no scan within {wait_seconds:g} s (check the suffix setting: {suffix})"
    )
    return DiagnosticResult(False, f"No code from the scanner on {url}: {reason}", {})


CHECKS: dict[str, Callable[..., DiagnosticResult]] = {
    "printer": check_printer,
    "drawer": check_drawer,
    "display": check_display,
    "scale": check_scale,
    "scanner": check_scanner,
}


def run_check(kind: str, url: str, **options: Any) -> DiagnosticResult:
    """Entry point for ``pos-app devices test KIND --url URL``."""
    if kind not in CHECKS:
        return DiagnosticResult(
            False, f"Unknown device kind {kind!r}; choose one of {', '.join(CHECKS)}.", {}
        )
    return CHECKS[kind](url, **options)

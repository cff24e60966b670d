"""Status-bar texts for the platform sync state and the printer state the services report.

Both states carry a stable `code`; the text is translated here and the services' English
`message` goes into the tooltip for the technician.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def sync_text(state: Any) -> tuple[str, str]:
    """(text, level) for `SyncService.state()`; level is "ok", "warning" or "error"."""
    pending = int(state.pending or 0)
    texts = {
        "off": (QCoreApplication.translate("status", "Platform: not set up"), "warning"),
        "online": (QCoreApplication.translate("status", "Platform: online"), "ok"),
        "offline": (QCoreApplication.translate("status", "Platform: offline"), "warning"),
        "needs_pairing": (QCoreApplication.translate("status", "Platform: pairing needed"), "error"),
        "no_keyring": (QCoreApplication.translate("status", "Platform: no key store"), "error"),
        "error": (QCoreApplication.translate("status", "Platform: error"), "error"),
    }
    text, level = texts.get(
        state.code, (QCoreApplication.translate("status", "Platform: {0}").format(state.code), "warning")
    )
    if state.code != "online" and state.last_success is not None:
        last = state.last_success.astimezone().strftime("%H:%M")
        text += QCoreApplication.translate("status", " (last sync {0})").format(last)
    if pending:
        text += QCoreApplication.translate("status", ", {0} to send").format(pending)
    if state.dead:
        text += QCoreApplication.translate("status", ", {0} refused").format(state.dead)
        level = "error"
    if state.parked:
        text += QCoreApplication.translate("status", ", {0} held back").format(state.parked)
        level = "error" if level == "error" else "warning"
    if state.clock_warning:
        text += QCoreApplication.translate("status", ", check the clock")
        level = "error" if level == "error" else "warning"
    return text, level


def printer_text(state: Any) -> tuple[str, str]:
    """(text, level) for `PrintService.status()`."""
    texts = {
        "printer.ok": (QCoreApplication.translate("status", "Printer: ready"), "ok"),
        "printer.unknown": (QCoreApplication.translate("status", "Printer: checking…"), "ok"),
        "printer.paper_low": (QCoreApplication.translate("status", "Printer: paper low"), "warning"),
        "printer.paper_out": (QCoreApplication.translate("status", "Printer: out of paper"), "error"),
        "printer.cover_open": (QCoreApplication.translate("status", "Printer: cover open"), "error"),
        "printer.offline": (QCoreApplication.translate("status", "Printer: offline"), "error"),
        "printer.unavailable": (QCoreApplication.translate("status", "Printer: not found"), "error"),
        "printer.bad_url": (
            QCoreApplication.translate("status", "Printer: wrong address in the settings"),
            "error",
        ),
    }
    text, level = texts.get(state.code, (QCoreApplication.translate("status", "Printer: error"), "error"))
    if state.pending:
        text += QCoreApplication.translate("status", ", {0} waiting").format(state.pending)
    if getattr(state, "uncertain", 0):
        text += QCoreApplication.translate("status", ", {0} not confirmed (Ctrl+R reprints)").format(state.uncertain)
        level = "error" if level == "error" else "warning"
    return text, level


def scanner_text(state: Any) -> tuple[str, str]:
    """(text, level) for `SerialScannerService.state()`."""
    texts = {
        "scanner.connected": (QCoreApplication.translate("status", "Scanner: ready"), "ok"),
        "scanner.starting": (QCoreApplication.translate("status", "Scanner: connecting…"), "warning"),
        "scanner.disconnected": (QCoreApplication.translate("status", "Scanner: unplugged"), "error"),
        "scanner.bad_url": (QCoreApplication.translate("status", "Scanner: wrong address in the settings"), "error"),
    }
    return texts.get(state.code, (QCoreApplication.translate("status", "Scanner: error"), "error"))


def drawer_text(outcome: Any) -> str:
    """What the cashier is told at once when a drawer kick did not open the drawer."""
    texts = {
        "drawer.printer_fault": lambda: QCoreApplication.translate(
            "status", "The cash drawer did not open: the printer reports a fault. Open it with the key."),
        "drawer.printer_silent": lambda: QCoreApplication.translate(
            "status", "The cash drawer did not open: the printer did not answer. Open it with the key."),
        "drawer.printer_offline": lambda: QCoreApplication.translate(
            "status", "The cash drawer did not open: the printer cannot be reached. Open it with the key."),
        "drawer.too_late": lambda: QCoreApplication.translate(
            "status", "The cash drawer did not open in time. Open it with the key."),
    }
    return texts.get(outcome.code, lambda: QCoreApplication.translate(
        "status", "The cash drawer did not open. Open it with the key."))()


def uncertain_text(count: int) -> str:
    """The notice when a receipt went out but the printer did not confirm it printed."""
    return QCoreApplication.translate(
        "status", "The printer did not confirm the last receipt ({0} not confirmed). If it did not come out, "
        "press Ctrl+R to print it again (marked REPRINT).").format(count)

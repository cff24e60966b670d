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
    return text, level

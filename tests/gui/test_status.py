"""Status bar texts for the states the sync and print services report."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from pos_app.services.printing import PrinterState
from pos_app.services.sync_service import SyncState
from pos_app.ui.status import printer_text, sync_text


@pytest.mark.parametrize(
    ("state", "text", "level"),
    [
        (SyncState("off"), "Platform: not set up", "warning"),
        (SyncState("online"), "Platform: online", "ok"),
        (SyncState("online", pending=3), "Platform: online, 3 to send", "ok"),
        (SyncState("offline", pending=12), "Platform: offline, 12 to send", "warning"),
        (SyncState("online", dead=1), "Platform: online, 1 refused", "error"),
        (SyncState("needs_pairing"), "Platform: pairing needed", "error"),
        (SyncState("online", clock_warning=True), "Platform: online, check the clock", "warning"),
        (SyncState("online", parked=2), "Platform: online, 2 held back", "warning"),
        (SyncState("brand_new_code"), "Platform: brand_new_code", "warning"),
    ],
)
def test_sync_states(till_qapp, state, text, level):
    assert sync_text(state) == (text, level)


@pytest.mark.parametrize(
    ("code", "pending", "text", "level"),
    [
        ("printer.ok", 0, "Printer: ready", "ok"),
        ("printer.paper_out", 2, "Printer: out of paper, 2 waiting", "error"),
        ("printer.offline", 0, "Printer: offline", "error"),
        ("printer.something_new", 0, "Printer: error", "error"),
    ],
)
def test_printer_states(till_qapp, code, pending, text, level):
    assert printer_text(PrinterState("receipt", code == "printer.ok", "detail", code, pending)) == (
        text,
        level,
    )


def test_status_bar_shows_the_real_sync_state(qtbot, till):
    window = till("en")
    label = window.findChild(QLabel, "syncStatus")
    qtbot.waitUntil(
        lambda: label.text() == "Platform: not set up", timeout=5000
    )  # no platform URL configured
    assert label.property("level") == "warning"


def test_offline_state_says_when_the_last_sync_succeeded(till_qapp):
    from datetime import UTC, datetime

    last = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    text, level = sync_text(SyncState("offline", pending=2, last_success=last))
    assert text == f"Platform: offline (last sync {last.astimezone():%H:%M}), 2 to send" and level == "warning"

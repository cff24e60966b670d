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


def test_status_bar_follows_sync_events_without_polling(qtbot, till):
    """A sync state change on another thread reaches the status bar as a signal (no timer asks)."""
    import threading

    from pos_app.config import PlatformConfig

    window = till("en")
    window._status_timer.stop()  # only the shift is polled; the sync state must come as an event
    label = window.findChild(QLabel, "syncStatus")
    qtbot.waitUntil(lambda: label.text() == "Platform: not set up", timeout=5000)
    ctx = window.ctx
    worker = threading.Thread(target=ctx.sync.repoint, args=(PlatformConfig(url="http://127.0.0.1:9"),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: label.text().startswith("Platform: offline"), timeout=5000)
    assert label.property("level") == "warning"
    ctx.sync.repoint(PlatformConfig(url=""))  # back as it was for the fixture's close
    qtbot.waitUntil(lambda: label.text() == "Platform: not set up", timeout=5000)


def test_sync_listener_unsubscribes(till_qapp, make_ctx):
    from pos_app.config import PlatformConfig

    ctx = make_ctx("en")
    seen = []
    unsubscribe = ctx.sync.add_listener(seen.append)
    ctx.sync.repoint(PlatformConfig(url="http://127.0.0.1:9"))
    unsubscribe()
    ctx.sync.repoint(PlatformConfig(url=""))
    assert [s.code for s in seen] == ["offline"]

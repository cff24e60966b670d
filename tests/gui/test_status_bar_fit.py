"""The status bar fits a 1024×768 window in both languages: every item shows its whole text
(nothing cut at the right edge), with the sync and printer states at their longest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import sign_in
from PySide6.QtWidgets import QLabel, QPushButton

from pos_app.services.printing import PrinterState
from pos_app.services.sync_service import SyncState


@pytest.mark.parametrize(("language", "name", "pin"), [("en", "Wang", "8888"), ("zh_CN", "王强", "8888")])
def test_the_status_bar_shows_every_item_whole_at_1024_wide(qtbot, till, type_keys, tmp_path, language, name, pin):
    window = till(language)
    sign_in(qtbot, window, name, pin, type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)
    window.poll_status()
    qtbot.waitUntil(lambda: window.status.shift.property("level") == "ok" and not window.background.busy, timeout=5000)
    # the longest ordinary states: offline with a last sync and a queue, a printer with jobs waiting
    from datetime import UTC, datetime
    window._show_sync(SyncState("offline", pending=128, last_success=datetime(2026, 12, 1, 1, 5, tzinfo=UTC)))
    window._show_printer(PrinterState("receipt", False, "", "printer.paper_low", 3))
    qtbot.wait(50)
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    window.grab().save(str(target / f"status_bar_1024_{language}.png"))
    panel = window.status
    right = window.width()
    for widget in [*panel.findChildren(QLabel), *panel.findChildren(QPushButton)]:
        if not widget.isVisible():
            continue
        box = widget.geometry().translated(panel.mapTo(window, panel.rect().topLeft()))
        assert box.right() < right, (widget.objectName(), widget.text(), box)
        if isinstance(widget, QLabel):
            needed = widget.fontMetrics().horizontalAdvance(widget.text())
            assert needed <= widget.contentsRect().width(), (widget.objectName(), widget.text())


def test_a_wide_window_keeps_the_status_bar_on_one_row(qtbot, till, type_keys):
    window = till("en")
    sign_in(qtbot, window, "Wang", "8888", type_keys)
    window.resize(1024, 768)
    window._show_sync(SyncState("offline", pending=128))
    qtbot.waitUntil(lambda: window.status.two_rows, timeout=3000)
    window._show_sync(SyncState("online"))
    window._show_printer(PrinterState("receipt", True, "", "printer.ok", 0))
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not window.status.two_rows, timeout=3000)
    assert window.status.sync.parentWidget() is window.status and window.status.top.indexOf(window.status.sync) == 3

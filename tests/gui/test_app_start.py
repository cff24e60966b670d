"""`create_main_window`, the start-up path of `pos-app run`, on the real seeded database."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.ui.app import create_main_window
from pos_app.ui.garbage import MainThreadCollector


def test_start_up_builds_the_till_and_keeps_collection_on_the_ui_thread(qtbot, till_qapp, make_ctx):
    ctx = make_ctx("en")  # English: its translator has no entries, so later tests read English
    gc.unfreeze()
    gc.enable()
    window = create_main_window(ctx, till_qapp)
    qtbot.addWidget(window)
    collector = window.findChild(MainThreadCollector)
    try:
        # Start-up objects are kept out of later collections (bench/ui_scan.py: p99 spikes),
        # and no thread but the UI's collects on its own (pos_app.ui.garbage).
        assert gc.get_freeze_count() > 1000
        assert not gc.isenabled() and collector is not None
        assert QApplication.applicationName() == "O2O Till"
        assert window.findChild(QLineEdit, "scanInput") is not None
        # No ::item rule may reach the cart (a QTableView): it slows every paint of a scan.
        assert "QTableView::item" not in till_qapp.styleSheet() and "QTableWidget::item" in till_qapp.styleSheet()
    finally:
        collector.stop()
        gc.unfreeze()
        till_qapp.removeEventFilter(window.scan_filter)  # installed on the session-wide app

"""`create_main_window`, the start-up path of `pos-app run`, on the real seeded database."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.ui.app import create_main_window


def test_start_up_builds_the_till_and_freezes_what_lives_until_exit(qtbot, till_qapp, make_ctx):
    ctx = make_ctx("en")  # English: its translator has no entries, so later tests read English
    gc.unfreeze()
    window = create_main_window(ctx, till_qapp)
    qtbot.addWidget(window)
    try:
        # Start-up objects are kept out of later collections (bench/ui_scan.py: p99 spikes).
        assert gc.get_freeze_count() > 1000
        assert QApplication.applicationName() == "O2O Till"
        assert window.findChild(QLineEdit, "scanInput") is not None
        # No ::item rule may reach the cart (a QTableView): it slows every paint of a scan.
        assert "QTableView::item" not in till_qapp.styleSheet() and "QTableWidget::item" in till_qapp.styleSheet()
    finally:
        gc.unfreeze()
        till_qapp.removeEventFilter(window.scan_filter)  # installed on the session-wide app

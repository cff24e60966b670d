"""Screens in both languages, grabbed as images; every visible character must have a glyph.

Set POS_SCREENSHOTS_DIR=docs/screenshots to refresh the documentation's screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import BAD_CHECK_DIGIT, HUMAN_GAP_MS, PACKAGED, SCAN_GAP_MS, child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPushButton, QWidget


def shots_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() > 300
    assert image.save(str(path))


def missing_glyphs(root: QWidget) -> list[str]:
    """Characters shown in labels and buttons that the widget's font cannot draw (would be boxes)."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        metrics = QFontMetrics(widget.font())
        missing += [
            ch for ch in text if not ch.isspace() and ord(ch) > 0x7F and not metrics.inFontUcs4(ord(ch))
        ]
    return missing


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screens_render_in_both_languages(qtbot, till, type_keys, on_dialog, focus, tmp_path, language):
    target = shots_dir(tmp_path)
    window = till(language)
    qtbot.waitUntil(lambda: window.login.users.count() == 5, timeout=5000)
    window.login.users.setCurrentRow(2)
    pin = child(window, QLineEdit, "loginPin")
    type_keys(pin, "12", HUMAN_GAP_MS, enter=False)
    qtbot.waitUntil(lambda: pin.text() == "12", timeout=2000)  # the last key waits out the scanner gap
    assert missing_glyphs(window) == []
    save(window, target / f"login_{language}.png")
    pin.clear()

    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    window.poll_status()
    for product in PACKAGED[:6]:
        type_keys(QApplication.focusWidget(), product.gtins[0], SCAN_GAP_MS)
    qtbot.waitUntil(lambda: len(window.sale.snapshot.lines) == 6, timeout=5000)
    type_keys(QApplication.focusWidget(), BAD_CHECK_DIGIT, SCAN_GAP_MS)  # shows the error notice
    qtbot.waitUntil(lambda: window.notices.isVisible() and not window.runner.busy, timeout=5000)
    assert missing_glyphs(window) == []
    save(window, target / f"sale_{language}.png")

    done = {}

    def pay(dialog) -> None:
        child(dialog, QLineEdit, "tenderAmount").setText("10")
        QTest.mouseClick(child(dialog, QPushButton, "tenderCash"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.tenders.count() == 1, timeout=5000)
        assert missing_glyphs(dialog) == []
        save(dialog, target / f"payment_{language}.png")
        QTest.mouseClick(child(dialog, QPushButton, "quickNext50"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: child(dialog, QPushButton, "completeSaleButton").isEnabled(), timeout=5000)
        QTest.mouseClick(child(dialog, QPushButton, "completeSaleButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=5000)
        save(dialog, target / f"payment_done_{language}.png")
        done["sale"] = dialog.sale
        dialog.accept()

    on_dialog("paymentDialog", pay)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: "sale" in done and QApplication.activeModalWidget() is None, timeout=20000)
    focus(child(window, QLineEdit, "scanInput"))
    preview = child(window, QWidget, "receiptPreview")
    qtbot.waitUntil(
        lambda: any(done["sale"].receipt_no in line for line in preview.text_lines), timeout=10000
    )
    save(window, target / f"after_sale_{language}.png")
    save(preview, target / f"preview_{language}.png")

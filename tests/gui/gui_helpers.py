"""Helpers shared by the GUI tests that drive the whole till window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QTableView, QWidget

from pos_app.services.demo_catalog import core_catalog

SCAN_GAP_MS = 4
HUMAN_GAP_MS = 150
PACKAGED = [p for p in core_catalog() if p.gtins and not p.sold_by_weight]
UNKNOWN_VALID_GTIN = "4006381333931"  # a real EAN-13 that is not in the demo catalog
BAD_CHECK_DIGIT = "6900000000015"


def child(root: QWidget, cls, name: str):
    found = root.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def sign_in(qtbot, window, name_part: str, pin: str, type_keys) -> None:
    users = child(window, QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 5, timeout=5000)
    users.setCurrentRow(next(i for i in range(users.count()) if name_part in users.item(i).text()))
    pin_field = child(window, QLineEdit, "loginPin")
    type_keys(pin_field, pin, HUMAN_GAP_MS)  # a person's pace, or the scan filter takes it for a badge
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=5000)
    qtbot.waitUntil(lambda: window.sale.snapshot is not None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is child(window, QLineEdit, "scanInput"), timeout=2000)


def scan(qtbot, window, code: str, type_keys) -> None:
    """Send `code` with scanner timing to the focused field and wait until the till has handled it."""
    type_keys(QApplication.focusWidget(), code, SCAN_GAP_MS)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)


def visible_texts(window: QWidget) -> list[str]:
    """Every text a window shows: its title, labels, list items, table cells and headers."""
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
    texts.append(window.windowTitle())
    for view in window.findChildren(QTableView):
        model = view.model()
        for row in range(model.rowCount()):
            texts += [str(model.data(model.index(row, col)) or "") for col in range(model.columnCount())]
        texts += [str(model.headerData(col, Qt.Orientation.Horizontal) or "") for col in range(model.columnCount())]
    for lst in window.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    for painted in window.findChildren(QWidget):  # widgets that paint their own texts say what they show
        if callable(getattr(painted, "shown_texts", None)):
            texts += painted.shown_texts()
    return texts

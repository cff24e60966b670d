"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 dropped one reference to a bool on
every signal emit, and the till aborted ("bool_dealloc") after a few thousand cart repaints."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal


class _Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


class _Notifier(QObject):
    changed = Signal(object)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false(qtbot):
    model, notifier = _Model(), _Notifier()
    seen: list[object] = []
    notifier.changed.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):  # the cart's dataChanged on every scan, and a service event re-emitted
        model.dataChanged.emit(model.index(0, 0), model.index(0, 1))
        notifier.changed.emit(True)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before

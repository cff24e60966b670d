"""The cashier's cart table: a scan repaints the row that scrolled in and the rows whose look
changed (the old highlight, the selection), not the whole viewport.

A plain QTableView repainted all its visible rows on every scan, for two reasons (measured with
bench/ui_scan.py, which prints the painted region): the style sheet makes the viewport paint its
own background, so it is not opaque and a scroll cannot move the pixels already painted (Qt then
invalidates the whole scrolled area); and every row insert lays the items out again, which ends in
an update of the whole viewport.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView, QWidget


class CartView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._appended: tuple[int, int] | None = None  # rows inserted at the end since the last layout
        self._opaque_viewport()

    def _opaque_viewport(self) -> None:
        """Opaque: the viewport's background is filled in paintEvent, so a scroll can blit."""
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def rowsInserted(self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int) -> None:
        super().rowsInserted(parent, first, last)
        if not parent.isValid() and last == self.model().rowCount() - 1:
            start = first if self._appended is None else min(first, self._appended[0])
            self._appended = (start, last)
        else:
            self._appended = None

    def reset(self) -> None:
        self._appended = None
        super().reset()

    def doItemsLayout(self) -> None:
        """After rows appended at the end, only the scroll range and the new rows need doing; any
        other change is laid out and repainted whole, as Qt does."""
        appended, self._appended = self._appended, None
        if appended is None:
            super().doItemsLayout()
            return
        vertical, horizontal = self.verticalHeader().offset(), self.horizontalHeader().offset()
        self.updateGeometries()
        # A new scroll range can move the rows (per-item scrolling aligns the last page to the
        # bottom), which Qt leaves to its full repaint: move the painted pixels with them instead.
        dx, dy = horizontal - self.horizontalHeader().offset(), vertical - self.verticalHeader().offset()
        if dx or dy:
            self.viewport().scroll(dx, dy)
        top = self.rowViewportPosition(appended[0])
        if top < self.viewport().height():
            self.viewport().update(QRect(0, max(top, 0), self.viewport().width(), self.viewport().height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.viewport().palette().base())
        painter.end()
        super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._opaque_viewport()  # a style sheet's polish may reset it

"""A small bar chart drawn with QPainter (PySide6-Essentials ships no QtCharts)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOUR = QColor("#1a73e8")
AXIS_COLOUR = QColor("#6b717a")
GRID_COLOUR = QColor("#e3e6eb")


class BarChart(QWidget):
    """Labelled bars scaled to the largest value; every `label_every`-th label is drawn so the axis
    stays readable at 24 hours. Values are Decimals (money); the top of the scale is printed."""

    def __init__(self, parent: QWidget | None = None, *, label_every: int = 1,
                 value_format: Callable[[Any], str] = str) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.label_every = label_every
        self.value_format = value_format
        self._bars: list[tuple[str, Decimal]] = []

    def set_bars(self, bars: list[tuple[str, Decimal]]) -> None:
        self._bars = list(bars)
        self.update()

    def bars(self) -> list[tuple[str, Decimal]]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 160)

    def _plot_area(self) -> tuple[float, float, float]:
        """Left, top and bottom of the bars: a line above for the scale and the tallest bar's value."""
        line = self.fontMetrics().height()
        return 8.0, 2 * line + 8.0, self.height() - line - 8.0

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (zero height for a zero value)."""
        if not self._bars:
            return []
        left, top, bottom = self._plot_area()
        width = max(1.0, (self.width() - 2 * left) / len(self._bars))
        peak = max((v for _, v in self._bars), default=Decimal(0))
        rects = []
        for i, (_label, value) in enumerate(self._bars):
            h = float(value / peak) * (bottom - top) if peak > 0 else 0.0
            rects.append(QRectF(left + i * width + width * 0.15, bottom - h, width * 0.7, h))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = self.fontMetrics()
        rects = self.bar_rects()
        _left, top, bottom = self._plot_area()
        painter.setPen(GRID_COLOUR)
        painter.drawLine(8, int(top), self.width() - 8, int(top))
        peak = max((v for _, v in self._bars), default=Decimal(0))
        painter.setPen(AXIS_COLOUR)
        if peak > 0:
            painter.drawText(
                QRectF(8, 0, self.width() - 16, top), Qt.AlignmentFlag.AlignLeft, self.value_format(peak)
            )
        painter.drawLine(8, int(bottom), self.width() - 8, int(bottom))
        slot = (self.width() - 16) / max(1, len(self._bars))
        for i, ((label, value), rect) in enumerate(zip(self._bars, rects, strict=True)):
            painter.fillRect(rect, BAR_COLOUR)
            text = self.value_format(value)
            if value > 0 and metrics.horizontalAdvance(text) <= slot:
                above = QRectF(
                    rect.center().x() - slot / 2, rect.top() - metrics.height() - 2, slot, metrics.height()
                )
                painter.drawText(above, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
            if i % self.label_every == 0:
                cell = QRectF(rect.center().x() - 30, bottom + 2, 60, metrics.height() + 4)
                painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        painter.end()

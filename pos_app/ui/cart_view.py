"""The cashier's cart table: a scan repaints the row that scrolled in and the rows whose look
changed (the old highlight, the selection), not the whole viewport.

A plain QTableView repainted all its visible rows on every scan, for two reasons (measured with
bench/ui_scan.py, which prints the painted region): the style sheet makes the viewport paint its
own background, so it is not opaque and a scroll cannot move the pixels already painted (Qt then
invalidates the whole scrolled area); and every row insert lays the items out again, which ends in
an update of the whole viewport.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHeaderView,
    QScrollBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSlider,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pos_app.ui.cart_model import LAST_LINE_BRUSH, VOIDED_BRUSH, CartModel

_SELECTED = QStyle.StateFlag.State_Selected
_TEXT_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
_NAME = CartModel.NAME
_VOIDED = VOIDED_BRUSH.color()
_SCROLL_BAR, _HANDLE = QStyle.ComplexControl.CC_ScrollBar, QStyle.SubControl.SC_ScrollBarSlider
_MOVES = (QAbstractSlider.SliderChange.SliderRangeChange, QAbstractSlider.SliderChange.SliderValueChange)


class CartDelegate(QStyledItemDelegate):
    """Paints a cart cell from its text laid out once per line and column width (`QStaticText`),
    with the look the style gives an item (the highlight and selection backgrounds, the text elided
    within the style's margin) but without asking the model for every role and sending every cell
    through the style-sheet engine on each paint (bench/ui_scan.py prints the cart's paintEvent)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._texts: dict[tuple[int, int], tuple[Any, int, bool, QStaticText]] = {}
        self._margin: int | None = None  # the style's text margin, asked once per style
        self._colours: dict[int, tuple[QBrush, QColor, QColor]] = {}  # per palette (its cache key)

    def clear(self) -> None:
        self._texts.clear()
        self._margin = None
        self._colours.clear()

    def shown(self, line_id: int, column: int) -> str | None:
        """The text last painted for a cell, elided as it shows (for tests)."""
        known = self._texts.get((line_id, column))
        return None if known is None else known[3].text()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        if not isinstance(model, CartModel):
            super().paint(painter, option, index)
            return
        line, column = model.line_at(index.row()), index.column()
        rect, palette = option.rect, option.palette
        # Per cell, so nothing is asked of the style or the palette twice, and no flag enum is
        # built: `in` tests the state's value (`&` made two enum objects per cell).
        highlight, highlighted_text, text_colour = self._palette_colours(palette)
        selected = _SELECTED in option.state
        if selected:
            painter.fillRect(rect, highlight)
        elif line.line_id == model.last_line_id:
            painter.fillRect(rect, LAST_LINE_BRUSH)
        margin = self._margin
        if margin is None:
            widget = option.widget
            margin = self._margin = widget.style().pixelMetric(_TEXT_MARGIN, None, widget) + 1
        width = rect.width() - 2 * margin
        painter.setPen(highlighted_text if selected else _VOIDED if line.voided else text_colour)
        if line.voided:  # rare, and QStaticText draws a strike-out off its text: the plain way
            self._draw_struck(painter, option, model.text(line, column), column, rect.adjusted(margin, 0, -margin, 0))
            return
        text = self._text(model, line, column, width, option)
        size = text.size()
        x = rect.left() + margin if column == _NAME else rect.right() + 1 - margin - size.width()
        painter.drawStaticText(QPointF(x, rect.top() + (rect.height() - size.height()) / 2), text)

    def _palette_colours(self, palette: QPalette) -> tuple[QBrush, QColor, QColor]:
        key = palette.cacheKey()
        known = self._colours.get(key)
        if known is None:
            known = self._colours[key] = (palette.highlight(), palette.highlightedText().color(), palette.text().color())
        return known

    @staticmethod
    def _draw_struck(painter: QPainter, option: QStyleOptionViewItem, text: str, column: int, rect: QRect) -> None:
        font = QFont(option.font)
        font.setStrikeOut(True)
        mode = option.textElideMode if column == CartModel.NAME else Qt.TextElideMode.ElideRight
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if column == CartModel.NAME else Qt.AlignmentFlag.AlignRight)
        painter.save()
        painter.setFont(font)
        painter.drawText(rect, align, QFontMetrics(font).elidedText(text, mode, rect.width()))
        painter.restore()

    def _text(self, model: CartModel, line: Any, column: int, width: int, option: QStyleOptionViewItem) -> QStaticText:
        key = (line.line_id, column)
        known = self._texts.get(key)
        if known is not None and known[0] is line and known[1] == width and known[2] == model.english_names:
            return known[3]
        font, metrics = option.font, option.fontMetrics
        mode = option.textElideMode if column == CartModel.NAME else Qt.TextElideMode.ElideRight
        static = QStaticText(metrics.elidedText(model.text(line, column), mode, width))
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=font)
        self._texts[key] = (line, width, model.english_names, static)
        return static


class CartHeader(QHeaderView):
    """The cart's column titles, measured once per text, font and style: Qt measured every section
    through the style sheet again on each scan's layout (`sizeHint`, asked by updateGeometries)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as QTableView's own header
        self.setHighlightSections(True)
        self._hint: QSize | None = None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.headerDataChanged.disconnect(self.forget_size)
        super().setModel(model)
        if model is not None:
            model.headerDataChanged.connect(self.forget_size)
        self.forget_size()

    def forget_size(self) -> None:
        self._hint = None

    def sizeHint(self) -> QSize:
        if self._hint is None:
            self._hint = super().sizeHint()
        return QSize(self._hint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._hint = None
        super().changeEvent(event)


class CartScrollBar(QScrollBar):
    """The cart's vertical scroll bar, repainted only when its picture changes: at a thousand lines a
    scan's new range moves the handle a pixel every few scans, and each new range repainted the whole
    bar (about 0.4 ms a scan through the style sheet, bench/ui_scan.py)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._painted: tuple[Any, ...] | None = None  # the look last painted

    def _look(self) -> tuple[Any, ...]:
        """What the picture depends on besides the size, state and style (which repaint anyway):
        the handle, and whether there is anything to scroll. Not whether the value is at an end:
        that changes between the range and the value of one scan, and the style draws no arrow
        differently for it (tests/gui/test_scan_paint.py compares with a full repaint)."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(_SCROLL_BAR, option, _HANDLE, self)
        return handle.getRect(), self.minimum() == self.maximum(), self.height()

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change in _MOVES and self._painted is not None and self._look() == self._painted:
            return  # the same picture: no repaint
        super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = self._look()
        super().paintEvent(event)


class CartView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(CartHeader(self))
        self.setVerticalScrollBar(CartScrollBar(self))
        self._appended: tuple[int, int] | None = None  # rows inserted at the end since the last layout
        self.delegate = CartDelegate(self)
        self.setItemDelegate(self.delegate)
        # Always there: the scan that first passed a page showed it, which narrowed the viewport and
        # the name column, so every visible row was elided and painted again (tests/gui/test_scan_paint.py).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._opaque_viewport()

    def setSelectionModel(self, selectionModel: QItemSelectionModel) -> None:
        """The column titles get a selection of their own that never changes: sharing the cart's,
        each scan's new selected row (a row selection covers every column) repainted the whole
        header, five sections through the style sheet (bench/ui_scan.py)."""
        super().setSelectionModel(selectionModel)
        header = self.horizontalHeader()
        header.setSelectionModel(QItemSelectionModel(selectionModel.model(), header))

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
        self.delegate.clear()
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
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.delegate.clear()  # the texts were laid out in the old font
        if event.type() == QEvent.Type.StyleChange:
            self._opaque_viewport()  # a style sheet's polish may reset it

"""The customer-facing window (双屏): a second top-level window that only renders views.

It is given `pos_app.domain.customer_view` views and slides; it never calls a service, so it
can show nothing but what those views carry. One page per state: idle (store name and the
slideshow), selling (the lines, the newest highlighted, savings and the amount due), paying,
thanks (change) and pickup (an order handed over).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPixmap, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.customer_view import (
    CustomerLine,
    CustomerView,
    MemberBadge,
    PayingView,
    PickupView,
    SellingView,
    ThanksView,
)
from pos_app.ui import customer_texts as T
from pos_app.ui.cart_model import format_money, format_quantity
from pos_app.ui.customer_texts import CustomerTexts
from pos_app.ui.qr_image import qr_pixmap

NEWEST_BRUSH = QBrush(QColor("#fff2b3"))
Cell = tuple[QStaticText, ...]  # a cell's lines (a bilingual name has two)
SAVED_BRUSH = QBrush(QColor("#c0392b"))

STYLE = """
#customerScreen { background: #fbfaf7; }
#customerScreen QLabel[role="storeName"] { font-size: 30pt; font-weight: bold; color: #0b6b3a; }
#customerScreen QLabel[role="welcome"] { font-size: 28pt; color: #444; }
#customerScreen QLabel[role="slideText"] { font-size: 26pt; color: #222; }
#customerScreen QLabel[role="caption"] { font-size: 18pt; color: #444; }
#customerScreen QLabel[role="due"] { font-size: 48pt; font-weight: bold; color: #0b6b3a; }
#customerScreen QLabel[role="saved"] { font-size: 22pt; font-weight: bold; color: #c0392b; }
#customerScreen QLabel[role="thanks"] { font-size: 30pt; font-weight: bold; color: #0b6b3a; }
#customerScreen QLabel[role="member"] { font-size: 16pt; color: #5c4400; background: #fff3c4;
                                        padding: 4px 10px; border-radius: 6px; }
"""


class CustomerLinesModel(QAbstractTableModel):
    """Name, quantity, savings, amount of the live lines. A scan appends a row or changes one,
    and only those rows are signalled (the same rule as the cashier's cart model)."""

    NAME, QUANTITY, SAVED, TOTAL = range(4)

    def __init__(self, texts: CustomerTexts, parent: Any = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self._lines: tuple[CustomerLine, ...] = ()
        self.newest: int | None = None

    def set_lines(self, lines: tuple[CustomerLine, ...], newest: int | None) -> None:
        old = self._lines
        if len(lines) < len(old) or any(a is not b and a.line_id != b.line_id for a, b in zip(old, lines, strict=False)):
            self.beginResetModel()
            self._lines, self.newest = lines, newest
            self.endResetModel()
            return
        changed = {row for row, (a, b) in enumerate(zip(old, lines, strict=False)) if a is not b}
        before = self.row_of(self.newest)
        if before is not None:
            changed.add(before)  # its highlight moves
        if len(lines) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(lines) - 1)
            self._lines = lines
            self.endInsertRows()
        else:
            self._lines = lines
        self.newest = newest
        for row in sorted(changed):
            self.dataChanged.emit(self.index(row, 0), self.index(row, 3))

    def lines(self) -> tuple[CustomerLine, ...]:
        return self._lines

    def row_of(self, line_id: int | None) -> int | None:
        if line_id is None:
            return None
        for row in range(len(self._lines) - 1, -1, -1):  # the newest is nearly always near the end
            if self._lines[row].line_id == line_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.header_text(section)

    def header_text(self, section: int, sep: str = " ") -> str:
        return self.texts.text((T.ITEM, T.QTY, T.SAVED, T.AMOUNT)[section], sep=sep)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, col = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and line.line_id == self.newest:
            return NEWEST_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and col == self.SAVED:
            return SAVED_BRUSH
        return None

    def text(self, line: CustomerLine, col: int) -> str:
        if col == self.NAME:
            name = self.texts.name(line.name, line.name_en, "\n")  # bilingual: two lines
            if line.deals:
                deals = " + ".join(self.texts.name(zh, en) for zh, en in line.deals)
                return f"{name}  [{deals}]"
            return name
        if col == self.QUANTITY:
            return format_quantity(line.quantity, line.sold_by_weight, line.unit)
        if col == self.SAVED:
            return f"-{format_money(line.saved)}" if line.saved else ""
        return format_money(line.total)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, 3))


class CustomerLinesView(QWidget):
    """Paints the lines that fit, the newest always among them, from texts laid out once per line.

    A table view scrolled by one row per scan repaints its whole viewport and lays out every cell's
    text again; here each line's texts are `QStaticText` made when the line changes, and a scan
    moves the lines already painted up by a row (a blit: the widget is opaque) and paints only the
    new line and the line that lost the highlight (see bench/ui_scan.py).
    """

    PAD = 10

    def __init__(self, model: CustomerLinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._cache: dict[int, tuple[CustomerLine, int, tuple[Cell, ...]]] = {}
        self._header: tuple[Cell, ...] = ()
        self.first = 0  # the first line shown
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda _parent, first, last: self._changed(first, last))
        model.dataChanged.connect(lambda top, bottom, _roles=(): self._changed(top.row(), bottom.row()))
        model.headerDataChanged.connect(self._retranslated)

    # -- geometry ----------------------------------------------------------------------------
    def row_height(self) -> int:
        return self.fontMetrics().height() * (2 if self.model.texts.bilingual else 1) + 14

    def header_height(self) -> int:
        return self.fontMetrics().height() * (2 if self.model.texts.bilingual else 1) + 16

    def columns(self) -> list[tuple[int, int]]:
        """(left, right) of name, quantity, savings and amount."""
        width = self.width()
        numbers = [90, 130, 150]
        name_right = max(120, width - sum(numbers))
        edges = [0, name_right, name_right + numbers[0], name_right + numbers[0] + numbers[1], width]
        return [(edges[i], edges[i + 1]) for i in range(4)]

    def visible_rows(self) -> int:
        return max(1, (self.height() - self.header_height()) // self.row_height())

    def _first_shown(self) -> int:
        """Keep the newest line in sight (the last lines, unless the newest is an older one)."""
        count, fits = self.model.rowCount(), self.visible_rows()
        newest = self.model.row_of(self.model.newest)
        first = max(0, count - fits)
        return newest if newest is not None and newest < first else first

    def _reset(self) -> None:
        self.first = self._first_shown()
        self.update()

    def _changed(self, top: int, bottom: int) -> None:
        """Rows `top`..`bottom` were added or changed: scroll the painted lines if the first shown
        moves by less than a page, then paint those rows."""
        first, fits = self._first_shown(), self.visible_rows()
        head, row_h = self.header_height(), self.row_height()
        shift, self.first = first - self.first, first
        if abs(shift) >= fits:
            self.update()
            return
        if shift:
            self.scroll(0, -shift * row_h, QRect(0, head, self.width(), fits * row_h))
        shown_top, shown_bottom = max(top, first), min(bottom, first + fits - 1)
        if shown_top <= shown_bottom:
            y = head + (shown_top - first) * row_h
            self.update(0, y, self.width(), (shown_bottom - shown_top + 1) * row_h)

    def _retranslated(self, *_: Any) -> None:
        self._cache.clear()
        self._header = ()
        self.update()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._cache.clear()
        self._header = ()
        self._reset()

    # -- texts -------------------------------------------------------------------------------
    def _static(self, text: str, width: int) -> Cell:
        """One cell: each of its lines elided to `width` and laid out now."""
        metrics, cell = self.fontMetrics(), []
        for part in text.split("\n"):
            static = QStaticText(metrics.elidedText(part, Qt.TextElideMode.ElideMiddle, width))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self.font())
            cell.append(static)
        return tuple(cell)

    def _texts(self, line: CustomerLine) -> tuple[Cell, ...]:
        width = self.width()
        known = self._cache.get(line.line_id)
        if known is not None and known[0] is line and known[1] == width:
            return known[2]
        cols = self.columns()
        texts = tuple(self._static(self.model.text(line, col), right - left - 2 * self.PAD)
                      for col, (left, right) in enumerate(cols))
        self._cache[line.line_id] = (line, width, texts)
        return texts

    def shown_texts(self) -> list[str]:
        """What is on screen now, header included (for tests)."""
        lines = self.model.lines()[self.first:self.first + self.visible_rows()]
        return [self.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] + \
            [self.model.text(line, col) for line in lines for col in range(4)]

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        area = event.rect()
        painter.fillRect(area, QColor("#ffffff"))
        cols, head, row_h = self.columns(), self.header_height(), self.row_height()
        if area.top() < head:
            painter.fillRect(0, 0, self.width(), head, QColor("#e9edf1"))
            if not self._header:
                self._header = tuple(self._static(self.model.header_text(c, "\n"), right - left - 2 * self.PAD)
                                     for c, (left, right) in enumerate(cols))
            self._draw_row(painter, self._header, cols, 0, head)
        # Only the rows the paint covers (a scan's paint is one or two rows, see _changed).
        start = max(0, (area.top() - head) // row_h)
        end = min(self.visible_rows(), (area.bottom() - head) // row_h + 1)
        lines = self.model.lines()[self.first + start:self.first + end]
        grid = QColor("#dde2e6")
        for i, line in enumerate(lines, start=start):
            top = head + i * row_h
            if line.line_id == self.model.newest:
                painter.fillRect(0, top, self.width(), row_h, NEWEST_BRUSH)
            painter.setPen(grid)
            painter.drawLine(0, top + row_h - 1, self.width(), top + row_h - 1)
            self._draw_row(painter, self._texts(line), cols, top, row_h)
        painter.end()

    def _draw_row(self, painter: QPainter, cells: tuple[Cell, ...], cols: list[tuple[int, int]],
                  top: int, height: int) -> None:
        for col, (cell, (left, right)) in enumerate(zip(cells, cols, strict=True)):
            y = top + (height - sum(text.size().height() for text in cell)) / 2
            painter.setPen(SAVED_BRUSH.color() if col == CustomerLinesModel.SAVED and top else QColor("#1d1d1d"))
            for text in cell:
                width = text.size().width()
                x = left + self.PAD if col == CustomerLinesModel.NAME else right - self.PAD - width
                painter.drawStaticText(QPointF(x, y), text)
                y += text.size().height()


def _label(parent: QWidget, name: str, role: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setProperty("role", role)
    label.setAlignment(align)
    label.setWordWrap(True)
    return label


class CustomerWindow(QWidget):
    """The window itself; `show_view(view)` and `show_slide(...)` are all it does."""

    def __init__(self, texts: CustomerTexts, store_name: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("customerScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)  # never takes the cashier's keys
        self.texts = texts
        self.store_name = store_name
        self.view: CustomerView = None

        self.store = _label(self, "customerStoreName", "storeName", Qt.AlignmentFlag.AlignLeft)
        self.member = _label(self, "customerMember", "member", Qt.AlignmentFlag.AlignRight)
        self.member.hide()
        header = QHBoxLayout()
        header.addWidget(self.store, 1)
        header.addWidget(self.member)

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("customerPages")
        self.idle_page = self._idle_page()
        self.selling_page = self._selling_page()
        self.paying_page = self._paying_page()
        self.thanks_page = self._thanks_page()
        self.pickup_page = self._pickup_page()
        for page in (self.idle_page, self.selling_page, self.paying_page, self.thanks_page, self.pickup_page):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        self.resize(1024, 768)
        self.retranslate()
        self.show_view(None)

    # -- pages -------------------------------------------------------------------------------
    def _idle_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("customerIdle")
        self.welcome = _label(page, "customerWelcome", "welcome")
        self.slide_image = QLabel(page)
        self.slide_image.setObjectName("customerSlideImage")
        self.slide_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide_image.setMinimumSize(1, 1)
        self.slide_text = _label(page, "customerSlideText", "slideText")
        self.slide_image.hide()
        self.slide_text.hide()
        self._slide: QImage | None = None
        layout = QVBoxLayout(page)
        layout.addWidget(self.welcome)
        layout.addWidget(self.slide_image, 1)
        layout.addWidget(self.slide_text, 1)
        return page

    def _selling_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("customerSelling")
        self.lines_model = CustomerLinesModel(self.texts, self)
        self.lines = CustomerLinesView(self.lines_model, page)
        self.lines.setObjectName("customerLines")
        self.lines.setFont(_sized(self.lines.font(), 16))
        side = QFrame(page)
        side.setObjectName("customerTotals")
        self.side = side  # a fixed share of the width (see resizeEvent): a longer amount must not
        # resize the table, which would repaint all of it instead of scrolling in one row
        self.items_caption = _label(side, "customerItemsCaption", "caption")
        self.items = _label(side, "customerItems", "caption")
        self.saved_caption = _label(side, "customerSavedCaption", "caption")
        self.saved = _label(side, "customerSaved", "saved")
        self.due_caption = _label(side, "customerDueCaption", "caption")
        self.due = _label(side, "customerDue", "due")
        column = QVBoxLayout(side)
        for w in (self.items_caption, self.items, self.saved_caption, self.saved):
            column.addWidget(w)
        column.addStretch(1)
        column.addWidget(self.due_caption)
        column.addWidget(self.due)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.lines, 3)
        layout.addWidget(side, 1)
        return page

    def _paying_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("customerPaying")
        self.pay_due_caption = _label(page, "customerPayDueCaption", "caption")
        self.pay_due = _label(page, "customerPayDue", "due")
        self.pay_qr = QLabel(page)
        self.pay_qr.setObjectName("customerPayQr")
        self.pay_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._qr_shown = ("", 0)  # (url, size) of the QR painted, so a redraw does not remake it
        self.pay_hint = _label(page, "customerPayHint", "welcome")
        self.pay_paid = _label(page, "customerPayPaid", "caption")
        self.pay_saved = _label(page, "customerPaySaved", "saved")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for w in (self.pay_due_caption, self.pay_due, self.pay_qr, self.pay_hint, self.pay_paid, self.pay_saved):
            layout.addWidget(w)
        layout.addStretch(1)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("customerThanksPage")
        self.change_caption = _label(page, "customerChangeCaption", "caption")
        self.change = _label(page, "customerChange", "due")
        self.thanks_saved = _label(page, "customerThanksSaved", "saved")
        self.thanks = _label(page, "customerThanks", "thanks")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for w in (self.change_caption, self.change, self.thanks_saved, self.thanks):
            layout.addWidget(w)
        layout.addStretch(1)
        return page

    def _pickup_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("customerPickup")
        self.pickup_order = _label(page, "customerPickupOrder", "thanks")
        self.pickup_caption = _label(page, "customerPickupCaption", "caption")
        self.pickup_items = QListWidget(page)
        self.pickup_items.setObjectName("customerPickupItems")
        self.pickup_items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pickup_items.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.pickup_items.setFont(_sized(self.pickup_items.font(), 20))
        layout = QVBoxLayout(page)
        layout.addWidget(self.pickup_order)
        layout.addWidget(self.pickup_caption)
        layout.addWidget(self.pickup_items, 1)
        return page

    # -- rendering ---------------------------------------------------------------------------
    def show_view(self, view: CustomerView) -> None:
        self.view = view
        if isinstance(view, SellingView):
            self._show_selling(view)
        elif isinstance(view, PayingView):
            self._show_paying(view)
        elif isinstance(view, ThanksView):
            self._show_thanks(view)
        elif isinstance(view, PickupView):
            self._show_pickup(view)
        else:
            self._show_member(None)
            self.pages.setCurrentWidget(self.idle_page)

    def _show_selling(self, view: SellingView) -> None:
        self.items.setText(str(view.item_count))
        self.saved.setText(format_money(view.saved))
        for w in (self.saved_caption, self.saved):
            w.setVisible(view.saved > 0)
        self.due.setText(format_money(view.due))
        self._fit_amounts()
        self._show_member(view.member)
        self.pages.setCurrentWidget(self.selling_page)
        self.lines_model.set_lines(view.lines, view.newest)

    def _show_paying(self, view: PayingView) -> None:
        self.pay_due.setText(format_money(view.due))
        self.pay_paid.setText(f"{self.texts.text(T.PAID)}  {format_money(view.paid)}")
        self.pay_paid.setVisible(view.paid > 0)
        self.pay_saved.setText(f"{self.texts.text(T.SAVED)}  {format_money(view.saved)}")
        self.pay_saved.setVisible(view.saved > 0)
        self.pay_qr.setVisible(bool(view.qr_url))
        hint = T.PAY_AT_COUNTER
        if view.qr_url:
            hint = {"wechat_pay": T.SCAN_WECHAT, "alipay": T.SCAN_ALIPAY}.get(view.qr_wallet, T.SCAN_TO_PAY)
            self.pay_due.setText(format_money(view.qr_amount or view.due))  # the amount the QR charges
            self._paint_qr(view.qr_url)
        self.pay_due_caption.setText(self.texts.text(T.QR_AMOUNT if view.qr_url else T.DUE, sep=" / "))
        self.pay_hint.setText(self.texts.text(hint, sep="  /  " if view.qr_url else "\n"))
        self._show_member(view.member)
        self.pages.setCurrentWidget(self.paying_page)

    def _paint_qr(self, url: str) -> None:
        """The QR large and centred: as big as the page leaves room for beside the amount and hint."""
        size = max(160, min(self.width() // 2, self.height() - 330))
        if self._qr_shown != (url, size):
            self.pay_qr.setPixmap(qr_pixmap(url, size))
            self._qr_shown = (url, size)

    def _show_thanks(self, view: ThanksView) -> None:
        self.change.setText(format_money(view.change))
        for w in (self.change_caption, self.change):
            w.setVisible(view.change > 0)
        self.thanks_saved.setText(f"{self.texts.text(T.SAVED)}  {format_money(view.saved)}")
        self.thanks_saved.setVisible(view.saved > 0)
        self._show_member(None)
        self.pages.setCurrentWidget(self.thanks_page)

    def _show_pickup(self, view: PickupView) -> None:
        self.pickup_order.setText(self.texts.text(T.PICKUP_ORDER, view.order_no, sep="\n"))
        self.pickup_items.clear()
        for item in view.items:
            self.pickup_items.addItem(f"{item.name}   × {_quantity(item.quantity)} {item.unit}".rstrip())
        self._show_member(None)
        self.pages.setCurrentWidget(self.pickup_page)

    def _show_member(self, member: MemberBadge | None) -> None:
        if member is None:
            self.member.hide()
            return
        parts = [self.texts.text(T.MEMBER, member.masked_name, sep=" / ")]
        if member.tier:
            parts.append(member.tier)
        if member.points is not None:
            parts.append(self.texts.text(T.POINTS, member.points, sep=" / "))
        self.member.setText("  ·  ".join(parts))
        self.member.show()

    def show_slide(self, image: QImage | None, text: str) -> None:
        """One slide of the idle slideshow: an image already fully decoded, and/or a short text."""
        self._slide = image
        self.slide_image.setVisible(image is not None)
        if image is not None:
            self._scale_slide()
        self.slide_text.setText(text)
        self.slide_text.setVisible(bool(text))

    def _scale_slide(self) -> None:
        if self._slide is None:
            return
        size = self.slide_image.size()
        pixmap = QPixmap.fromImage(self._slide)
        self.slide_image.setPixmap(pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def _fit_amounts(self) -> None:
        """The selling page's amounts have a fixed size, the size the totals' column gives them: a
        new amount repaints its label without laying out the totals, the page and the window
        again (about 0.6 ms of each scan, bench/ui_scan.py --customer-screen). Fitted again when
        the column's width changes or an amount needs another height (it wraps)."""
        side, column = self.side, self.side.layout()
        if column is None or side.minimumWidth() != side.maximumWidth():
            return  # no fixed width yet (see resizeEvent): the layout sizes them
        margins = column.contentsMargins()
        width = (side.maximumWidth() - (side.width() - side.contentsRect().width())
                 - margins.left() - margins.right())
        for label in (self.items, self.saved, self.due):
            label.ensurePolished()
            height = label.heightForWidth(width)
            if label.minimumSize() != QSize(width, height) or label.maximumSize() != QSize(width, height):
                label.setFixedSize(width, height)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.side.setFixedWidth(max(260, self.width() * 3 // 10))
        self._fit_amounts()
        self._scale_slide()
        if isinstance(self.view, PayingView) and self.view.qr_url:
            self._paint_qr(self.view.qr_url)

    # -- words -------------------------------------------------------------------------------
    def set_texts(self, texts: CustomerTexts) -> None:
        self.texts = texts
        self.lines_model.texts = texts
        self.retranslate()
        self.show_view(self.view)

    def retranslate(self) -> None:
        t = self.texts
        self.setWindowTitle(t.text(T.WELCOME, sep=" / "))
        self.store.setText(self.store_name)
        self.welcome.setText(t.text(T.WELCOME, sep="\n"))
        self.items_caption.setText(t.text(T.ITEMS, sep=" / "))
        self.saved_caption.setText(t.text(T.SAVED, sep=" / "))
        self.due_caption.setText(t.text(T.DUE, sep=" / "))
        self.pay_due_caption.setText(t.text(T.DUE, sep=" / "))
        self.change_caption.setText(t.text(T.CHANGE, sep=" / "))
        self.thanks.setText(t.text(T.THANKS, sep="\n"))
        self.pickup_caption.setText(t.text(T.PICKUP_ITEMS, sep=" / "))
        self.lines_model.retranslate()


def _sized(font: QFont, points: int) -> QFont:
    font.setPointSize(points)
    return font


def _quantity(value: Decimal) -> str:
    return f"{value.normalize():f}"

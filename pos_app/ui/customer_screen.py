"""The customer-facing window (双屏): a second top-level window that only renders views.

It is given `pos_app.domain.customer_view` views and slides; it never calls a service, so it
can show nothing but what those views carry. One page per state: idle (store name and the
slideshow), selling (the lines, the newest highlighted, savings and the amount due), paying,
thanks (change) and pickup (an order handed over).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QStackedWidget,
    QTableView,
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

NEWEST_BRUSH = QBrush(QColor("#fff2b3"))
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
        return self.texts.text((T.ITEM, T.QTY, T.SAVED, T.AMOUNT)[section], sep=" ")

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
        self._row_height()
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
        self.lines = QTableView(page)
        self.lines.setObjectName("customerLines")
        self.lines.setModel(self.lines_model)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lines.setFont(_sized(self.lines.font(), 16))
        self.lines.setWordWrap(False)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(CustomerLinesModel.NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((CustomerLinesModel.QUANTITY, 110), (CustomerLinesModel.SAVED, 150),
                           (CustomerLinesModel.TOTAL, 170)):
            self.lines.setColumnWidth(col, width)
        side = QFrame(page)
        side.setObjectName("customerTotals")
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

    def _row_height(self) -> None:
        """Room for the name in two languages, one above the other, when bilingual."""
        lines = 2 if self.texts.bilingual else 1
        self.lines.verticalHeader().setDefaultSectionSize(self.lines.fontMetrics().height() * lines + 14)

    def _show_selling(self, view: SellingView) -> None:
        self.lines_model.set_lines(view.lines, view.newest)
        row = self.lines_model.row_of(view.newest)
        if row is not None and self.pages.currentWidget() is self.selling_page:
            self.lines.scrollTo(self.lines_model.index(row, 0))
        elif self.lines_model.rowCount():
            self.lines.scrollToBottom()
        self.items.setText(str(view.item_count))
        self.saved.setText(format_money(view.saved))
        for w in (self.saved_caption, self.saved):
            w.setVisible(view.saved > 0)
        self.due.setText(format_money(view.due))
        self._show_member(view.member)
        self.pages.setCurrentWidget(self.selling_page)

    def _show_paying(self, view: PayingView) -> None:
        self.pay_due.setText(format_money(view.due))
        self.pay_paid.setText(f"{self.texts.text(T.PAID)}  {format_money(view.paid)}")
        self.pay_paid.setVisible(view.paid > 0)
        self.pay_saved.setText(f"{self.texts.text(T.SAVED)}  {format_money(view.saved)}")
        self.pay_saved.setVisible(view.saved > 0)
        self.pay_qr.setVisible(bool(view.qr_url))
        self.pay_hint.setText(self.texts.text(T.SCAN_TO_PAY if view.qr_url else T.PAY_AT_COUNTER, sep="\n"))
        self._show_member(view.member)
        self.pages.setCurrentWidget(self.paying_page)

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

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._scale_slide()

    # -- words -------------------------------------------------------------------------------
    def set_texts(self, texts: CustomerTexts) -> None:
        self.texts = texts
        self.lines_model.texts = texts
        self._row_height()
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

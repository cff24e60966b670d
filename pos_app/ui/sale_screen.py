"""The sale screen: scan field (always focused), cart, big totals, action keys and buttons.

Every checkout call runs in the serial worker and comes back as a new TicketSnapshot that
the screen renders; a refused call shows a notice and beeps, leaves the ticket as it was
and clears the scan field for the next scan. This module is the view; what the keys do (the
dialogs and service calls) is in ``sale_controller`` (``SaleScreen.controller``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.receipts import profile_for
from pos_app.ui.cart_model import SYMBOLS, CartModel, format_money, fresh_rows
from pos_app.ui.cart_view import CartView
from pos_app.ui.member_dialogs import MemberPanel
from pos_app.ui.messages import describe
from pos_app.ui.notices import NoticeBar
from pos_app.ui.receipt_preview import ReceiptPreview
from pos_app.ui.sale_controller import SaleController, english_names
from pos_app.ui.shortcuts import MEMBER_KEY, RETURN_KEY, SALE_ACTIONS
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession

# What the cart's number columns show: digits, separators, signs and the currency symbols.
NUMBER_CHARS = "".join(sorted(set("0123456789.,-+* " + "".join(SYMBOLS.values()))))

# Numeric-keypad operators and Delete act on the ticket (QLineEdit would eat them as text/editing keys).
KEYPAD_ACTIONS = {"*": "quantity", "-": "void", "+": "pay"}


class ScanField(QLineEdit):
    """The code field: Up/Down select cart lines, keypad * - + and Delete trigger actions."""

    actionKey = Signal(str)
    moveSelection = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = None
        if event.modifiers() & Qt.KeyboardModifier.KeypadModifier and event.text() in KEYPAD_ACTIONS:
            action = KEYPAD_ACTIONS[event.text()]
        elif event.key() == Qt.Key.Key_Delete and not self.text():
            action = "void"
        if action is not None:
            # Queued: the key may come from the scan filter's replay; dialogs must not open inside it.
            QTimer.singleShot(0, lambda: self.actionKey.emit(action))
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveSelection.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        if event.matches(QKeySequence.StandardKey.Undo) and not self.text():
            # Ctrl+Z on an empty field undoes the last change on the ticket, not typing.
            QTimer.singleShot(0, lambda: self.actionKey.emit("undo"))
            return
        super().keyPressEvent(event)


class SaleScreen(QWidget):
    lockRequested = Signal()
    helpRequested = Signal()
    shiftChanged = Signal()
    managerMenuRequested = Signal()
    noShiftMenuRequested = Signal()  # F10 with no shift: open one, or reports and devices

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        background: TaskRunner,
        notices: NoticeBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("saleScreen")
        self.ctx = ctx
        self.notices = notices
        self.snapshot: Any = None

        self.scan_input = ScanField(self)
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setProperty("role", "scan")
        self.scan_input.returnPressed.connect(self._typed_code)
        self.scan_input.actionKey.connect(self.trigger)
        self.scan_input.moveSelection.connect(self._move_selection)

        self.model = CartModel(self)
        self.cart = CartView(self)
        self.cart.setObjectName("cartTable")
        self.cart.setModel(self.model)
        self.cart.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cart.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cart.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cart.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cart.verticalHeader().hide()
        self.cart.setAlternatingRowColors(True)
        self.cart.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long names keep their size (…250ml)
        header = self.cart.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # widths: see _fit_cells
        header.setSectionResizeMode(CartModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.cart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cart.customContextMenuRequested.connect(self._line_menu)

        self.totals = self._totals_panel()
        self.preview = ReceiptPreview(ctx.printing, background, profile_for(ctx.config), self)
        self.preview.setMinimumWidth(300)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, action in enumerate(SALE_ACTIONS):
            b = QPushButton(self)
            b.setObjectName("payButton" if action.id == "pay" else f"action_{action.id}")
            b.setProperty("role", "primary" if action.id == "pay" else "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, a=action.id: self.trigger(a))
            self.buttons[action.id] = b
            grid.addWidget(b, i // 6, i % 6)
            grid.setColumnStretch(i % 6, 1)  # equal columns: a key is found by place, in both languages
            shortcut = QShortcut(QKeySequence(action.key), self)  # extra keys: see ScanField
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda a=action.id: self.trigger(a))

        # Returns and exchanges (Ctrl+T): beside the totals, the action grid is full.
        self.return_button = QPushButton(self)
        self.return_button.setObjectName("action_return")
        self.return_button.setProperty("role", "action")
        self.return_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.return_button.clicked.connect(lambda: self.trigger("return"))
        return_key = QShortcut(QKeySequence(RETURN_KEY), self)
        return_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return_key.activated.connect(lambda: self.trigger("return"))

        self.business_banner = QLabel(self)
        self.business_banner.setObjectName("businessDateBanner")
        self.business_banner.setProperty("role", "banner")
        self.business_banner.hide()
        self._business_date: Any = None

        left = QVBoxLayout()
        left.addWidget(self.business_banner)
        left.addWidget(self.scan_input)
        left.addWidget(self.cart, 1)
        left.addLayout(grid)
        self.member_panel = MemberPanel(self)
        right = QVBoxLayout()
        right.addWidget(self.member_panel)
        right.addWidget(self.totals)
        right.addWidget(self.return_button)
        right.addWidget(self.preview, 1)
        body = QHBoxLayout(self)
        body.setContentsMargins(12, 12, 12, 12)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        self.controller = SaleController(self, ctx, runner, background)
        c = self.controller
        self._actions: dict[str, Callable[[], None]] = {
            "help": self.helpRequested.emit,
            "search": c.search,
            "quantity": c.change_quantity,
            "void": c.void_line,
            "price": c.override_price,
            "discount": c.ticket_discount,
            "hold": c.hold,
            "recall": c.recall,
            "nosale": c.no_sale,
            "shift": c.open_shift,
            "lock": self.lockRequested.emit,
            "pay": c.pay,
            "undo": c.undo,
            "return": c.return_goods,
        }
        member_key = QShortcut(QKeySequence(MEMBER_KEY), self)
        member_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        member_key.activated.connect(c.member)
        self.retranslate()

    def _totals_panel(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("totalsPanel")
        grid = QGridLayout(frame)
        self.total_captions: dict[str, QLabel] = {}
        self.total_values: dict[str, QLabel] = {}
        self._totals_width = 0
        for row, name in enumerate(
            ("ticketItems", "ticketSubtotal", "ticketDiscount", "ticketSaved", "ticketTax", "ticketTotal")
        ):
            caption = QLabel(frame)
            value = QLabel(frame)
            value.setObjectName(name)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            big = name == "ticketTotal"
            caption.setProperty("role", "bigCaption" if big else "caption")
            value.setProperty("role", "bigTotal" if big else "subTotal")
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.total_captions[name] = caption
            self.total_values[name] = value
        return frame

    # -- lifecycle -----------------------------------------------------------------------
    def activate(self, session: StaffSession | None = None) -> None:
        if session is not None:
            self.controller.session = session
        self.controller.call(self.ctx.checkout.current)
        if not self.preview.reprint.isEnabled():  # first time here (also after a restart)
            self.controller.show_last_receipt()
        self.focus_scan()

    def focus_scan(self) -> None:
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- rendering -----------------------------------------------------------------------
    def show_snapshot(self, snap: Any) -> None:
        previous = self.snapshot
        self.snapshot = snap
        same_ticket = previous is not None and previous.ticket_id == snap.ticket_id
        if not same_ticket:
            self.controller.refresh_member()
        selected = self.selected_line() if same_ticket else None
        # What the change touched, by object identity (O(changed) work below, not O(lines)).
        fresh = fresh_rows(previous.lines, snap.lines) if same_ticket else None
        changed = self._changed_line(previous.lines, snap.lines, fresh) if fresh is not None else None
        highlight = changed if changed is not None else (self.model.last_line_id if same_ticket else None)
        self.model.set_lines(snap.lines, highlight, fresh)  # a model reset clears the view's selection
        self._show_totals(snap)
        if fresh is None:
            self._fit_cells()  # and the totals sized afresh for this ticket's amounts
        else:
            self._widen_columns([snap.lines[row] for row in fresh])
        target = changed if changed is not None else (selected.line_id if selected is not None else None)
        row = self.model.row_of(target) if target is not None else None
        if row is None and self.model.rowCount():
            row = self.model.rowCount() - 1
        if row is not None:
            self._select_row(row)

    @staticmethod
    def _changed_line(old: tuple[Any, ...], new: tuple[Any, ...], fresh: list[int]) -> int | None:
        """The line a scan added or changed the quantity of: the one to highlight and act on.
        `fresh`: the rows that are not the previous snapshot's object (`fresh_rows`)."""
        for row in reversed(fresh):
            line = new[row]
            if row >= len(old) or old[row].line_id != line.line_id or old[row].quantity != line.quantity:
                return line.line_id
        return None

    def _show_totals(self, snap: Any) -> None:
        v = self.total_values
        v["ticketItems"].setText(str(snap.item_count))
        v["ticketSubtotal"].setText(format_money(snap.subtotal))
        v["ticketDiscount"].setText(
            f"-{format_money(snap.discount_total)}"
            if snap.discount_total
            else format_money(snap.discount_total)
        )
        v["ticketSaved"].setText(format_money(snap.saved))
        v["ticketTax"].setText(format_money(snap.tax_total))
        v["ticketTotal"].setText(format_money(snap.remaining if snap.tenders else snap.total))
        # The labels have a fixed size, so a new amount repaints them without laying the window out
        # again (a QLabel's new text did, on every scan: bench/ui_scan.py); the values column only
        # widens, when an amount needs it, and is sized afresh for each ticket (`_fit_totals`).
        widest = max(label.sizeHint().width() for label in v.values())
        if widest > self._totals_width:
            self._fix_totals_width(widest)

    def _fit_totals(self) -> None:
        """Values as tall as their font needs and as wide as the widest shows now; right-aligned in
        one column as wide as the widest, so every amount ends at the panel's edge as before."""
        for label in self.total_values.values():
            label.ensurePolished()
            label.setFixedHeight(label.sizeHint().height())
        self._fix_totals_width(max(label.sizeHint().width() for label in self.total_values.values()))

    def _fix_totals_width(self, width: int) -> None:
        self._totals_width = width
        for label in self.total_values.values():
            label.setFixedWidth(width)

    def show_error(self, error: BaseException) -> None:
        self.notices.error(describe(error))
        self.scan_input.clear()
        self.focus_scan()

    # -- selection -----------------------------------------------------------------------
    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.cart.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.cart.scrollTo(index)

    def _move_selection(self, step: int) -> None:
        if not self.model.rowCount():
            return
        current = self.cart.currentIndex().row()
        row = min(
            max((current if current >= 0 else self.model.rowCount()) + step, 0), self.model.rowCount() - 1
        )
        self._select_row(row)

    def selected_line(self) -> Any:
        index = self.cart.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.line_at(index.row())

    def line_name(self, line: Any) -> str:
        """The line's name in the cart's language."""
        return line.name_en if self.model.english_names and line.name_en else line.name

    # -- actions -------------------------------------------------------------------------
    def trigger(self, action_id: str) -> None:
        button = self.buttons.get(action_id, self.return_button if action_id == "return" else None)  # undo: no button
        if not self.isVisible() or (button is not None and not button.isEnabled()):
            return
        self._actions[action_id]()

    def scan(self, code: str) -> None:
        self.scan_input.clear()
        self.controller.scan(code)

    def _typed_code(self) -> None:
        self.scan(self.scan_input.text())

    # -- why didn't a promotion apply (a manager's question from the line's menu) ---------------
    def _line_menu(self, pos: Any) -> None:
        index = self.cart.indexAt(pos)
        if not index.isValid():
            return
        line = self.model.line_at(index.row())
        menu = QMenu(self.cart)
        menu.setObjectName("cartLineMenu")
        why = menu.addAction(self.tr("Why no promotion?"))
        why.setObjectName("whyNoPromotion")
        why.triggered.connect(lambda: self.controller.explain_promotions(line.line_id))
        menu.popup(self.cart.viewport().mapToGlobal(pos))

    def set_business_date(self, day: Any, today: Any = None) -> None:
        """Show the business date in a banner when it is not the calendar date (past midnight,
        or the next day after a Z); `day` None (no shift) hides it."""
        self._business_date = day
        today = today or datetime.now().astimezone().date()
        self.business_banner.setVisible(day is not None and day != today)
        if day is not None:
            self.business_banner.setText(
                self.tr("Business day {0} (calendar date {1})").format(day.isoformat(), today.isoformat())
            )

    # -- i18n ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self._business_date is not None:
            self.set_business_date(self._business_date)
        self.scan_input.setPlaceholderText(self.tr("Scan or key in a barcode, then Enter"))
        for action in SALE_ACTIONS:
            self.buttons[action.id].setText(f"{action.label()}\n{action.key}")
        label = self.tr("Return / exchange")
        self.return_button.setText(f"{label}  {RETURN_KEY}")
        self.member_panel.retranslate()
        captions = {
            "ticketItems": self.tr("Items"),
            "ticketSubtotal": self.tr("Subtotal"),
            "ticketDiscount": self.tr("Discount"),
            "ticketSaved": self.tr("You save"),
            "ticketTax": self.tr("Incl. tax"),
            "ticketTotal": self.tr("To pay"),
        }
        for name, text in captions.items():
            self.total_captions[name].setText(text)
        self.model.retranslate(english_names())
        self._fit_cells()

    def _fit_cells(self) -> None:
        """Rows tall enough to touch; number columns as wide as their title or a typical value.

        Sizing columns to their contents re-measured every visible row on every scan (a large
        share of the scan-to-paint time, bench/ui_scan.py) and made the columns jump; instead a
        column only ever widens, when a value first needs it (`_widen_columns`)."""
        self.cart.ensurePolished()
        cells, titles = self.cart.fontMetrics(), self.cart.horizontalHeader().fontMetrics()
        self.cart.verticalHeader().setDefaultSectionSize(max(cells.height() + 16, 44))
        self._cell_padding = 4 * self.cart.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        self._widest_number_char = max(cells.horizontalAdvance(char) for char in NUMBER_CHARS) + 1
        for column, text in CartModel.TYPICAL_TEXT.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(cells.horizontalAdvance(text), titles.horizontalAdvance(title)) + self._cell_padding
            self.cart.horizontalHeader().resizeSection(column, width)
        self._widen_columns(self.model.lines())
        self._fit_totals()

    def _widen_columns(self, lines: Any) -> None:
        """Widen a number column that cannot show a value whole; columns never narrow mid-ticket.
        An amount made of digits, separators and currency symbols is measured only when it could
        be too wide (its length times the widest such character): laying text out is a large part
        of a scan's UI time on a slow till (bench/ui_scan.py)."""
        header, metrics, padding = self.cart.horizontalHeader(), self.cart.fontMetrics(), self._cell_padding
        widest_char = self._widest_number_char
        columns = CartModel.NUMBER_COLUMNS
        sizes = [header.sectionSize(column) for column in columns]
        for line in lines:
            for i, column in enumerate(columns):
                text = self.model.text(line, column)
                if len(text) * widest_char + padding <= sizes[i] and not text.strip(NUMBER_CHARS):
                    continue  # fits whatever its characters
                needed = metrics.horizontalAdvance(text) + padding
                if needed > sizes[i]:
                    header.resizeSection(column, needed)
                    sizes[i] = needed

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_cells()
        super().changeEvent(event)

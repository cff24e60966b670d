"""The clerk's pickup console: the queue by state, one order's lines, a scan field and actions.

A standalone widget taking the AppContext (it uses `ctx.pickup`, `ctx.auth`, and `ctx.printing` /
`ctx.sync` when present), so the main window can add it as a screen. Every service call runs in
the serial worker; a refusal shows a notice and beeps and changes nothing. Scanner bursts are typed
into the scan field (`scanPassthrough`), so the window's scan routing is not needed here.

Over 500 lines because the twelve actions, their keys and the order panel all work on the one
selection; its dialogs are in `pickup_dialogs`, and the next split is a controller for the actions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import PickupClaimedElsewhere
from pos_app.services.pickup_documents import bag_labels, pick_list
from pos_app.ui.cart_model import format_money
from pos_app.ui.dialogs import ManagerOverrideDialog
from pos_app.ui.messages import describe
from pos_app.ui.notices import NoticeBar, beep
from pos_app.ui.pickup_dialogs import BagCountDialog, ReasonDialog
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.shortcuts import PICKUP_ACTIONS
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession

# Tabs of the queue: a status, "overdue", or "" for every order.
TABS = ("", "new", "picking", "ready", "partially_collected", "overdue", "collected", "cancelled", "expired")
OVERDUE_BRUSH = QBrush(QColor("#ffd9d6"))



def _when(at: datetime) -> str:
    """A deadline as the queue shows it: the time today, the date too otherwise."""
    local = at.astimezone()
    return local.strftime("%H:%M" if local.date() == datetime.now().astimezone().date() else "%m-%d %H:%M")


def _qty(value: Any) -> str:
    return format(value.normalize(), "f")


class PickupScreen(QWidget):
    """`activate(session)` after sign-in; `scan(code)` for codes routed from elsewhere."""

    noticesArrived = Signal(object)  # list[PickupNotice], emitted from the sync thread
    helpRequested = Signal()  # F1: the main window shows the pickup keys
    checkoutRequested = Signal()  # a pay-at-store order is on the ticket: go to the sale screen
    newOrdersCounted = Signal(int)  # orders waiting to be picked, after each reload (the button's badge)

    ACTIONS = tuple(a.id for a in PICKUP_ACTIONS if a.id != "help")

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner | None = None,
        notices: NoticeBar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pickupScreen")
        self.setProperty(PASSTHROUGH_PROPERTY, True)  # a scanner burst lands in the scan field
        self.ctx = ctx
        self._pickup = ctx.pickup
        self._runner = runner or TaskRunner(self, max_threads=1)
        own_notices = notices is None
        self.notices = notices or NoticeBar(self)
        self.queue: Any = None
        self.selected_id: str | None = None

        self.tabs = QTabBar(self)
        self.tabs.setObjectName("pickupTabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for _ in TABS:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(lambda _i: self._show_queue())

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("pickupQueue")
        self._table_setup(self.table)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.title = QLabel(self)
        self.title.setObjectName("pickupOrderTitle")
        self.title.setProperty("role", "caption")
        self.title.setWordWrap(True)
        self.note = QLabel(self)  # the customer's note (e.g. 请多套一个袋子): the clerk must see it
        self.note.setObjectName("pickupOrderNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #fff2b3; padding: 4px;")
        self.due = QLabel(self)  # pay at store: what the ticked lines cost
        self.due.setObjectName("pickupAmountDue")
        self.due.setWordWrap(True)  # never widens the column: the queue keeps its Status and Deadline
        self.due.setStyleSheet("font-weight: bold;")
        self.lines = QTableWidget(0, 5, self)
        self.lines.setObjectName("pickupLines")
        self._table_setup(self.lines)
        self.lines.itemChanged.connect(lambda _item: self._show_due(self._current()))

        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("pickupScanInput")
        self.scan_input.setProperty("role", "scan")
        self.scan_input.returnPressed.connect(lambda: self.scan(self.scan_input.text()))
        self.scan_input.installEventFilter(self)

        self.buttons: dict[str, QPushButton] = {}
        handlers: dict[str, Callable[[], None]] = {
            "start": self.start_picking,
            "stop": self.stop_picking,
            "short": self.short_pick,
            "pickList": self.print_pick_list,
            "bagLabel": self.print_bag_labels,
            "ready": self.mark_ready,
            "verify": self.verify_typed,
            "handOver": self.hand_over,
            "pay": self.take_payment,
            "cancelLine": self.cancel_line,
            "expire": self.expire,
            "unlock": self.unlock,
            "bags": self.set_bag_count,
        }
        for action in PICKUP_ACTIONS:
            shortcut = QShortcut(QKeySequence(action.key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(
                self.helpRequested.emit if action.id == "help" else (lambda a=action.id: self.trigger(a))
            )
        self._handlers = handlers
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, name in enumerate(self.ACTIONS):
            b = QPushButton(self)
            b.setObjectName(f"pickup{name[0].upper()}{name[1:]}")
            b.setProperty("role", "primary" if name in ("ready", "handOver") else "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(handlers[name])
            self.buttons[name] = b
            grid.addWidget(b, i // 3, i % 3)  # three columns: the longest label fits at 1024 px
            grid.setColumnStretch(i % 3, 1)

        self.tabs.setExpanding(False)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.note)
        right.addWidget(self.due)
        right.addWidget(self.scan_input)
        right.addWidget(self.lines, 1)
        right.addLayout(grid)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        if own_notices:
            outer.addWidget(self.notices)
        outer.addWidget(self.tabs)
        outer.addLayout(body, 1)

        self.noticesArrived.connect(self._announce)
        self._listener = self.noticesArrived.emit
        self._pickup.listeners.append(self._listener)
        self.retranslate()
        self._show_order(None)

    def detach(self) -> None:
        """Stop listening to the service (the screen is going away; the service stays)."""
        if self._listener in self._pickup.listeners:
            self._pickup.listeners.remove(self._listener)

    @staticmethod
    def _table_setup(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            1 if table.objectName() == "pickupQueue" else 0, QHeaderView.ResizeMode.Stretch
        )
        header.setMinimumSectionSize(40)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.setWordWrap(False)

    # -- lifecycle ------------------------------------------------------------------------
    def activate(self, session: StaffSession | None = None) -> None:
        if session is not None:
            self._runner.submit(self._pickup.set_user, session, on_error=self.show_error)
        self.reload()
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self._runner.submit(self._pickup.queue, on_result=self._set_queue, on_error=self.show_error)

    def _set_queue(self, queue: Any) -> None:
        self.queue = queue
        for i, key in enumerate(TABS):
            count = sum(queue.counts.values()) - queue.counts["overdue"] if key == "" else queue.counts[key]
            self.tabs.setTabText(i, f"{self._tab_name(key)} ({count})")
        self._show_queue()
        self.newOrdersCounted.emit(queue.counts.get("new", 0))

    def _visible_orders(self) -> list[Any]:
        if self.queue is None:
            return []
        key = TABS[self.tabs.currentIndex()]
        if key == "":
            return list(self.queue.orders)
        if key == "overdue":
            return [o for o in self.queue.orders if o.overdue]
        return [o for o in self.queue.orders if o.status.value == key]

    def _show_queue(self) -> None:
        orders = self._visible_orders()
        self.table.blockSignals(True)
        self.table.setRowCount(len(orders))
        for row, o in enumerate(orders):
            cells = (  # the phone shares the customer's column: Status and Deadline fit at 1024 px
                o.order_no,
                f"{o.customer_name} {o.phone_masked}",
                self._status_name(o.status.value),
                _when(o.pickup_deadline),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(("⚠ " if o.overdue and col == 0 else "") + text)
                item.setData(Qt.ItemDataRole.UserRole, o.order_id)
                if o.overdue:
                    item.setBackground(OVERDUE_BRUSH)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        ids = [o.order_id for o in orders]
        if self.selected_id in ids:
            self.table.selectRow(ids.index(self.selected_id))
        self._show_order(self._current())

    def _current(self) -> Any:
        if self.queue is None or self.selected_id is None:
            return None
        return next((o for o in self.queue.orders if o.order_id == self.selected_id), None)

    def _selection_changed(self) -> None:
        items = self.table.selectedItems()
        self.selected_id = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        self._show_order(self._current())

    def _show_order(self, o: Any) -> None:
        self.lines.setRowCount(0 if o is None else len(o.lines))
        if o is None:
            self.title.setText(self.tr("Select an order on the left, or scan the customer's pickup code."))
        else:
            pay = self.tr("pay at store") if o.payment == "pay_at_store" else self.tr("paid online")
            extra = "  ⚠ " + self.tr("overdue") if o.overdue else ""
            self.title.setText(
                self.tr("{0} · {1} {2} · {3} · {4} · until {5}{6}").format(
                    o.order_no,
                    o.customer_name,
                    o.phone_masked,
                    self._status_name(o.status.value),
                    pay,
                    o.pickup_deadline.astimezone().strftime("%H:%M"),
                    extra,
                )
            )
            for row, ln in enumerate(o.lines):
                check = QTableWidgetItem(ln.name)
                check.setData(Qt.ItemDataRole.UserRole, ln.line_id)
                if ln.outstanding > 0 and o.status.value in ("ready", "partially_collected"):
                    check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    check.setCheckState(Qt.CheckState.Checked)
                note = ln.short_reason or ln.cancel_reason
                unit = self.tr("pcs") if ln.unit == "pcs" else self.tr("kg")
                cells = (f"{_qty(ln.quantity)} {unit}", _qty(ln.picked), _qty(ln.handed_over), note)
                self.lines.setItem(row, 0, check)
                for col, text in enumerate(cells, 1):
                    self.lines.setItem(row, col, QTableWidgetItem(text))
        notes = [] if o is None else [
            *(["⚠ " + self.tr("being picked at till {0}").format(o.picked_elsewhere)] if o.picked_elsewhere else []),
            *([self.tr("Customer's note: {0}").format(o.notes)] if o.notes else []),
        ]
        self.note.setVisible(bool(notes))
        self.note.setText("\n".join(notes))
        self._show_due(o)
        status = o.status.value if o is not None else ""
        enabled = {
            "start": status == "new" or (status == "picking" and o.picking_elsewhere),  # take it over
            "stop": status == "picking" and not o.picking_elsewhere,
            "short": status == "picking" and not o.picking_elsewhere,
            "ready": status == "picking" and not o.picking_elsewhere,
            "pickList": o is not None,
            "bagLabel": status in ("ready", "partially_collected"),
            "verify": True,
            "handOver": status in ("ready", "partially_collected") and o.payment == "paid_online",
            "pay": status in ("ready", "partially_collected") and o.payment == "pay_at_store",
            "cancelLine": status in ("ready", "partially_collected"),
            "expire": o is not None and o.overdue,
            "unlock": (o is not None and o.locked) or bool(self.queue is not None and self.queue.bare_codes_locked),
            "bags": status in ("picking", "ready", "partially_collected"),
        }
        for name, on in enabled.items():
            self.buttons[name].setEnabled(bool(on))
        # The manager's unlock sits alone on the last row: shown only when something is locked, so
        # the order's lines keep their room at 1024x768.
        self.buttons["unlock"].setVisible(bool(enabled["unlock"]))

    def _show_due(self, o: Any) -> None:
        """Pay at store: the amount of the ticked lines, which Take payment puts on the ticket."""
        open_ = o is not None and o.pay_at_store and o.status.value in ("ready", "partially_collected")
        self.due.setVisible(open_)
        if open_:
            ticked = self.checked_quantities()
            amount = sum((o.line(lid).price * q for lid, q in ticked.items()), Decimal(0))
            self.due.setText(
                self.tr("Pay at store: {0} due for the ticked lines ({1} for all outstanding).").format(
                    format_money(amount), format_money(o.amount_due)
                )
            )

    def _selected_line_id(self) -> str | None:
        row = self.lines.currentRow()
        item = self.lines.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def checked_quantities(self) -> dict[str, Any]:
        o = self._current()
        out: dict[str, Any] = {}
        if o is None:
            return out
        for row in range(self.lines.rowCount()):
            item = self.lines.item(row, 0)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                line_id = item.data(Qt.ItemDataRole.UserRole)
                out[line_id] = o.line(line_id).outstanding
        return out

    # -- calls ----------------------------------------------------------------------------
    def _call(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None] | None = None,
              failed: Callable[[BaseException], None] | None = None) -> None:
        def ok(result: Any) -> None:
            if done is not None:
                done(result)
            sync = getattr(self.ctx, "sync", None)
            if sync is not None:
                sync.nudge()
            self.reload()

        self._runner.submit(fn, *args, on_result=ok, on_error=failed or self.show_error)

    def show_error(self, error: BaseException) -> None:
        self.notices.error(describe(error))
        self.scan_input.clear()
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _need_order(self) -> str | None:
        if self.selected_id is None:
            self.notices.warning(self.tr("Select an order first."))
        return self.selected_id

    def scan(self, code: str) -> None:
        self.scan_input.clear()
        code = code.strip()
        if code:
            self._call(self._pickup.scan, code, self.selected_id, done=self._scanned)

    def _scanned(self, outcome: Any) -> None:
        if outcome.kind == "verified":
            self._verified(outcome.order)
        else:
            self.selected_id = outcome.order.order_id
            self.notices.info(
                self.tr("Picked {0} × {1}.").format(
                    outcome.order.line(outcome.line_id).name, _qty(outcome.quantity)
                )
            )

    def _verified(self, o: Any) -> None:
        self.selected_id = o.order_id
        self.tabs.setCurrentIndex(0)
        if o.pay_at_store:
            text = self.tr("Code correct: order {0} for {1}. {2} due: press Take payment (F12).").format(
                o.order_no, o.customer_name, format_money(o.amount_due)
            )
        else:
            text = self.tr("Code correct: order {0} for {1}. Hand over the ticked lines (F10).").format(
                o.order_no, o.customer_name
            )
        self.notices.info(text)

    def verify_typed(self) -> None:
        code = self.scan_input.text().strip()
        if not code:
            self.notices.warning(self.tr("Key in the customer's 6-digit code, then press Check code."))
            return
        self.scan_input.clear()
        self._call(self._pickup.verify_code, code, self.selected_id, done=self._verified)

    def start_picking(self) -> None:
        if self._need_order():
            self._call(self._pickup.start_picking, self.selected_id, failed=self._offer_takeover)

    def _offer_takeover(self, error: BaseException) -> None:
        """Another till holds the order: say so, and let a manager take it over."""
        self.show_error(error)
        o = self._current()
        if isinstance(error, PickupClaimedElsewhere) and o is not None:
            self._approved(self.tr("Take order {0} over from the other till").format(o.order_no),
                           lambda approval: self._call(self._pickup.start_picking, o.order_id, approval))

    def stop_picking(self) -> None:
        """Goods back on the shelf; the order is new again and free for any till."""
        if self._need_order():
            self._call(self._pickup.stop_picking, self.selected_id)

    def mark_ready(self) -> None:
        if self._need_order():
            self._call(
                self._pickup.mark_ready,
                self.selected_id,
                done=lambda o: self.notices.info(
                    self.tr("Order {0} is ready for pickup.").format(o.order_no)
                ),
            )

    def _reason(self, title: str, prompt: str, reasons: list[str]) -> str | None:
        dialog = ReasonDialog(title, prompt, reasons, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)
        return dialog.text() if accepted else None

    def short_pick(self) -> None:
        self._line_with_reason(
            self._pickup.short_pick,
            self.tr("Short pick"),
            self.tr("Why is less than ordered picked?"),
            [self.tr("Out of stock"), self.tr("Damaged"), self.tr("Expired on the shelf")],
        )

    def cancel_line(self) -> None:
        self._line_with_reason(
            self._pickup.cancel_line,
            self.tr("Cancel line"),
            self.tr("Why is this line not handed over?"),
            [self.tr("Customer does not want it"), self.tr("Damaged")],
        )

    def _line_with_reason(self, action: Callable[..., Any], title: str, prompt: str, reasons: list[str]) -> None:
        """Act on the selected line of the selected order once the clerk gave a reason."""
        line_id = self._selected_line_id()
        if self._need_order() is None:
            return
        if line_id is None:
            self.notices.warning(self.tr("Select a line first."))
            return
        reason = self._reason(title, prompt, reasons)
        if reason is not None:
            self._call(action, self.selected_id, line_id, reason)

    def hand_over(self) -> None:
        if self._need_order():
            self._call(
                self._pickup.hand_over,
                self.selected_id,
                self.checked_quantities(),
                done=self._handed_over,
            )

    def _handed_over(self, o: Any) -> None:
        if o.status.value == "partially_collected":
            self.notices.info(
                self.tr("Part of order {0} handed over; the rest stays on the pickup shelf.").format(o.order_no)
            )
        else:
            self.notices.info(self.tr("Order {0} handed over.").format(o.order_no))

    def take_payment(self) -> None:
        if self._need_order():
            self._call(
                self._pickup.start_payment,
                self.selected_id,
                self.checked_quantities(),
                done=self._payment_started,
            )

    def _payment_started(self, _snap: Any) -> None:
        self.notices.info(self.tr("The order is on the checkout ticket: take the payment on the sale screen."))
        self.checkoutRequested.emit()

    def set_bag_count(self) -> None:
        o = self._current()
        if o is None:
            self._need_order()
            return
        dialog = BagCountDialog(o.bag_count, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)
        if accepted:
            self._call(self._pickup.set_bag_count, o.order_id, dialog.count.value())

    # -- keys -----------------------------------------------------------------------------
    def trigger(self, action: str) -> None:
        """A key or a button: only what the order's state allows (the button is enabled)."""
        if self.buttons[action].isEnabled():
            self._handlers[action]()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """In the scan field: arrows move among the lines, Page keys among the orders, Space
        (with the field empty) ticks the selected line."""
        if obj is self.scan_input and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                return self._step(self.lines, -1 if key == Qt.Key.Key_Up else 1)
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                return self._step(self.table, -1 if key == Qt.Key.Key_PageUp else 1)
            if key == Qt.Key.Key_Space and not self.scan_input.text():
                item = self.lines.item(self.lines.currentRow(), 0) if self.lines.currentRow() >= 0 else None
                if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    checked = item.checkState() == Qt.CheckState.Checked
                    item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                return True
        return super().eventFilter(obj, event)

    @staticmethod
    def _step(table: QTableWidget, delta: int) -> bool:
        if table.rowCount():
            row = min(max(table.currentRow() + delta, 0), table.rowCount() - 1)
            table.selectRow(row)
            table.setCurrentCell(row, 0)
        return True

    def _print(self, documents: Callable[[Any], list[Any]], kind: str) -> None:
        o = self._current()
        printing = getattr(self.ctx, "printing", None)
        if o is None or printing is None:
            return
        for document in documents(o):
            self._runner.submit(printing.submit, document, kind=kind, on_error=self.show_error)
        self.notices.info(self.tr("Sent to the printer."))

    def print_pick_list(self) -> None:
        self._print(lambda o: [pick_list(o)], "pick_list")

    def print_bag_labels(self) -> None:
        self._print(bag_labels, "label")

    def _approved(self, action_text: str, then: Callable[[Any], None]) -> None:
        dialog = ManagerOverrideDialog(
            self.ctx.auth, self._runner, "pickup_manage", action_text, action_text, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.approval is not None:
            then(dialog.approval)
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def expire(self) -> None:
        o = self._current()
        if o is not None:
            self._approved(
                self.tr("Expire order {0}: goods back to stock").format(o.order_no),
                lambda approval: self._call(self._pickup.expire, o.order_id, approval),
            )

    def unlock(self) -> None:
        o = self._current()
        if (o is None or not o.locked) and self.queue is not None and self.queue.bare_codes_locked:
            self._approved(
                self.tr("Unlock typing pickup codes without an order"),
                lambda approval: self._call(self._pickup.unlock_bare_codes, approval),
            )
        elif o is not None:
            self._approved(
                self.tr("Unlock order {0} after wrong codes").format(o.order_no),
                lambda approval: self._call(self._pickup.unlock, o.order_id, approval),
            )

    # -- notifications from the sync thread -----------------------------------------------
    def _announce(self, notices: list[Any]) -> None:
        new = [n.order_no for n in notices if n.kind == "new"]
        gone = [n.order_no for n in notices if n.kind == "cancelled"]
        if gone:
            self.notices.error(
                self.tr("Cancelled online: {0}. Put the goods back on the shelf.").format(", ".join(gone))
            )
        elif new:
            if self.ctx.config.pickup_alert_sound:
                beep()
            self.notices.info(self.tr("New pickup order: {0}").format(", ".join(new)))
        self.reload()

    # -- i18n -----------------------------------------------------------------------------
    def _status_name(self, status: str) -> str:
        return {
            "new": self.tr("New"),
            "picking": self.tr("Picking"),
            "ready": self.tr("Ready"),
            "partially_collected": self.tr("Partly collected"),
            "collected": self.tr("Collected"),
            "cancelled": self.tr("Cancelled"),
            "expired": self.tr("Expired"),
        }.get(status, status)

    def _tab_name(self, key: str) -> str:
        if key == "":
            return self.tr("All")
        if key == "overdue":
            return self.tr("Overdue")
        return self._status_name(key)

    def retranslate(self) -> None:
        self.scan_input.setPlaceholderText(self.tr("Scan an item or a pickup code"))
        for action in PICKUP_ACTIONS:
            if action.id in self.buttons:
                self.buttons[action.id].setText(f"{action.label()}\n{action.key}")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Customer"), self.tr("Status"), self.tr("Deadline")]
        )
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Ordered"), self.tr("Picked"), self.tr("Handed\nover"), self.tr("Note")]
        )
        if self.queue is not None:
            self._set_queue(self.queue)
        else:
            for i, key in enumerate(TABS):
                self.tabs.setTabText(i, self._tab_name(key))
            self._show_order(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""Payment: amount due in large type, quick cash, split tenders, complete, change.

Tenders and completion go through the checkout service in the serial worker. Complete is
disabled the moment it is pressed and the dialog refuses to submit twice, so a double click
cannot create a second sale.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.notices import beep
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.widgets import Keypad
from pos_app.ui.workers import TaskRunner

QUICK_CASH_STEPS = (10, 50, 100)


def next_multiple(amount: Decimal, step: int) -> Decimal:
    """Smallest multiple of `step` that covers `amount` (the note the customer will likely hand over)."""
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


class PaymentDialog(QDialog):
    """`completed(sale)` after the sale was written; the dialog then shows the change."""

    completed = Signal(object)

    def __init__(
        self, checkout: Any, runner: TaskRunner, snapshot: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self._checkout, self._runner = checkout, runner
        self.snapshot = snapshot
        self.sale: Any = None
        self._completing = False

        self.due_caption = QLabel(self)
        self.due = QLabel(self)
        self.due.setObjectName("amountDue")
        self.due.setProperty("role", "bigTotal")
        self.remaining = QLabel(self)
        self.remaining.setObjectName("remainingDue")
        self.remaining.setProperty("role", "subTotal")
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        self.amount = QLineEdit(self)
        self.amount.setObjectName("tenderAmount")
        self.amount.setProperty("role", "bigInput")
        self.amount.returnPressed.connect(lambda: self.add_tender("cash"))
        self.reference = QLineEdit(self)
        self.reference.setObjectName("tenderReference")
        self.reference.setProperty(PASSTHROUGH_PROPERTY, True)  # slip barcodes may be scanned in
        self.reference.returnPressed.connect(lambda: self.add_tender("card"))

        self.quick: dict[str, QPushButton] = {}
        quick_row = QHBoxLayout()
        for name in ("quickExact", *(f"quickNext{s}" for s in QUICK_CASH_STEPS)):
            button = QPushButton(self)
            button.setObjectName(name)
            button.setProperty("role", "quick")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, n=name: self._quick(n))
            quick_row.addWidget(button)
            self.quick[name] = button

        self.cash = self._big_button("tenderCash", lambda: self.add_tender("cash"))
        self.card = self._big_button("tenderCard", lambda: self.add_tender("card"))
        self.tenders = QListWidget(self)
        self.tenders.setObjectName("tenderList")
        self.tenders.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove = QPushButton(self)
        self.remove.setObjectName("removeTender")
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.clicked.connect(self.remove_selected)
        self.complete_button = self._big_button("completeSaleButton", self.complete)
        self.complete_button.setProperty("role", "primary")
        self.change_caption = QLabel(self)
        self.change = QLabel(self)
        self.change.setObjectName("changeDue")
        self.change.setProperty("role", "bigTotal")
        self.receipt_no = QLabel(self)
        self.receipt_no.setObjectName("receiptNumber")
        self.close_button = self._big_button("paymentClose", self.close_dialog)

        left_pane = QWidget(self)
        left_pane.setMinimumWidth(460)
        left = QVBoxLayout(left_pane)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.due_caption)
        left.addWidget(self.due)
        left.addWidget(self.remaining)
        left.addWidget(self.message)
        left.addLayout(quick_row)
        left.addWidget(self.amount)
        self.keypad = Keypad(self.amount, self, with_dot=True)
        left.addWidget(self.keypad)
        left.addStretch(1)
        right = QVBoxLayout()
        grid = QGridLayout()
        grid.addWidget(self.cash, 0, 0)
        grid.addWidget(self.card, 0, 1)
        grid.addWidget(self.reference, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        right.addLayout(grid)
        right.addWidget(self.tenders, 1)
        right.addWidget(self.remove)
        right.addWidget(self.change_caption)
        right.addWidget(self.change)
        right.addWidget(self.receipt_no)
        right.addWidget(self.complete_button)
        right.addWidget(self.close_button)
        body = QHBoxLayout(self)
        body.addWidget(left_pane, 1)
        body.addLayout(right, 1)
        self.resize(980, 640)
        self.retranslate()
        self.show_snapshot(snapshot)

    def _big_button(self, name: str, slot: Any) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.setProperty("role", "action")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    # -- rendering -----------------------------------------------------------------------
    def show_snapshot(self, snap: Any) -> None:
        self.snapshot = snap
        self.due.setText(format_money(snap.total + snap.rounding if snap.is_paid else snap.total))
        self.remaining.setText(
            self.tr("Still due: {0}   (cash: {1})").format(
                format_money(snap.remaining), format_money(snap.cash_due)
            )
        )
        self.tenders.clear()
        for t in snap.tenders:
            text = f"{self._kind_name(t.kind)}  {format_money(t.tendered)}"
            if t.reference:
                text += f"  #{t.reference}"
            if t.change:
                text += "  " + self.tr("change {0}").format(format_money(t.change))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.tender_id)
            self.tenders.addItem(item)
        paid = bool(snap.is_paid)
        done = self.sale is not None
        due = snap.cash_due
        self.quick["quickExact"].setText(self.tr("Exact {0}").format(format_money(due)))
        for step in QUICK_CASH_STEPS:
            self.quick[f"quickNext{step}"].setText(format_money(next_multiple(due, step)))
        for w in (*self.quick.values(), self.cash, self.card, self.amount, self.reference):
            w.setEnabled(not paid and not done)
            w.setVisible(not paid)
        self.remaining.setVisible(not paid)
        self.keypad.setVisible(not paid)
        self.remove.setEnabled(not done and bool(snap.tenders))
        self.complete_button.setEnabled(paid and not done and not self._completing)
        self.complete_button.setVisible(not done)
        self.change_caption.setVisible(paid)
        self.change.setVisible(paid)
        self.close_button.setProperty("role", "primary" if done else "action")
        self.close_button.style().unpolish(self.close_button)
        self.close_button.style().polish(self.close_button)
        if paid:
            self.change.setText(format_money(snap.change))
        else:
            self.amount.setText(f"{due:.2f}")
            self.amount.selectAll()
            self.amount.setFocus()

    def _kind_name(self, kind: str) -> str:
        return {"cash": self.tr("Cash"), "card": self.tr("Bank card")}.get(kind, kind)

    # -- actions -------------------------------------------------------------------------
    def _quick(self, name: str) -> None:
        due = self.snapshot.cash_due
        value = due if name == "quickExact" else next_multiple(due, int(name.removeprefix("quickNext")))
        self.amount.setText(f"{value:.2f}")
        self.add_tender("cash")

    def add_tender(self, kind: str) -> None:
        if self.sale is not None or self._completing:
            return
        text = self.amount.text().strip()
        reference = self.reference.text().strip() if kind == "card" else None
        if kind == "card" and not reference:
            self._error(self.tr("Key in the reference number from the card terminal slip."))
            self.reference.setFocus()
            return
        self._set_busy(True)
        self._runner.submit(
            self._checkout.add_tender, kind, text, reference, on_result=self._tendered, on_error=self._failed
        )

    def _tendered(self, snap: Any) -> None:
        self._set_busy(False)
        self.message.clear()
        self.reference.clear()
        self.show_snapshot(snap)

    def remove_selected(self) -> None:
        item = self.tenders.currentItem() or (
            self.tenders.item(self.tenders.count() - 1) if self.tenders.count() else None
        )
        if item is None or self.sale is not None or self._completing:
            return
        self._set_busy(True)
        self._runner.submit(
            self._checkout.remove_tender,
            item.data(Qt.ItemDataRole.UserRole),
            on_result=self._tendered,
            on_error=self._failed,
        )

    def complete(self) -> None:
        if self._completing or self.sale is not None:
            return  # the second click of a double click
        self._completing = True
        self.complete_button.setEnabled(False)
        # The ticket id makes a repeated complete return the same sale instead of a second one.
        self._runner.submit(
            self._checkout.complete,
            self.snapshot.ticket_id,
            on_result=self._completed,
            on_error=self._complete_failed,
        )

    def _completed(self, sale: Any) -> None:
        self.sale = sale
        self._completing = False
        self.change.setText(format_money(sale.change))
        self.receipt_no.setText(self.tr("Receipt {0}").format(sale.receipt_no))
        self.show_snapshot(sale.snapshot)
        self.change.setText(format_money(sale.change))
        self.close_button.setText(self.tr("New sale (Enter)"))
        self.close_button.setFocus()
        self.completed.emit(sale)

    def _complete_failed(self, error: BaseException) -> None:
        self._completing = False
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._error(describe(error))
        self.show_snapshot(self.snapshot)

    def _error(self, text: str) -> None:
        self.message.setText(text)
        beep()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.cash, self.card, self.remove, *self.quick.values()):
            w.setEnabled(not busy)

    def closes_on_scan(self) -> bool:
        """Once the change is shown, a scan means the next customer: the window closes the dialog
        and starts the next sale with that item."""
        return self.sale is not None and not self._completing

    def close_dialog(self) -> None:
        if self._completing:
            return  # never leave while the sale is being written
        if self.sale is not None:
            self.accept()
        else:
            self.reject()

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.sale is not None:
                self.accept()
            elif self.complete_button.isEnabled():
                self.complete()
            return
        if key == Qt.Key.Key_Escape and self._completing:
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._completing:
            return
        if self.sale is not None:
            self.accept()
            return
        super().reject()

    # -- i18n ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Payment"))
        self.due_caption.setText(self.tr("Amount due"))
        self.amount.setPlaceholderText(self.tr("Amount received"))
        self.reference.setPlaceholderText(self.tr("Card slip reference no."))
        self.cash.setText(self.tr("Cash (Enter)"))
        self.card.setText(self.tr("Bank card"))
        self.remove.setText(self.tr("Remove payment"))
        self.complete_button.setText(self.tr("Complete sale"))
        self.change_caption.setText(self.tr("Change"))
        self.close_button.setText(
            self.tr("New sale (Enter)") if self.sale is not None else self.tr("Back (Esc)")
        )
        self.show_snapshot(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

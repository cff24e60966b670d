"""Payment: amount due in large type, quick cash, split tenders, complete, change.

Wallet payments (F2, "Scan payment code"; F4, "Show QR to customer" for a dynamic QR the customer
scans, see `qr_payment.py`): the payment service runs the payment in the serial
worker while the dialog shows "waiting for the customer" with the seconds elapsed; Cancel asks the
service to reverse it (never to forget it). The service's per-step events reach the dialog through
a Qt signal (`_IntentBridge`), so worker threads never touch widgets.

Tenders and completion go through the checkout service in the serial worker. Complete is
disabled the moment it is pressed and the dialog refuses to submit twice, so a double click
cannot create a second sale.

Over 500 lines because cash, split tenders and the wallet wait are one dialog over one ticket
snapshot; the next split is the wallet wait as a widget of its own.
"""

from __future__ import annotations

import time
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
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
from pos_app.ui.qr_payment import QrPaymentPanel
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.shift_common import run_with_approval
from pos_app.ui.widgets import Keypad
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.payments import PaymentService

QUICK_CASH_STEPS = (10, 50, 100)
# A scanned payment code typed into the amount field (the scanner types wherever the focus is).
PAYMENT_CODE_MIN_DIGITS = 16


def next_multiple(amount: Decimal, step: int) -> Decimal:
    """Smallest multiple of `step` that covers `amount` (the note the customer will likely hand over)."""
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def quick_cash_amounts(due: Decimal) -> dict[str, Decimal]:
    """The quick-cash buttons to show: exact, then the next 10/50/100 notes, never one amount twice
    (for 14.50: exact, 20, 50, 100; for 50.00: exact and 100)."""
    shown = {"quickExact": due}
    for step in QUICK_CASH_STEPS:
        value = next_multiple(due, step)
        if value not in shown.values():
            shown[f"quickNext{step}"] = value
    return shown


class _IntentBridge(QObject):
    """The payment service calls listeners from its worker; this re-emits on the UI thread."""

    changed = Signal(object)


class PaymentDialog(QDialog):
    """`completed(sale)` after the sale was written; the dialog then shows the change."""

    completed = Signal(object)

    def __init__(
        self, checkout: CheckoutService, runner: TaskRunner, snapshot: Any, parent: QWidget | None = None,
        payments: PaymentService | None = None, member_tenders: Any = None, auth: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self._checkout, self._runner = checkout, runner
        self._payments = payments
        self._member_tenders = member_tenders  # points and stored value (a member on the ticket)
        self._auth = auth  # a manager's override of the offline stored-value caps
        self.snapshot = snapshot
        self.sale: Any = None
        self._completing = False
        self._waiting = False  # a wallet payment is running: only Cancel is allowed
        self._asking_qr = False  # the payment running is a dynamic QR (F4), not a scanned code
        self._intent: Any = None
        self._started = 0.0
        self._bridge = _IntentBridge(self)
        self._bridge.changed.connect(self._intent_changed)
        self._listener = self._bridge.changed.emit
        if payments is not None:
            payments.listeners.append(self._listener)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_waiting)

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
        self.card_hint = QLabel(self)
        self.card_hint.setObjectName("cardSlipHint")
        self.card_hint.setWordWrap(True)
        self.wallet = self._big_button("scanPaymentCode", self.focus_payment_code)
        self.wallet.setEnabled(payments is not None)
        self.code_field = QLineEdit(self)
        self.code_field.setObjectName("paymentCodeInput")
        self.code_field.setEchoMode(QLineEdit.EchoMode.Password)  # the code authorises a charge: never shown
        self.code_field.setProperty(PASSTHROUGH_PROPERTY, True)  # the scanner types the code here
        self.code_field.returnPressed.connect(self.pay_by_code)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("walletWaiting")
        self.waiting.setWordWrap(True)
        self.waiting.setProperty("role", "subTotal")
        self.cancel_wallet = QPushButton(self)
        self.cancel_wallet.setObjectName("cancelWalletPayment")
        self.cancel_wallet.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_wallet.clicked.connect(self.cancel_wallet_payment)
        self.qr_panel = QrPaymentPanel(self)  # F4: a dynamic QR the customer scans
        self.qr_panel.requested.connect(self.pay_by_qr)
        self.points = self._big_button("tenderPoints", lambda: self.add_member_tender("points"))
        self.stored_value = self._big_button("tenderStoredValue", lambda: self.add_member_tender("stored_value"))
        for button in (self.points, self.stored_value):
            button.setEnabled(member_tenders is not None)
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
        self.keypad = Keypad(self.amount, self, with_dot=True, four_rows=True)  # fits 768 px high
        left.addWidget(self.keypad)
        left.addStretch(1)
        right = QVBoxLayout()
        grid = QGridLayout()
        grid.addWidget(self.cash, 0, 0)
        grid.addWidget(self.card, 0, 1)
        grid.addWidget(self.reference, 1, 0, 1, 2)
        grid.addWidget(self.card_hint, 2, 0, 1, 2)
        grid.addWidget(self.wallet, 3, 0)
        grid.addWidget(self.code_field, 3, 1)
        grid.addWidget(self.qr_panel, 4, 0, 1, 2)
        grid.addWidget(self.waiting, 5, 0)
        grid.addWidget(self.cancel_wallet, 6, 0)
        grid.addWidget(self.qr_panel.copy, 5, 1, 2, 1)
        grid.addWidget(self.points, 7, 0)
        grid.addWidget(self.stored_value, 7, 1)
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
        amounts = quick_cash_amounts(due)
        for name, value in amounts.items():
            self.quick[name].setText(self.tr("Exact {0}").format(format_money(value)) if name == "quickExact"
                                     else format_money(value))
        for w in (*self.quick.values(), self.cash, self.card, self.amount, self.reference, self.card_hint,
                  self.wallet, self.code_field):
            w.setEnabled(not paid and not done and not self._waiting)
            w.setVisible(not paid)
        for name, button in self.quick.items():
            button.setVisible(not paid and name in amounts)
        self.wallet.setEnabled(self.wallet.isEnabled() and self._payments is not None)
        self.code_field.setEnabled(self.wallet.isEnabled())
        self.qr_panel.set_available(self.wallet.isEnabled())
        self.qr_panel.setVisible(not paid or self._waiting)
        for w in (self.reference, self.card_hint):  # room for the wait (and the QR's small copy)
            w.setVisible(not paid and not self._waiting)
        for w in (self.points, self.stored_value):
            w.setVisible(not self._waiting)
        self.waiting.setVisible(self._waiting)
        self.cancel_wallet.setVisible(self._waiting)
        self.remaining.setVisible(not paid)
        self.keypad.setVisible(not paid)
        self.remove.setEnabled(not done and bool(snap.tenders) and not self._waiting)
        self.complete_button.setEnabled(paid and not done and not self._completing and not self._waiting)
        self.complete_button.setVisible(not done)
        self.change_caption.setVisible(paid)
        self.change.setVisible(paid)
        self.close_button.setProperty("role", "primary" if done else "action")
        self.close_button.style().unpolish(self.close_button)
        self.close_button.style().polish(self.close_button)
        if paid:
            self.change.setText(format_money(snap.change))
        elif not self._waiting:
            self.amount.setText(f"{due:.2f}")
            self.amount.selectAll()
            self.amount.setFocus()

    def _kind_name(self, kind: str) -> str:
        return {"cash": self.tr("Cash"), "card": self.tr("Bank card"), "wechat_pay": self.tr("WeChat Pay"),
                "alipay": self.tr("Alipay"), "unionpay_qr": self.tr("UnionPay QR")}.get(kind, kind)

    # -- wallet payments (payment code) ---------------------------------------------------
    def focus_payment_code(self) -> None:
        """F2 / "Scan payment code": the next scan goes to the code field."""
        if self._payments is None or self._waiting or self.sale is not None:
            return
        self.message.setText(self.tr("Scan the customer's payment code now."))
        self.code_field.setFocus()

    def _wallet_amount(self) -> str:
        """What the cashier typed, or what is still due (the amount field shows the cash amount)."""
        text = self.amount.text().strip()
        if not text or text == f"{self.snapshot.cash_due:.2f}":
            return f"{self.snapshot.remaining:.2f}"
        return text

    def pay_by_code(self, code: str | None = None) -> None:
        code = (code if code is not None else self.code_field.text()).strip()
        self.code_field.clear()
        if self._payments is None or self._waiting or self.sale is not None or self._completing:
            return
        if not code:
            self.focus_payment_code()
            return
        self._waiting, self._asking_qr = True, False
        self._intent = None
        self._started = time.monotonic()
        self.message.clear()
        self._tick.start()
        self._show_waiting()
        self.show_snapshot(self.snapshot)
        self._runner.submit(self._payments.pay, code, self._wallet_amount(),
                            on_result=self._wallet_done, on_error=self._wallet_failed)

    def pay_by_qr(self) -> None:
        """F4 / "Show QR to customer": a dynamic QR for what is still due (or the amount keyed)."""
        if self._payments is None or self._waiting or self.sale is not None or self._completing:
            return
        self._waiting = self._asking_qr = True
        self._intent = None
        self._started = time.monotonic()
        self.message.clear()
        self._tick.start()
        self._show_waiting()
        self.show_snapshot(self.snapshot)
        self._runner.submit(self._payments.pay_qr, self.qr_panel.wallet(), self._wallet_amount(),
                            on_result=self._wallet_done, on_error=self._wallet_failed)

    def _intent_changed(self, intent: Any) -> None:
        if self._waiting and (self._intent is None or intent.intent_id == self._intent.intent_id) \
                and intent.ticket_id == self.snapshot.ticket_id:
            self._intent = intent
            self.qr_panel.show_intent(intent)
            self._show_waiting()

    def _show_waiting(self) -> None:
        seconds = int(time.monotonic() - self._started)
        reversing = self._intent is not None and self._intent.state.value == "reversing"
        if self._asking_qr and not reversing:
            self.waiting.setText(
                self.tr("QR shown: waiting for the customer to scan and pay… {0} s").format(seconds)
                if self._intent is not None and self._intent.qr_url else self.tr("Asking the wallet for a QR… {0} s").format(seconds))
        elif reversing:
            self.waiting.setText(self.tr("Cancelling: giving the money back to the customer… {0} s").format(seconds))
        else:
            self.waiting.setText(
                self.tr("Waiting for the customer to confirm on their phone… {0} s").format(seconds))

    def cancel_wallet_payment(self) -> None:
        """Cancel = reverse: the service stops waiting and gives back any charge."""
        if self._waiting and self._intent is not None:
            assert self._payments is not None  # a wallet intent exists only with the service
            self._payments.cancel(self._intent.intent_id)
            self.cancel_wallet.setEnabled(False)
            self.waiting.setText(self.tr("Cancelling: giving the money back to the customer…"))

    def _wallet_finished(self) -> None:
        self._waiting = False
        self.qr_panel.show_intent(None)
        self._tick.stop()
        self.waiting.setVisible(False)
        self.cancel_wallet.setVisible(False)
        self.cancel_wallet.setEnabled(True)

    def _wallet_done(self, intent: Any) -> None:
        self._wallet_finished()
        state = intent.state.value
        if state == "failed":
            self._error(self.tr("The {0} payment failed ({1}). Ask for another payment method.").format(
                self._kind_name(intent.wallet.value), intent.last_code or "-"))
        elif state == "reversed" and intent.method.value == "qr":
            self._error(self.tr("The QR payment was closed (cancelled, expired or not created); nothing was "
                                "charged."))
        elif state == "reversed":
            self._error(self.tr("The wallet payment was cancelled; nothing was charged."))
        elif state == "reversing":
            self._error(self.tr("The wallet has not confirmed giving the money back yet; the till keeps "
                                "trying (F10, Wallet payments)."))
        else:
            self.message.clear()
        self._runner.submit(self._checkout.current, on_result=self.show_snapshot, on_error=self._failed)

    def _wallet_failed(self, error: BaseException) -> None:
        self._wallet_finished()
        self._failed(error)

    def done(self, result: int) -> None:
        if self._payments is not None and self._listener in self._payments.listeners:
            self._payments.listeners.remove(self._listener)
        super().done(result)

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
        if self._waiting:
            return
        if kind == "cash" and text.isdigit() and len(text) >= PAYMENT_CODE_MIN_DIGITS and self._payments:
            self.amount.clear()  # a payment code scanned without pressing F2 first
            self.pay_by_code(text)
            return
        reference = self.reference.text().strip() if kind == "card" else None
        if kind == "card" and not reference:
            self._error(self.tr("Key in the reference number from the card terminal slip."))
            self.reference.setFocus()
            return
        self._set_busy(True)
        self._runner.submit(
            self._checkout.add_tender, kind, text, reference, on_result=self._tendered, on_error=self._failed
        )

    def add_member_tender(self, kind: str) -> None:
        """The amount keyed (¥) paid with the member's points or stored value: held online first."""
        text = self.amount.text().strip()
        if self.sale is not None or self._completing or self._waiting or self._member_tenders is None:
            return
        if not text:
            self._error(self.tr("Key in the amount to pay with the member's points or stored value."))
            return
        self._set_busy(True)
        if kind == "points":
            self._runner.submit(self._member_tenders.pay_points_amount, text, on_result=self._tendered,
                                on_error=self._failed)
            return
        if self._auth is None:
            self._runner.submit(self._member_tenders.pay_with_stored_value, text, on_result=self._tendered,
                                on_error=self._failed)
            return
        run_with_approval(  # offline above a cap: a manager may let it pass (audited)
            self, self._auth, self._runner,
            lambda approval: self._member_tenders.pay_with_stored_value(text, approval),
            permission="stored_value_override", action_text=self.tr("Stored value {0} offline, above the cap")
            .format(text), reason=self.tr("offline stored value cap"), on_result=self._tendered,
            on_error=self._failed)

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
        if self._waiting:
            return
        self._set_busy(True)
        remove = self._payments.remove_tender if self._payments is not None else self._checkout.remove_tender
        self._runner.submit(
            remove,
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
        if self._completing or self._waiting:
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
        if key == Qt.Key.Key_Escape and (self._completing or self._waiting):
            return
        if key == Qt.Key.Key_F2:
            self.focus_payment_code()
            return
        if key == Qt.Key.Key_F4:
            self.pay_by_qr()
            return
        if key == Qt.Key.Key_F3 and not self._waiting:
            self.reference.setFocus()
            self.message.setText(self.tr("Key in the reference number from the card terminal slip."))
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._completing or self._waiting:
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
        self.card.setText(self.tr("Bank card (F3)"))
        self.card_hint.setText(self.tr("Card: key in the reference no. printed on the terminal slip, then Bank card."))
        self.wallet.setText(self.tr("Scan payment code (F2)"))
        self.points.setText(self.tr("Member points"))
        self.stored_value.setText(self.tr("Stored value"))
        self.code_field.setPlaceholderText(self.tr("Customer payment code"))
        self.cancel_wallet.setText(self.tr("Cancel wallet payment"))
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

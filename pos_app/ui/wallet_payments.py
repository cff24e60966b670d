"""F10, Wallet payments: intents that are not final (or paid but in no sale), for a manager to resolve.

"Try again" asks the wallet once more (query, or reverse again) in the worker; "Accept…" records a
manager's reason and stops the till waiting (the close of the day needs one or the other).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import from_minor
from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.shift_common import run_with_approval
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService, StaffSession
    from pos_app.services.payments import PaymentService


def state_text(state: str) -> str:
    texts = {
        "created": QCoreApplication.translate("WalletPayments", "not sent"),
        "submitted": QCoreApplication.translate("WalletPayments", "sent, no answer yet"),
        "paying": QCoreApplication.translate("WalletPayments", "customer confirming"),
        "paid": QCoreApplication.translate("WalletPayments", "paid, sale not completed"),
        "failed": QCoreApplication.translate("WalletPayments", "failed"),
        "reversing": QCoreApplication.translate("WalletPayments", "giving the money back"),
        "reversed": QCoreApplication.translate("WalletPayments", "given back"),
    }
    return texts.get(state, state)


class WalletPaymentsDialog(QDialog):
    def __init__(self, payments: PaymentService, auth: AuthService, runner: TaskRunner, session: StaffSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walletPaymentsDialog")
        self.setWindowTitle(self.tr("Wallet payments to resolve"))
        self.payments, self.auth, self.runner, self.session = payments, auth, runner, session
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("walletPaymentsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Order no."), self.tr("Wallet"), self.tr("Amount"),
                                              self.tr("State"), self.tr("Code")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName("walletPaymentsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for name, text, slot in (("walletRetry", self.tr("Try again"), self.retry),
                                 ("walletAccept", self.tr("Accept with a reason…"), self.accept_selected),
                                 ("walletClose", self.tr("Close"), self.accept)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(56)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 480)
        self.reload()

    def reload(self) -> None:
        self.runner.submit(self.payments.unresolved, on_result=self._show, on_error=self._failed)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.out_trade_no, row.wallet.value, format_money(from_minor(row.amount_fen, self.payments.config.currency)),
                      state_text(row.state.value), row.last_code)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("Every wallet payment is final: nothing to resolve."))

    def _selected(self) -> Any | None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.tr("Pick a payment first."))
            return None
        return self.rows[index]

    def retry(self) -> None:
        row = self._selected()
        if row is not None:
            self.message.setText(self.tr("Asking the wallet…"))
            self.runner.submit(self.payments.retry, row.intent_id,
                               on_result=lambda i: self._done(self.tr("Now: {0}.").format(state_text(i.state.value))),
                               on_error=self._failed)

    def accept_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        ask = QInputDialog(self)
        ask.setObjectName("walletAcceptReason")
        ask.setWindowTitle(self.tr("Accept"))
        ask.setLabelText(self.tr("Why is it accepted unresolved?"))
        if ask.exec() != QDialog.DialogCode.Accepted:
            return
        reason = ask.textValue()
        run_with_approval(
            self, self.auth, self.runner,
            lambda approval: self.payments.accept(self.session, row.intent_id, reason, approval),
            permission="close_shift", action_text=self.tr("Accept wallet payment {0}").format(row.out_trade_no),
            reason=reason or "-", on_result=lambda _i: self._done(self.tr("Accepted.")), on_error=self._failed)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

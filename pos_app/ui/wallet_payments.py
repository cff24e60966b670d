"""F10, Wallet payments: intents that are not final (or paid but in no sale), for a manager to resolve.

"Try again" asks the wallet once more (query, or reverse again) in the worker; "Accept…" records a
manager's reason and stops the till waiting (the close of the day needs one or the other).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from pos_app.domain.money import from_minor
from pos_app.ui.cart_model import format_money
from pos_app.ui.list_dialog import ListDialog
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


class WalletPaymentsDialog(ListDialog):
    def __init__(self, payments: PaymentService, auth: AuthService, runner: TaskRunner, session: StaffSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent, name="walletPaymentsDialog", table_name="walletPaymentsTable",
                         message_name="walletPaymentsMessage")
        self.payments, self.auth, self.session = payments, auth, session
        self.build(self.tr("Wallet payments to resolve"),
                   [self.tr("Order no."), self.tr("Wallet"), self.tr("Amount"), self.tr("State"), self.tr("Code")],
                   [("walletRetry", self.tr("Try again"), self.retry),
                    ("walletAccept", self.tr("Accept with a reason…"), self.accept_selected),
                    ("walletClose", self.tr("Close"), self.accept)])

    def load(self) -> list[Any]:
        return self.payments.unresolved()

    def cells(self, row: Any) -> Sequence[str]:
        return (row.out_trade_no, row.wallet.value,
                format_money(from_minor(row.amount_fen, self.payments.config.currency), self.payments.config.currency),
                state_text(row.state.value), row.last_code)

    def empty_text(self) -> str:
        return self.tr("Every wallet payment is final: nothing to resolve.")

    def pick_first_text(self) -> str:
        return self.tr("Pick a payment first.")

    def retry(self) -> None:
        row = self.selected()
        if row is not None:
            self.message.setText(self.tr("Asking the wallet…"))
            self.runner.submit(self.payments.retry, row.intent_id,
                               on_result=lambda i: self._done(self.tr("Now: {0}.").format(state_text(i.state.value))),
                               on_error=self._failed)

    def accept_selected(self) -> None:
        row = self.selected()
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

"""The return screen: scan or type a receipt (or an online order), pick lines, quantities and
reasons, see the refund and where the money goes, then refund — or exchange (the credit goes on the
open ticket and the normal payment dialog settles the difference). A return without a receipt
starts with a manager's approval.

Every service call runs on the checkout's worker (`TaskRunner`); the refund preview is pure
domain arithmetic on the looked-up sale (no I/O on the UI thread).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import PosError
from pos_app.domain.permissions import Permission
from pos_app.ui.cart_model import format_minor
from pos_app.ui.dialogs import ManagerOverrideDialog
from pos_app.ui.messages import describe
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.widgets import fields_own_enter
from pos_app.ui.workers import TaskRunner


def _yuan(fen: int) -> str:
    return format_minor(fen)


class ReturnDialog(QDialog):
    """Modal; ``exchanged`` holds the ticket snapshot after an exchange (the caller opens payment)."""

    def __init__(self, ctx: Any, runner: TaskRunner, parent: QWidget | None = None, *,
                 can_exchange: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setProperty(PASSTHROUGH_PROPERTY, True)  # a scanned receipt types into the receipt field
        self.ctx, self.runner = ctx, runner
        self.service = ctx.returns
        self.original: Any = None
        self.approval: Any = None  # the manager's approval (no receipt, or refund to cash)
        self.no_receipt = False
        self.exchanged: Any = None
        self.completed: Any = None
        self.resize(960, 640)

        self.receipt = QLineEdit(self)
        self.receipt.setObjectName("returnReceipt")
        self.receipt.setProperty("role", "bigInput")
        self.receipt.returnPressed.connect(self.look_up)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("returnFind")
        self.find_button.clicked.connect(self.look_up)
        self.no_receipt_button = QPushButton(self)
        self.no_receipt_button.setObjectName("returnNoReceipt")
        self.no_receipt_button.clicked.connect(self.start_no_receipt)
        top = QHBoxLayout()
        top.addWidget(self.receipt, 1)
        top.addWidget(self.find_button)
        top.addWidget(self.no_receipt_button)

        self.info = QLabel(self)
        self.info.setObjectName("returnSaleInfo")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("returnLines")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)  # room for the quantity and reason boxes
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        # No receipt: one scanned item, its quantity and reason.
        self.item_form = QWidget(self)
        self.item_form.setObjectName("returnItemForm")
        self.item_code = QLineEdit(self.item_form)
        self.item_code.setObjectName("returnItemCode")
        self.item_qty = QLineEdit("1", self.item_form)
        self.item_qty.setObjectName("returnItemQty")
        self.item_reason = self._reason_box("returnItemReason", self.item_form)
        self.item_code_label, self.item_qty_label, self.item_reason_label = (QLabel(self.item_form) for _ in range(3))
        form = QFormLayout(self.item_form)
        form.addRow(self.item_code_label, self.item_code)
        form.addRow(self.item_qty_label, self.item_qty)
        form.addRow(self.item_reason_label, self.item_reason)
        #: With a member on the ticket, the refund may go to the member's stored value instead of cash.
        self.item_member: Any = None
        self.item_to_member = QCheckBox(self.item_form)
        self.item_to_member.setObjectName("returnItemToMember")
        self.item_to_member.hide()
        form.addRow(self.item_to_member)
        self.item_form.hide()

        self.to_cash = QCheckBox(self)
        self.to_cash.setObjectName("returnToCash")
        self.to_cash.toggled.connect(self.update_summary)
        self.summary = QLabel(self)
        self.summary.setObjectName("returnSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "total")
        self.message = QLabel(self)
        self.message.setObjectName("returnMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        self.confirm = QPushButton(self)
        self.confirm.setObjectName("returnConfirm")
        self.confirm.clicked.connect(self.refund)
        self.exchange_button = QPushButton(self)
        self.exchange_button.setObjectName("returnExchange")
        self.exchange_button.clicked.connect(self.exchange)
        self.exchange_button.setVisible(can_exchange)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("returnClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.to_cash)
        buttons.addStretch(1)
        for button in (self.exchange_button, self.confirm, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.item_form)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._set_busy(False)
        self.retranslate()
        self.receipt.setFocus()
        fields_own_enter(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Return / exchange"))
        self.receipt.setPlaceholderText(self.tr("Scan the receipt or type its number (or an online order number)"))
        self.find_button.setText(self.tr("Find"))
        self.no_receipt_button.setText(self.tr("No receipt…"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Returnable"), self.tr("Return"),
                                              self.tr("Reason"), self.tr("Refund")])
        self.item_code_label.setText(self.tr("Item code"))
        self.item_qty_label.setText(self.tr("Quantity"))
        self.item_reason_label.setText(self.tr("Reason"))
        self.to_cash.setText(self.tr("Refund all in cash (manager)"))
        self.confirm.setText(self.tr("Refund"))
        self.exchange_button.setText(self.tr("Exchange"))
        self.close_button.setText(self.tr("Close"))
        self.update_summary()

    def reason_label(self, code: str) -> str:
        labels = {"changed_mind": self.tr("Changed mind"), "wrong_item": self.tr("Wrong item"),
                  "damaged": self.tr("Damaged"), "expired": self.tr("Expired"), "other": self.tr("Other")}
        return labels.get(code, code)

    def _reason_box(self, name: str, parent: QWidget) -> QComboBox:
        box = QComboBox(parent)
        box.setObjectName(name)
        box.addItem("", "")
        for code in self.service.reason_codes():
            box.addItem(self.reason_label(code), code)
        return box

    # -- finding the sale -----------------------------------------------------------------------------
    def look_up(self) -> None:
        text = self.receipt.text().strip()
        if not text:
            return
        self._set_busy(True)
        self.runner.submit(self.service.find, text, on_result=self._found, on_error=self._failed)

    def _found(self, original: Any) -> None:
        self._set_busy(False)
        self.no_receipt = False
        self.item_form.hide()
        self.table.show()
        self.original = original
        self.message.clear()
        where = self.tr("another till or an online order") if original.remote else self.tr("this till")
        self.info.setText(self.tr("Receipt {0} of {1} ({2})").format(
            original.receipt_no, original.completed_at.astimezone().strftime("%Y-%m-%d %H:%M"), where))
        self.table.setRowCount(len(original.lines))
        for row, line in enumerate(original.lines):
            item = QTableWidgetItem(f"{line.name}  ({line.sku})")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            left = QTableWidgetItem(f"{line.refundable_quantity.normalize():f} / {line.quantity.normalize():f}")
            left.setFlags(left.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 1, left)
            qty = QDoubleSpinBox(self.table)
            qty.setObjectName(f"returnQty{row}")
            qty.setDecimals(3 if line.by_weight else 0)
            qty.setRange(0, float(line.refundable_quantity))
            qty.valueChanged.connect(self.update_summary)
            self.table.setCellWidget(row, 2, qty)
            reason = self._reason_box(f"returnReason{row}", self.table)
            reason.currentIndexChanged.connect(self.update_summary)
            self.table.setCellWidget(row, 3, reason)
            self.table.setItem(row, 4, QTableWidgetItem(""))
        self.update_summary()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(describe(error))

    # -- picks and the summary ------------------------------------------------------------------------
    def _summarise(self, text: str) -> None:
        """Show ``text`` under the lines, as many rows high as it wraps to (a long refund route, e.g.
        points, stored value and cash, takes two rows; the layout does not ask a label by itself)."""
        self.summary.setText(text)
        self.summary.setMinimumHeight(self.summary.heightForWidth(max(self.summary.width(), 1)) if text else 0)
    def picks(self) -> list[tuple[str, Decimal, str]]:
        out: list[tuple[str, Decimal, str]] = []
        if self.original is None:
            return out
        for row, line in enumerate(self.original.lines):
            qty = Decimal(str(cast(QDoubleSpinBox, self.table.cellWidget(row, 2)).value())).quantize(  # _found's spin box
                Decimal("0.001") if line.by_weight else Decimal(1))
            if qty > 0:
                out.append((line.line_id, qty, cast(QComboBox, self.table.cellWidget(row, 3)).currentData() or ""))  # _found's box
        return out

    def update_summary(self) -> None:
        if self.no_receipt or self.original is None:
            self._summarise("")
            return
        picks = self.picks()
        for row, line in enumerate(self.original.lines):
            qty = Decimal(str(cast(QDoubleSpinBox, self.table.cellWidget(row, 2)).value()))  # _found's spin box
            text = ""
            if 0 < qty <= line.refundable_quantity:
                try:
                    text = _yuan(line.refund(qty.quantize(Decimal("0.001") if line.by_weight else Decimal(1)))
                                 .amount_fen)
                except PosError:  # the preview only; confirming shows the service's message
                    text = ""
            refund_item = self.table.item(row, 4)
            assert refund_item is not None  # _found puts an item in column 4 of every row
            refund_item.setText(text)
        if not picks:
            self._summarise(self.tr("Pick the quantities to return."))
            return
        try:
            amount, parts, rounding = self.service.preview(
                self.original, [(i, q, r or self.service.reason_codes()[0]) for i, q, r in picks],
                self.to_cash.isChecked())
        except PosError as exc:  # shown to the cashier, nothing is written
            self._summarise(describe(exc))
            return
        routes = ", ".join(self._route_text(p) for p in parts) or self.tr("nothing to pay back")
        text = self.tr("Refund {0}: {1}").format(_yuan(amount + rounding), routes)
        self._summarise(text)

    def _route_text(self, part: Any) -> str:
        amount = _yuan(part.amount_fen)
        if part.method == "wallet":
            names = {"wechat_pay": self.tr("WeChat Pay"), "alipay": self.tr("Alipay"),
                     "unionpay_qr": self.tr("UnionPay QR")}
            return self.tr("{0} back to {1}").format(amount, names.get(part.kind, part.kind))
        if part.method == "instruction":
            return self.tr("{0} to the bank card (slip {1})").format(amount, part.reference or "-")
        if part.method == "platform":
            return self.tr("{0} back to the online payment").format(amount)
        if part.method == "stored_value":
            return self.tr("{0} back to stored value").format(amount)
        if part.method == "points":
            return self.tr("{0} back as the points redeemed").format(amount)
        return self.tr("{0} in cash").format(amount)

    # -- the refund ---------------------------------------------------------------------------------
    def refund(self) -> None:
        session = self.ctx.checkout.user
        if self.no_receipt:
            code, qty = self.item_code.text().strip(), self.item_qty.text().strip()
            try:
                quantity = Decimal(qty)
            except InvalidOperation:
                quantity = Decimal(0)
            self._set_busy(True)
            member = self.item_member.member_id if self.item_member and self.item_to_member.isChecked() else None
            self.runner.submit(self.service.no_receipt, session, code, quantity,
                               self.item_reason.currentData() or "", self.approval, member,
                               on_result=self._refunded, on_error=self._failed)
            return
        if self.original is None:
            self.message.setText(self.tr("Scan the receipt first."))
            return
        to_cash: Any = None
        if self.to_cash.isChecked():
            if not self._approve(self.tr("Refund this return in cash")):
                return
            to_cash = self.approval
        self._set_busy(True)
        self.runner.submit(self.service.complete, session, self.original.receipt_no, self.picks(), to_cash=to_cash,
                           on_result=self._refunded, on_error=self._failed)

    def _approve(self, action: str) -> bool:
        if self.ctx.checkout.user is not None and self.ctx.checkout.user.can(Permission.REFUND):
            self.approval = True
            return True
        dialog = ManagerOverrideDialog(self.ctx.auth, self.runner, Permission.REFUND, action,
                                       "return", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.approval = dialog.approval
        return True

    def _refunded(self, done: Any) -> None:
        self._set_busy(False)
        self.completed = done
        lines = [self.tr("Return {0} saved.").format(done.return_no)]
        lines += [self._route_text(t) for t in done.tenders]
        if done.pending:
            lines.append(self.tr("The wallet refund is not confirmed yet; the till retries it."))
        self.info.setText("\n".join(lines))
        self.message.clear()
        self.original = None
        self.table.setRowCount(0)
        self.item_form.hide()
        self.table.show()
        self.no_receipt = False
        self.receipt.clear()
        self.receipt.setFocus()
        self._summarise(self.tr("Cash to give back: {0}").format(_yuan(done.cash_fen)))

    # -- no receipt ---------------------------------------------------------------------------------
    def start_no_receipt(self) -> None:
        if not self._approve(self.tr("Return without a receipt")):
            return
        self.no_receipt = True
        self.original = None
        self.table.hide()
        self.item_form.show()
        self.info.setText(self.tr("No receipt: scan the item. The refund is in cash, at the store's rule price."))
        self.summary.clear()
        self.item_code.setFocus()
        self.item_member = None
        self.item_to_member.hide()
        self.item_to_member.setChecked(False)
        if self.ctx.members is not None:
            self.runner.submit(self.ctx.members.current, on_result=self._member_on_ticket, on_error=lambda _exc: None)

    def _member_on_ticket(self, member: Any) -> None:
        """Offer the member's stored value (a member already signed up, not a pending sign-up)."""
        if member is None or not member.member_id or not self.no_receipt:
            return
        self.item_member = member
        self.item_to_member.setText(self.tr("Refund to the stored value of {0} {1}").format(member.name, member.phone))
        self.item_to_member.show()

    # -- exchange -------------------------------------------------------------------------------------
    def exchange(self) -> None:
        if self.original is None:
            self.message.setText(self.tr("Scan the receipt first."))
            return
        self._set_busy(True)
        self.runner.submit(self.service.exchange, self.ctx.checkout.user, self.original.receipt_no, self.picks(),
                           on_result=self._exchanged, on_error=self._failed)

    def _exchanged(self, snapshot: Any) -> None:
        self._set_busy(False)
        self.exchanged = snapshot
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.find_button, self.confirm, self.exchange_button, self.no_receipt_button):
            widget.setEnabled(not busy)

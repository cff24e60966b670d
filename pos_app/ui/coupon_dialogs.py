"""Coupons at the counter: the cashier types a code the scanner cannot read (Ctrl+K), and the
manager settles the uses the platform refused (a single-use code used first elsewhere: F10 → C).

Both go through `CouponService` in the serial worker: a typed code gets exactly the checks of a
scanned ``O2OCP:`` code, and each refusal is shown in the dialog, which stays open to fix the code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.permissions import Permission
from pos_app.ui.list_dialog import ListDialog
from pos_app.ui.messages import describe
from pos_app.ui.widgets import fields_own_enter
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession


class CouponEntryDialog(QDialog):
    """Type a coupon code; on success ``snapshot`` holds the ticket with the coupon on it."""

    def __init__(self, coupons: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponEntryDialog")
        self.setWindowTitle(self.tr("Coupon"))
        self.coupons, self.runner = coupons, runner
        self.snapshot: Any = None
        self.code = QLineEdit(self)
        self.code.setObjectName("couponCode")
        self.code.setPlaceholderText(self.tr("Coupon code, e.g. WELCOME10"))
        self.code.setMaxLength(64)
        self.code.returnPressed.connect(self.submit)
        self.message = QLabel(self)
        self.message.setObjectName("couponMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.ok = QPushButton(self.tr("Add coupon"), self)
        self.ok.setObjectName("couponAdd")
        self.ok.setProperty("role", "primary")
        self.ok.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("couponCancel")
        cancel.clicked.connect(self.reject)
        for button in (cancel, self.ok):
            button.setMinimumHeight(56)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Type the code printed under the coupon's QR code."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.code)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(520, 260)
        fields_own_enter(self)

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        self.ok.setEnabled(False)
        self.message.clear()
        self.runner.submit(self.coupons.present, self.code.text(), on_result=self._added, on_error=self._refused)

    def _added(self, snapshot: Any) -> None:
        self.snapshot = snapshot
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(describe(error))
        self.code.selectAll()
        self.code.setFocus()


class CouponConflictsDialog(ListDialog):
    """Coupon uses the platform refused; the manager settles each and closes it with a note."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, session: StaffSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent, name="couponConflictsDialog", table_name="couponConflictsTable",
                         message_name="couponConflictsMessage")
        self.ctx, self.session = ctx, session
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.build(self.tr("Coupon conflicts"), [self.tr("Coupon"), self.tr("When"), self.tr("Platform says")],
                   [("couponConflictResolve", self.tr("Settled… (manager)"), self.resolve),
                    ("couponConflictsClose", self.tr("Close"), self.accept)],
                   hint=self.tr("The platform refused these coupon uses: the code was used first elsewhere. "
                                "The sale stands; settle the discount with the customer or head office, then "
                                "close it here with a note."))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def load(self) -> list[Any]:
        return list(self.ctx.coupons.conflicts())

    def cells(self, row: Any) -> Sequence[str]:
        return (row.code, row.created_at.astimezone().strftime("%m-%d %H:%M"), row.message)

    def empty_text(self) -> str:
        return self.tr("No open conflicts: the platform accepted every coupon used here.")

    def pick_first_text(self) -> str:
        return self.tr("Pick a conflict first.")

    def resolve(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        self.settle(self.ctx.auth, lambda note, approval: self.ctx.coupons.resolve_conflict(
                        self.session, conflict.conflict_id, note, approval),
                    note=(self.tr("Coupon conflict settled"), self.tr("How was it settled?"),
                          [self.tr("Customer paid the difference"), self.tr("Written off by head office")]),
                    permission=Permission.SYNC_MANAGE,
                    action_text=self.tr("Close the conflict of coupon {0}").format(conflict.code),
                    done_text=self.tr("Closed."), session=self.session)

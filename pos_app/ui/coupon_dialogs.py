"""Coupons at the counter: the cashier types a code the scanner cannot read (Ctrl+K), and the
manager settles the uses the platform refused (a single-use code used first elsewhere: F10 → C).

Both go through `CouponService` in the serial worker: a typed code gets exactly the checks of a
scanned ``O2OCP:`` code, and each refusal is shown in the dialog, which stays open to fix the code.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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

from pos_app.domain.permissions import Permission
from pos_app.ui.dialogs import ManagerOverrideDialog
from pos_app.ui.messages import describe
from pos_app.ui.pickup_dialogs import ReasonDialog
from pos_app.ui.workers import TaskRunner


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


class CouponConflictsDialog(QDialog):
    """Coupon uses the platform refused; the manager settles each and closes it with a note."""

    def __init__(self, ctx: Any, runner: TaskRunner, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponConflictsDialog")
        self.setWindowTitle(self.tr("Coupon conflicts"))
        self.ctx, self.runner, self.session = ctx, runner, session
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("couponConflictsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Coupon"), self.tr("When"), self.tr("Platform says")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setObjectName("couponConflictsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for name, text, slot in (("couponConflictResolve", self.tr("Settled… (manager)"), self.resolve),
                                 ("couponConflictsClose", self.tr("Close"), self.accept)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(56)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("The platform refused these coupon uses: the code was used first elsewhere. "
                              "The sale stands; settle the discount with the customer or head office, then "
                              "close it here with a note."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 480)
        self.reload()

    def reload(self) -> None:
        self.runner.submit(self.ctx.coupons.conflicts, on_result=self._show, on_error=self._failed)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            cells = (c.code, c.created_at.astimezone().strftime("%m-%d %H:%M"), c.message)
            for col, value in enumerate(cells):
                self.table.setItem(r, col, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("No open conflicts: the platform accepted every coupon used here."))

    def resolve(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.tr("Pick a conflict first."))
            return
        conflict = self.rows[index]
        note = ReasonDialog(self.tr("Coupon conflict settled"), self.tr("How was it settled?"),
                            [self.tr("Customer paid the difference"), self.tr("Written off by head office")], self)
        if note.exec() != QDialog.DialogCode.Accepted:
            return
        approval = None
        if not self.session.can(Permission.SYNC_MANAGE):
            approve = ManagerOverrideDialog(self.ctx.auth, self.runner, Permission.SYNC_MANAGE.value,
                                            self.tr("Close the conflict of coupon {0}").format(conflict.code),
                                            note.text(), self)
            if approve.exec() != QDialog.DialogCode.Accepted or approve.approval is None:
                return
            approval = approve.approval
        self.runner.submit(self.ctx.coupons.resolve_conflict, self.session, conflict.conflict_id, note.text(),
                           approval, on_result=lambda _=None: self._done(self.tr("Closed.")), on_error=self._failed)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

"""Pickup events the platform refused (e.g. handed over at the till while cancelled online): the
manager sees each one, settles it outside the till (refund, goods back) and closes it with a note.

Reached from the manager menu (F10). The list and the decision come from `PickupService.conflicts`
and `resolve_conflict`; closing one needs a manager's PIN and is audited by the service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.dialogs import ManagerOverrideDialog
from pos_app.ui.messages import describe
from pos_app.ui.pickup_dialogs import ReasonDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext


class PickupConflictsDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupConflictsDialog")
        self.setWindowTitle(self.tr("Pickup conflicts"))
        self.ctx, self.runner = ctx, runner
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("pickupConflictsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Platform says"), self.tr("When"), self.tr("Why")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setObjectName("pickupConflictsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for name, text, slot in (("pickupConflictResolve", self.tr("Settled… (manager)"), self.resolve),
                                 ("pickupConflictsClose", self.tr("Close"), self.accept)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(56)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("The platform refused these pickup changes. Settle each with the customer "
                              "or head office, then close it here with a note."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 480)
        self.reload()

    def reload(self) -> None:
        self.runner.submit(self.ctx.pickup.conflicts, on_result=self._show, on_error=self._failed)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            cells = (c.order_no or c.order_id or "?", c.order_status or c.code,
                     c.created_at.astimezone().strftime("%m-%d %H:%M"), c.message)
            for col, value in enumerate(cells):
                self.table.setItem(r, col, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("No open conflicts: the platform accepted every pickup change."))

    def resolve(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.tr("Pick a conflict first."))
            return
        conflict = self.rows[index]
        note = ReasonDialog(self.tr("Conflict settled"), self.tr("How was it settled?"),
                            [self.tr("Refunded by head office"), self.tr("Goods returned to the shelf")], self)
        if note.exec() != QDialog.DialogCode.Accepted:
            return
        approve = ManagerOverrideDialog(self.ctx.auth, self.runner, "pickup_manage",
                                        self.tr("Close conflict of order {0}").format(conflict.order_no or "?"),
                                        note.text(), self)
        if approve.exec() == QDialog.DialogCode.Accepted and approve.approval is not None:
            self.runner.submit(self.ctx.pickup.resolve_conflict, conflict.conflict_id, approve.approval, note.text(),
                               on_result=lambda _result: self._done(self.tr("Closed.")), on_error=self._failed)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

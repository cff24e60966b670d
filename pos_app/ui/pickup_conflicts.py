"""Pickup events the platform refused (e.g. handed over at the till while cancelled online): the
manager sees each one, settles it outside the till (refund, goods back) and closes it with a note.

Reached from the manager menu (F10). The list and the decision come from `PickupService.conflicts`
and `resolve_conflict`; closing one needs a manager's PIN and is audited by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from pos_app.domain.permissions import Permission
from pos_app.ui.list_dialog import ListDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext


class PickupConflictsDialog(ListDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent, name="pickupConflictsDialog", table_name="pickupConflictsTable",
                         message_name="pickupConflictsMessage")
        self.ctx = ctx
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.build(self.tr("Pickup conflicts"),
                   [self.tr("Order"), self.tr("Platform says"), self.tr("When"), self.tr("Why")],
                   [("pickupConflictResolve", self.tr("Settled… (manager)"), self.resolve),
                    ("pickupConflictsClose", self.tr("Close"), self.accept)],
                   hint=self.tr("The platform refused these pickup changes. Settle each with the customer "
                                "or head office, then close it here with a note."))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def load(self) -> list[Any]:
        return self.ctx.pickup.conflicts()

    def cells(self, row: Any) -> Sequence[str]:
        return (row.order_no or row.order_id or "?", row.order_status or row.code,
                row.created_at.astimezone().strftime("%m-%d %H:%M"), row.message)

    def empty_text(self) -> str:
        return self.tr("No open conflicts: the platform accepted every pickup change.")

    def pick_first_text(self) -> str:
        return self.tr("Pick a conflict first.")

    def resolve(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        self.settle(self.ctx.auth, lambda note, approval: self.ctx.pickup.resolve_conflict(
                        conflict.conflict_id, approval, note),
                    note=(self.tr("Conflict settled"), self.tr("How was it settled?"),
                          [self.tr("Refunded by head office"), self.tr("Goods returned to the shelf")]),
                    permission=Permission.PICKUP_MANAGE,  # asked of a manager even when the clerk holds it
                    action_text=self.tr("Close conflict of order {0}").format(conflict.order_no or "?"),
                    done_text=self.tr("Closed."))

"""Manager menu R: returns the platform answered with a conflict after the push (an offline return
of this till's own sale that refunded units another till or store had returned meanwhile), so no
over-refund goes unnoticed. The return stands (the money is gone); head office settles it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from pos_app.ui.list_dialog import ListDialog
from pos_app.ui.workers import TaskRunner


class ReturnConflictsDialog(ListDialog):
    def __init__(self, returns: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent, name="returnConflictsDialog", table_name="returnConflictsTable",
                         message_name="returnConflictsMessage")
        self.returns = returns
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.build(self.tr("Return conflicts"), [self.tr("Return"), self.tr("When"), self.tr("Platform says")],
                   [("returnConflictsClose", self.tr("Close"), self.accept)],
                   hint=self.tr("The platform reports these returns refunded more than was left of the sale: "
                                "the units were returned at another till while this one was offline. The "
                                "return stands; settle the difference with head office."))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _show(self, rows: list[Any]) -> None:
        super()._show(rows)
        self.table.resizeRowsToContents()  # the platform's whole explanation, wrapped

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()  # wrapped to the column's width now

    def load(self) -> list[Any]:
        return list(self.returns.conflicts())

    def cells(self, row: Any) -> Sequence[str]:
        return (row.return_no, row.created_at.astimezone().strftime("%m-%d %H:%M"), row.message)

    def empty_text(self) -> str:
        return self.tr("No return conflicts: the platform accepted every return made here.")

    def pick_first_text(self) -> str:
        return self.tr("Pick a conflict first.")

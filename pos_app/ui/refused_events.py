"""Events the platform refused (dead letters): the manager sees why, then retries or discards.

They never block other events; they wait here for a decision, which is audited by the service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

from pos_app.ui.messages import describe
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import StaffSession
    from pos_app.services.sync_service import SyncService


class RefusedEventsDialog(QDialog):
    def __init__(self, sync: SyncService, runner: TaskRunner, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusedEventsDialog")
        self.setWindowTitle(self.tr("Events the platform refused"))
        self.sync, self.runner, self.session = sync, runner, session
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("refusedTable")
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("For"), self.tr("Tries"), self.tr("Why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName("refusedMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for name, text, slot in (("refusedRetry", self.tr("Send again"), self.retry),
                                 ("refusedDiscard", self.tr("Discard…"), self.discard),
                                 ("refusedClose", self.tr("Close"), self.accept)):
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
        self.runner.submit(self.sync.dead_letters, on_result=self._show, on_error=self._failed)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate((row.kind, row.aggregate_id, str(row.attempts), row.error)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("Nothing is waiting: the platform accepted everything."))

    def _selected(self) -> Any | None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.tr("Pick an event first."))
            return None
        return self.rows[index]

    def retry(self) -> None:
        row = self._selected()
        if row is not None:
            self.runner.submit(self.sync.retry_dead, self.session, row.event_id,
                               on_result=lambda _result: self._done(self.tr("Queued to send again.")),
                               on_error=self._failed)

    def discard(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Discard"), self.tr("Why is it discarded?"))
        if ok:
            self.runner.submit(self.sync.discard_dead, self.session, row.event_id, reason,
                               on_result=lambda _result: self._done(self.tr("Discarded.")),
                               on_error=self._failed)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

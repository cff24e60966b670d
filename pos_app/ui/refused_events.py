"""Events the platform refused (dead letters): the manager sees why, then retries or discards.

They never block other events; they wait here for a decision, which is audited by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog, QWidget

from pos_app.ui.list_dialog import ListDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import StaffSession
    from pos_app.services.sync_service import SyncService


class RefusedEventsDialog(ListDialog):
    def __init__(self, sync: SyncService, runner: TaskRunner, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent, name="refusedEventsDialog", table_name="refusedTable",
                         message_name="refusedMessage")
        self.sync, self.session = sync, session
        self.build(self.tr("Events the platform refused"),
                   [self.tr("Kind"), self.tr("For"), self.tr("Tries"), self.tr("Why")],
                   [("refusedRetry", self.tr("Send again"), self.retry),
                    ("refusedDiscard", self.tr("Discard…"), self.discard),
                    ("refusedClose", self.tr("Close"), self.accept)])

    def load(self) -> list[Any]:
        return self.sync.dead_letters()

    def cells(self, row: Any) -> Sequence[str]:
        return (row.kind, row.aggregate_id, str(row.attempts), row.error)

    def empty_text(self) -> str:
        return self.tr("Nothing is waiting: the platform accepted everything.")

    def pick_first_text(self) -> str:
        return self.tr("Pick an event first.")

    def retry(self) -> None:
        row = self.selected()
        if row is not None:
            self.runner.submit(self.sync.retry_dead, self.session, row.event_id,
                               on_result=lambda _result: self._done(self.tr("Queued to send again.")),
                               on_error=self._failed)

    def discard(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Discard"), self.tr("Why is it discarded?"))
        if ok:
            self.runner.submit(self.sync.discard_dead, self.session, row.event_id, reason,
                               on_result=lambda _result: self._done(self.tr("Discarded.")),
                               on_error=self._failed)

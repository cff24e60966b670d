"""The manager's lists of things to settle (refused events, pickup conflicts, wallet payments):
a table, a message line and a row of big buttons. Rows load in the worker and load again after
each action; a subclass says what to load, how a row reads and what its buttons do. `settle` is
the one way a conflict the platform refused is closed (coupons, pickups): a note, a manager's
approval, the service's call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
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

if TYPE_CHECKING:
    from pos_app.domain.permissions import ManagerApproval
    from pos_app.services.auth import AuthService, StaffSession

#: (object name, text, slot) of one button under the list.
Button = tuple[str, str, Callable[[], object]]


class ListDialog(QDialog):
    """Subclasses call `build` at the end of their `__init__` (their texts need `self.tr`, which
    needs the dialog made) and implement `load`, `cells`, `empty_text` and `pick_first_text`."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None, *, name: str, table_name: str,
                 message_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.runner = runner
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName(table_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName(message_name)
        self.message.setWordWrap(True)

    def build(self, title: str, headers: Sequence[str], buttons: Sequence[Button], hint: str = "") -> None:
        self.setWindowTitle(title)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        row = QHBoxLayout()
        for name, text, slot in buttons:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(56)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        if hint:
            label = QLabel(hint, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.resize(900, 480)
        self.reload()

    # -- what a subclass says ------------------------------------------------------------------
    def load(self) -> list[Any]:
        """The rows (runs in the worker)."""
        raise NotImplementedError

    def cells(self, row: Any) -> Sequence[str]:
        """The texts of one row, one per column."""
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def pick_first_text(self) -> str:
        raise NotImplementedError

    # -- the list ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.submit(self.load, on_result=self._show, on_error=self._failed)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(self.cells(row)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText(self.empty_text())

    def selected(self) -> Any | None:
        """The chosen row; None (and the message says to pick one) when there is none."""
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.pick_first_text())
            return None
        return self.rows[index]

    # -- settling a conflict -------------------------------------------------------------------
    def settle(self, auth: AuthService, call: Callable[[str, ManagerApproval | None], object], *,
               note: tuple[str, str, Sequence[str]], permission: Permission, action_text: str,
               done_text: str, session: StaffSession | None = None) -> None:
        """Ask how it was settled (`note`: title, question, preset answers), then a manager's approval
        of `permission` unless `session` holds it itself, then run `call(note, approval)` in the
        worker; the list reloads saying `done_text`, or shows the service's refusal. Cancelling
        either dialog changes nothing."""
        title, question, presets = note
        reason = ReasonDialog(title, question, list(presets), self)
        if reason.exec() != QDialog.DialogCode.Accepted:
            return
        approval = None
        if session is None or not session.can(permission):
            approve = ManagerOverrideDialog(auth, self.runner, permission.value, action_text, reason.text(), self)
            if approve.exec() != QDialog.DialogCode.Accepted or approve.approval is None:
                return
            approval = approve.approval
        self.runner.submit(call, reason.text(), approval, on_result=lambda _result: self._done(done_text),
                           on_error=self._failed)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

"""Open a shift: count the starting float by note and coin, then the till may sell.

A count that is not a whole number is refused in the dialog as it is typed (the field turns red,
the message says which one) and nothing is sent; the service validates the counts again and its
refusal (a shift already open, a closed day) is shown the same way. The running total is only a
preview for the person counting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.shift_common import DenominationCounter, EnterMovesOn, reserve_money_width
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import StaffSession
    from pos_app.services.shift import ShiftService


class OpenShiftDialog(QDialog):
    """`shift` holds the ShiftInfo once the service opened it."""

    def __init__(self, shifts: ShiftService, runner: TaskRunner, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openShiftDialog")
        self._shifts, self._runner, self._session = shifts, runner, session
        self.shift: Any = None
        self.denominations = shifts.denominations()
        self.counter = DenominationCounter(self.denominations, self)
        self.fields = self.counter.fields
        self.counter.changed.connect(self._update_total)
        EnterMovesOn(list(self.fields.values()), self)
        self.total_caption = QLabel(self)
        self.total = QLabel(self)
        self.total.setObjectName("floatTotal")
        self.total.setProperty("role", "bigTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        reserve_money_width(self.total, "¥00,000.00")
        self.message = QLabel(self)
        self.message.setObjectName("openShiftMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("openShiftOk")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setProperty("role", "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("openShiftCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.counter)
        total_row = QVBoxLayout()
        total_row.addWidget(self.total_caption, 0, Qt.AlignmentFlag.AlignRight)
        total_row.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(total_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_total()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open shift"))
        self.prompt.setText(
            self.tr("Count the starting float in the drawer: how many of each note and coin?")
        )
        self.total_caption.setText(self.tr("Float"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open shift"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.resize(self.size().expandedTo(self.sizeHint()))  # wrapped prompt: the minimum is too small
        super().showEvent(event)

    def counts(self) -> dict[str, str]:
        return self.counter.counts()

    def _update_total(self) -> None:
        total = self.counter.total()
        self.total.setText("—" if total is None else format_money(total))
        self.message.setText(self.counter.error())

    def accept(self) -> None:
        if self.shift is not None:
            super().accept()
            return
        if self.counter.error():
            self.message.setText(self.counter.error())
            return
        self.buttons.setEnabled(False)
        self._runner.submit(
            self._shifts.open_shift,
            self._session,
            self.counts(),
            on_result=self._opened,
            on_error=self._refused,
        )

    def _opened(self, shift: Any) -> None:
        self.shift = shift
        self.buttons.setEnabled(True)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe(error))

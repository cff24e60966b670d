"""Open a shift: count the starting float by note and coin, then the till may sell.

The counts go to ShiftService as typed; it validates them (a bad count is shown in the
dialog and nothing is opened). The running total is only a preview for the cashier.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.domain.errors import PosError
from pos_app.domain.shift import count_total
from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.workers import TaskRunner


class OpenShiftDialog(QDialog):
    """`shift` holds the ShiftInfo once the service opened it."""

    def __init__(self, shifts: Any, runner: TaskRunner, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openShiftDialog")
        self._shifts, self._runner, self._session = shifts, runner, session
        self.shift: Any = None
        self.denominations = shifts.denominations()
        self.fields: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for row, denom in enumerate(self.denominations):
            label = QLabel(self._denomination_text(denom), self)
            field = QLineEdit(self)
            field.setObjectName(f"count_{denom.code}")
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText("0")
            field.textChanged.connect(self._update_total)
            grid.addWidget(label, row // 2, (row % 2) * 2)
            grid.addWidget(field, row // 2, (row % 2) * 2 + 1)
            self.fields[denom.code] = field
        self.total = QLabel(self)
        self.total.setObjectName("floatTotal")
        self.total.setProperty("role", "bigTotal")
        self.message = QLabel(self)
        self.message.setObjectName("openShiftMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("openShiftOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.prompt = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(grid)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Open shift"))
        self.prompt.setText(
            self.tr("Count the starting float in the drawer: how many of each note and coin?")
        )
        self._update_total()

    def _denomination_text(self, denom: Any) -> str:
        kind = self.tr("coin") if denom.is_coin else self.tr("note")
        return f"¥{denom.value.normalize():f} {kind}"

    def counts(self) -> dict[str, str]:
        return {code: field.text().strip() for code, field in self.fields.items() if field.text().strip()}

    def _update_total(self) -> None:
        try:
            total = count_total({code: int(text) for code, text in self.counts().items()}, self.denominations)
        except (ValueError, PosError):  # preview only; the service has the last word
            self.total.setText("—")
            return
        self.total.setText(format_money(total))

    def accept(self) -> None:
        if self.shift is not None:
            super().accept()
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

"""Cash management during a shift: paid-in, paid-out, cash drop and pick-up.

Each is one drawer event written by the shift service, which also queues its slip and opens the
drawer; this dialog only collects amount, reason and note. A refusal (more than the drawer holds,
no amount, no shift) is shown in the dialog and nothing is recorded; a missing permission brings
up the manager override and the same request is sent again with the approval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.shift_common import reason_name, run_with_approval
from pos_app.ui.widgets import Keypad
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService, StaffSession
    from pos_app.services.shift import ShiftService

KINDS = ("paid_in", "paid_out", "drop", "pickup")


class CashManagementDialog(QDialog):
    """`recorded(DrawerEvent)` once the service wrote the event; `event` holds it too."""

    recorded = Signal(object)

    def __init__(
        self,
        shifts: ShiftService,
        auth: AuthService,
        runner: TaskRunner,
        session: StaffSession,
        parent: QWidget | None = None,
        *,
        kind: str = "paid_out",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cashManagementDialog")
        self.setStyleSheet("QPushButton:checked { background: #0b6b3a; color: #ffffff; font-weight: bold; }")
        self._shifts, self._auth, self._runner, self._session = shifts, auth, runner, session
        self.drawer_event: Any = None
        self._reasons = {
            "paid_in": shifts.settings.paid_in_reasons,
            "paid_out": shifts.settings.paid_out_reasons,
        }
        self.kind_buttons: dict[str, QPushButton] = {}
        self.kind_group = QButtonGroup(self)
        kinds_row = QHBoxLayout()
        for i, name in enumerate(KINDS):
            button = QPushButton(self)
            button.setObjectName(f"cashKind_{name}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.toggled.connect(lambda on, n=name: on and self._kind_changed(n))
            QShortcut(QKeySequence(f"F{i + 1}"), self, button.click)  # keyboard-first: F1-F4 pick the kind
            self.kind_group.addButton(button)
            self.kind_buttons[name] = button
            kinds_row.addWidget(button)
        self.hint = QLabel(self)
        self.hint.setObjectName("cashHint")
        self.hint.setProperty("role", "caption")
        self.hint.setWordWrap(True)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("cashAmount")
        self.amount.setProperty("role", "bigInput")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reason_label = QLabel(self)
        self.reason = QComboBox(self)
        self.reason.setObjectName("cashReason")
        self.note = QLineEdit(self)
        self.note.setObjectName("cashNote")
        self.note.setMaxLength(200)
        self.message = QLabel(self)
        self.message.setObjectName("cashMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("cashOk")
        self.ok.setProperty("role", "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cashCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(
            QVBoxLayout.SizeConstraint.SetMinimumSize
        )  # grows with a message: keypad whole
        layout.addLayout(kinds_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.amount)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addWidget(Keypad(self.amount, self, with_dot=True))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.kind = ""
        self.retranslate()
        self.kind_buttons[kind].setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        """After the style sheet applied: two lines kept for a refusal, so the keypad is never squeezed."""
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())
        self.setMinimumWidth(560)
        self.resize(self.size().expandedTo(self.sizeHint()))
        super().showEvent(event)

    @property
    def reason_code(self) -> str:
        return self.reason.currentData() or ""

    def _kind_changed(self, kind: str) -> None:
        self.kind = kind
        self.reason.clear()
        for code in self._reasons.get(kind, ()):
            self.reason.addItem(reason_name(code), code)
        has_reason = kind in self._reasons
        self.reason.setVisible(has_reason)
        self.reason_label.setVisible(has_reason)
        self.message.clear()
        self._update_hint()
        self.amount.setFocus()
        self.amount.selectAll()

    def _update_hint(self) -> None:
        hints = {
            "paid_in": self.tr("Cash put into the drawer, e.g. a float top-up."),
            "paid_out": self.tr("Cash taken from the drawer to pay for something; keep the receipt."),
            "drop": self.tr("Surplus notes from the drawer into the safe."),
            "pickup": self.tr("A manager takes cash from the drawer to the safe."),
        }
        self.hint.setText(hints.get(self.kind, ""))

    def _title(self, kind: str) -> str:
        titles = {
            "paid_in": self.tr("Paid in"),
            "paid_out": self.tr("Paid out"),
            "drop": self.tr("Cash drop"),
            "pickup": self.tr("Pick-up"),
        }
        return titles[kind]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cash management"))
        for i, (name, button) in enumerate(self.kind_buttons.items()):
            button.setText(f"{self._title(name)}\nF{i + 1}")
        self.amount.setPlaceholderText(self.tr("Amount, e.g. 12.50"))
        self.reason_label.setText(self.tr("Reason"))
        self.note.setPlaceholderText(self.tr("Note (what for, receipt number)"))
        self.ok.setText(self.tr("Record and print slip"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        for i in range(self.reason.count()):
            self.reason.setItemText(i, reason_name(self.reason.itemData(i)))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        if self.drawer_event is not None:
            super().accept()
            return
        amount, note, reason, session, shifts = (
            self.amount.text().strip(),
            self.note.text().strip(),
            self.reason_code,
            self._session,
            self._shifts,
        )
        calls = {
            "paid_in": lambda approval: shifts.paid_in(session, amount, reason, note, approval),
            "paid_out": lambda approval: shifts.paid_out(session, amount, reason, note, approval),
            "drop": lambda _approval: shifts.drop(session, amount, note),
            "pickup": lambda approval: shifts.pickup(session, amount, note, approval),
        }
        self.message.clear()
        self.buttons.setEnabled(False)
        run_with_approval(
            self,
            self._auth,
            self._runner,
            calls[self.kind],
            permission="paid_in_out",
            action_text=self.tr("{0} of {1}").format(self._title(self.kind), amount),
            reason=note or reason or self.kind,
            on_result=self._recorded,
            on_error=self._refused,
        )

    def _recorded(self, event: Any) -> None:
        self.drawer_event = event
        self.buttons.setEnabled(True)
        self.recorded.emit(event)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe(error))
        self.amount.setFocus()
        self.amount.selectAll()

    def summary(self) -> str:
        """One line for the notice bar after the dialog closed."""
        if self.drawer_event is None:
            return ""
        return self.tr("{0} {1} recorded; the slip is printing.").format(
            self._title(self.drawer_event.kind), format_money(self.drawer_event.amount)
        )

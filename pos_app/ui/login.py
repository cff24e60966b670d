"""Sign-in screen: key the PIN (its owner signs in), or pick a user first, or scan a staff badge.

PIN checks hash with Argon2id (tens of milliseconds), so they run in a worker; the
screen stays responsive and shows attempts left or the lockout countdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.messages import describe
from pos_app.ui.widgets import Keypad
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService, StaffSession

PIN_VALIDATOR_PATTERN = r"\d{0,12}"


_NAME_ROLE = Qt.ItemDataRole.UserRole + 1
_STAFF_ROLE = Qt.ItemDataRole.UserRole + 2


def role_text(role: str) -> str:
    """Translated role name for the user list."""
    names = {
        "cashier": QCoreApplication.translate("roles", "Cashier"),
        "clerk": QCoreApplication.translate("roles", "Clerk"),
        "manager": QCoreApplication.translate("roles", "Manager"),
        "admin": QCoreApplication.translate("roles", "Administrator"),
    }
    return names.get(role, role)


class PinEntry(QWidget):
    """PIN field + keypad + submit button; `submitted(pin)` on Enter or click."""

    submitted = Signal(str)

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pin = QLineEdit(self)
        self.pin.setObjectName(f"{prefix}Pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(PIN_VALIDATOR_PATTERN, self.pin))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.returnPressed.connect(self._submit)
        self.keypad = Keypad(self.pin, self)
        self.button = QPushButton(self)
        self.button.setObjectName(f"{prefix}Button")
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pin)
        layout.addWidget(self.keypad)
        layout.addWidget(self.button)

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.submitted.emit(self.pin.text())

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.pin.setReadOnly(busy)


class LoginScreen(QWidget):
    """Emits `loggedIn(session)` with the StaffSession from AuthService."""

    loggedIn = Signal(object)

    def __init__(self, auth: AuthService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginScreen")
        self._auth = auth
        self._runner = runner
        self.title = QLabel(self)
        self.title.setObjectName("loginTitle")
        self.title.setProperty("role", "title")
        self.users = QListWidget(self)
        self.users.setObjectName("loginUserList")
        self.users.currentItemChanged.connect(self._user_changed)
        self.entry = PinEntry("login", self)
        self.entry.submitted.connect(self.submit)
        self.entry.pin.installEventFilter(self)  # Up/Down pick the user without leaving the keys
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._seconds_left = 0
        self._new_pin: dict[str, str | None] | None = None  # choosing a PIN after a one-time PIN
        self._last_pin = ""

        right = QVBoxLayout()
        right.addWidget(self.message)
        right.addWidget(self.entry)
        right.addWidget(self.hint)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.users, 3)
        body.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addWidget(self.title)
        outer.addLayout(body, 1)
        self.retranslate()

    # -- data ----------------------------------------------------------------------------
    def reload_users(self) -> None:
        self._runner.submit(self._auth.list_users, on_result=self._show_users, on_error=self._show_error)

    def _show_users(self, users: list[Any]) -> None:
        self.users.clear()
        for info in users:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, info.user_id)
            item.setData(_NAME_ROLE, info.name)
            item.setData(_STAFF_ROLE, info.role)
            self._render_item(item)
            self.users.addItem(item)
        self.users.setCurrentRow(-1)  # nobody chosen: a PIN alone finds its owner
        self.entry.pin.setFocus()

    @staticmethod
    def _render_item(item: QListWidgetItem) -> None:
        item.setText(f"{item.data(_NAME_ROLE)}  ·  {role_text(item.data(_STAFF_ROLE))}")

    def selected_user_id(self) -> str | None:
        item = self.users.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _user_changed(self) -> None:
        if self._new_pin is not None:
            self._end_new_pin()
        self.entry.pin.clear()
        self._set_message("")
        self._countdown.stop()
        self.entry.set_busy(False)
        self.entry.pin.setFocus()

    # -- actions -------------------------------------------------------------------------
    def submit(self, pin: str) -> None:
        user_id = self.selected_user_id()
        if not pin:
            self._set_message(self.tr("Enter your PIN."))
            return
        if self._new_pin is not None:
            self._next_new_pin(user_id, pin)
            return
        self.entry.set_busy(True)
        self._last_pin = pin
        if user_id is None:  # the PIN's owner signs in; a wrong PIN counts against no one
            self._runner.submit(self._auth.login_pin, pin, on_result=self._success, on_error=self._failed)
        else:
            self._runner.submit(self._auth.login, user_id, pin, on_result=self._success, on_error=self._failed)

    def badge_scanned(self, code: str) -> None:
        self.entry.set_busy(True)
        self._runner.submit(self._auth.login_badge, code, on_result=self._success, on_error=self._failed)

    def _success(self, session: StaffSession) -> None:
        if self._new_pin is not None:
            self._end_new_pin()
        self._last_pin = ""
        self.entry.set_busy(False)
        self.entry.pin.clear()
        self._set_message("")
        self.loggedIn.emit(session)

    # -- first sign-in with a one-time PIN: choose a PIN, repeat it ------------------------------
    def _start_new_pin(self, one_time_pin: str, user_id: str | None) -> None:
        # signed in by PIN alone, the name comes from the refusal (the PIN's owner)
        self._new_pin = {"one_time": one_time_pin, "first": "", "user_id": user_id}
        self.entry.pin.setPlaceholderText(self.tr("New PIN"))

    def _next_new_pin(self, user_id: str | None, pin: str) -> None:
        state = self._new_pin
        assert state is not None  # only while choosing a PIN
        self.entry.pin.clear()
        if not state["first"]:
            state["first"] = pin
            self.entry.pin.setPlaceholderText(self.tr("Repeat the new PIN"))
            self._set_message(self.tr("Key the new PIN again."))
            return
        if pin != state["first"]:
            state["first"] = ""
            self.entry.pin.setPlaceholderText(self.tr("New PIN"))
            self._set_message(self.tr("The two PINs differ. Choose your new PIN again."))
            return
        self.entry.set_busy(True)
        self._runner.submit(self._auth.change_pin, state["user_id"] or user_id, state["one_time"], pin,
                            on_result=self._success,
                            on_error=self._failed)

    def _end_new_pin(self) -> None:
        self._new_pin = None
        self.entry.pin.setPlaceholderText(self.tr("PIN"))

    def _failed(self, error: BaseException) -> None:
        self.entry.pin.clear()
        self.entry.set_busy(False)
        if getattr(error, "code", "") == "auth.pin_change_required" and self._new_pin is None and self._last_pin:
            # a badge alone cannot choose a PIN: the PIN is keyed
            self._start_new_pin(self._last_pin, getattr(error, "params", {}).get("user_id"))
        elif self._new_pin is not None:
            self._end_new_pin()
        self._last_pin = ""
        if getattr(error, "code", "") == "auth.locked":
            self._seconds_left = int(getattr(error, "params", {}).get("seconds_left", 0))
            self.entry.set_busy(True)
            self._countdown.start()
        self._set_message(describe(error))
        self.entry.pin.setFocus()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._countdown.stop()
            self.entry.set_busy(False)
            self._set_message(self.tr("You can try again now."))
        else:
            self._set_message(
                self.tr("Too many wrong PINs. Try again in {0} seconds.").format(self._seconds_left)
            )

    def _show_error(self, error: BaseException) -> None:
        self._set_message(describe(error))

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.entry.pin and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(cast(QKeyEvent, event).key()))
            if step and self.users.count():
                row = min(max(self.users.currentRow() + step, 0), self.users.count() - 1)
                self.users.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)

    # -- i18n ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign in to the till"))
        self.entry.pin.setPlaceholderText(self.tr("PIN"))
        self.entry.button.setText(self.tr("Sign in"))
        self.hint.setText(
            self.tr("Key your PIN and press Enter (or pick your name first, ↑ ↓) — or scan your staff badge.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for i in range(self.users.count()):
                self._render_item(self.users.item(i))
        super().changeEvent(event)

"""Lock screen: hides the sale (the open ticket is kept) until the same cashier keys the PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.ui.login import PinEntry
from pos_app.ui.messages import describe
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService, StaffSession


class LockScreen(QWidget):
    """`unlocked(session)` when the locked user signs back in; `signOut` to change user."""

    unlocked = Signal(object)
    signOut = Signal()

    def __init__(self, auth: AuthService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._auth = auth
        self._runner = runner
        self._session: StaffSession | None = None
        self.title = QLabel(self)
        self.title.setObjectName("lockTitle")
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setObjectName("lockMessage")
        self.message.setProperty("role", "error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry = PinEntry("unlock", self)
        self.entry.setMaximumWidth(420)
        self.entry.submitted.connect(self.submit)
        self.sign_out = QPushButton(self)
        self.sign_out.setObjectName("lockSignOut")
        self.sign_out.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_out.clicked.connect(self.signOut.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.entry, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.sign_out, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def lock(self, session: StaffSession) -> None:
        self._session = session
        self.entry.pin.clear()
        self.entry.set_busy(False)
        self.message.clear()
        self.retranslate()
        self.entry.pin.setFocus()

    def submit(self, pin: str) -> None:
        if self._session is None or not pin:
            return
        self.entry.set_busy(True)
        self._runner.submit(
            self._auth.login, self._session.user_id, pin, on_result=self._done, on_error=self._failed
        )

    def badge_scanned(self, code: str) -> None:
        self.entry.set_busy(True)
        self._runner.submit(self._auth.login_badge, code, on_result=self._done, on_error=self._failed)

    def _done(self, session: StaffSession) -> None:
        self.entry.set_busy(False)
        self.entry.pin.clear()
        if self._session is not None and session.user_id != self._session.user_id:
            self.message.setText(
                self.tr("Only {0} can unlock; otherwise sign out.").format(self._session.name)
            )
            return
        self.unlocked.emit(session)

    def _failed(self, error: BaseException) -> None:
        self.entry.set_busy(False)
        self.entry.pin.clear()
        self.message.setText(describe(error))
        self.entry.pin.setFocus()

    def retranslate(self) -> None:
        name = self._session.name if self._session is not None else ""
        self.title.setText(self.tr("Till locked — {0}").format(name))
        self.entry.pin.setPlaceholderText(self.tr("PIN"))
        self.entry.button.setText(self.tr("Unlock"))
        self.sign_out.setText(self.tr("Sign out (the open ticket is kept)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""Pair this till with the platform again (manager menu): after a new platform address, a revoked
token or a replaced PC. First a confirmation that says what happens to the events waiting to be
sent (they stay and go to the platform after pairing), then address and code, as in the first run.

The pairing must be for this same store and till (the platform refuses a code for another one);
the outbox is never touched, so no pending event is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.messages import describe
from pos_app.ui.widgets import fields_own_enter
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext


class RepairDialog(QDialog):
    """`exec()`; `paired` is the new `PairingInfo` once pairing succeeded."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, pending: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repairDialog")
        self.ctx, self.runner = ctx, runner
        self.paired: Any = None
        self.setWindowTitle(self.tr("Pair with the platform again"))
        self.confirm = QLabel(self.tr(
            "Pairing again replaces this till's platform token. The {0} events waiting to be sent are kept "
            "and are sent to the platform after pairing. Continue?").format(pending), self)
        self.confirm.setObjectName("repairConfirm")
        self.confirm.setWordWrap(True)
        self.continue_button = QPushButton(self.tr("Continue"), self)
        self.continue_button.setObjectName("repairContinue")
        self.continue_button.clicked.connect(self._confirmed)
        self.url = QLineEdit(ctx.config.platform.url, self)
        self.url.setObjectName("repairUrl")
        self.code = QLineEdit(self)
        self.code.setObjectName("repairCode")
        self.code.returnPressed.connect(self.pair)
        self.form = QWidget(self)
        form = QFormLayout(self.form)
        form.addRow(QLabel(self.tr("Platform address"), self.form), self.url)
        form.addRow(QLabel(self.tr("Pairing code"), self.form), self.code)
        self.form.hide()
        self.error = QLabel(self)
        self.error.setObjectName("repairError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.pair_button = QPushButton(self.tr("Pair"), self)
        self.pair_button.setObjectName("repairPair")
        self.pair_button.setProperty("role", "primary")
        self.pair_button.clicked.connect(self.pair)
        self.pair_button.hide()
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("repairCancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.pair_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.confirm)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        fields_own_enter(self)

    def _confirmed(self) -> None:
        self.continue_button.hide()
        self.form.show()
        self.pair_button.show()
        self.code.setFocus()

    def pair(self) -> None:
        self.pair_button.setEnabled(False)
        self.error.hide()
        self.runner.submit(self._pair, self.url.text(), self.code.text(), on_result=self._paired,
                           on_error=self._failed)

    def _pair(self, url: str, code: str) -> Any:
        """In the worker: pair, then point the running sync at the new token."""
        provisioning = self.ctx.provisioning
        info = provisioning.connect(url, code, keep_till=True)
        self.ctx.sync.repoint(provisioning.platform_config(), provisioning.credentials(info.platform_url))
        self.ctx.sync.start()
        return info

    def _paired(self, info: Any) -> None:
        self.paired = info
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.pair_button.setEnabled(True)
        self.error.setText(describe(error))
        self.error.setToolTip(str(error))
        self.error.show()

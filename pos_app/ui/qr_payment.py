"""The payment dialog's dynamic QR controls: "Show QR to customer (F4)", the wallet to show it for,
and a small copy of the QR for tills with one screen (the customer then scans the cashier's screen).

The dialog owns the wait (worker, elapsed seconds, Cancel) as for a scanned payment code; this
panel only renders what the payment service announces.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QWidget

from pos_app.ui.qr_image import qr_pixmap

SMALL_QR_PX = 132


class QrPaymentPanel(QWidget):
    """`requested` when the cashier asks for a QR; `wallet()` is the wallet picked (WeChat first)."""

    requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrPaymentPanel")
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("showPaymentQr")
        self.show_button.setProperty("role", "action")
        self.show_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_button.clicked.connect(self.requested)
        self.choices = QButtonGroup(self)
        self.choices.setExclusive(True)
        self.wechat = self._choice("qrWalletWechat", "wechat_pay")
        self.alipay = self._choice("qrWalletAlipay", "alipay")
        self.wechat.setChecked(True)
        self.copy = QLabel(parent)  # the dialog places it beside the wait and Cancel
        self.copy.setObjectName("qrSmallCopy")
        self.copy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy.hide()
        self._copy_url = ""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.show_button, 0, 0, 1, 2)
        grid.addWidget(self.wechat, 0, 2)
        grid.addWidget(self.alipay, 0, 3)
        self.retranslate()

    def _choice(self, name: str, wallet: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setProperty("role", "walletChoice")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("wallet", wallet)
        self.choices.addButton(button)
        return button

    def wallet(self) -> str:
        checked = self.choices.checkedButton()
        return str(checked.property("wallet")) if checked is not None else "wechat_pay"

    def set_available(self, enabled: bool) -> None:
        for w in (self.show_button, self.wechat, self.alipay):
            w.setEnabled(enabled)

    def show_intent(self, intent: Any) -> None:
        """The small copy while a QR waits for the customer; nothing otherwise."""
        url = intent.qr_url if intent is not None and intent.method.value == "qr" \
            and intent.state.value == "paying" else ""
        if url and url != self._copy_url:
            self.copy.setPixmap(qr_pixmap(url, SMALL_QR_PX))
        self._copy_url = url
        self.copy.setVisible(bool(url))

    def retranslate(self) -> None:
        self.show_button.setText(self.tr("Show QR to customer (F4)"))
        self.wechat.setText(self.tr("WeChat"))
        self.alipay.setText(self.tr("Alipay"))
        self.copy.setToolTip(self.tr("The customer may also scan this copy"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""Small dialogs of the pickup console: a reason (short pick, cancelled line, settled conflict) and
the bag count."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """A reason picked from presets or typed (short pick, cancelled line)."""

    def __init__(self, title: str, prompt: str, reasons: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupReasonDialog")
        self.setWindowTitle(title)
        self.reason = QComboBox(self)
        self.reason.setObjectName("pickupReason")
        self.reason.setEditable(True)
        self.reason.addItems(reasons)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("pickupReasonOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.reason.currentText().strip()


class BagCountDialog(QDialog):
    """How many bags the order fills (one label each)."""

    def __init__(self, current: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupBagDialog")
        self.setWindowTitle(self.tr("Bag count"))
        self.count = QSpinBox(self)
        self.count.setObjectName("pickupBagCount")
        self.count.setRange(1, 99)
        self.count.setValue(current)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("pickupBagOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("How many bags does this order fill?"), self))
        layout.addWidget(self.count)
        layout.addWidget(buttons)

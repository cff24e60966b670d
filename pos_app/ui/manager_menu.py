"""F10: the shift and manager functions, as big buttons with number keys (fewer with no shift open).

The menu only chooses; the main window runs the chosen screen or dialog, so each of them keeps
its own permission checks (a cashier may count cash in, but a paid-out still asks a manager).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QLayout, QPushButton, QVBoxLayout, QWidget

#: (id, key, label): the id is the dialog's result and part of the button's objectName.
ITEMS = (
    ("cash", "1", lambda: QCoreApplication.translate("ManagerMenu", "Cash in / out, drop")),
    ("x_report", "2", lambda: QCoreApplication.translate("ManagerMenu", "X report")),
    ("close_shift", "3", lambda: QCoreApplication.translate("ManagerMenu", "Close shift / day (Z)")),
    ("reports", "4", lambda: QCoreApplication.translate("ManagerMenu", "Reports")),
    ("sync_now", "5", lambda: QCoreApplication.translate("ManagerMenu", "Sync with the platform now")),
    ("refused", "6", lambda: QCoreApplication.translate("ManagerMenu", "Events the platform refused")),
    ("hardware", "7", lambda: QCoreApplication.translate("ManagerMenu", "Devices (printer, drawer, scale)")),
    ("pickup_conflicts", "8", lambda: QCoreApplication.translate("ManagerMenu", "Pickup conflicts")),
    ("repair", "9", lambda: QCoreApplication.translate("ManagerMenu", "Pair with the platform again")),
    ("backup", "0", lambda: QCoreApplication.translate("ManagerMenu", "Back up now")),
    ("wallets", "W", lambda: QCoreApplication.translate("ManagerMenu", "Wallet payments to resolve")),
    ("coupon_conflicts", "C", lambda: QCoreApplication.translate("ManagerMenu", "Coupon conflicts")),
    ("member_conflicts", "M", lambda: QCoreApplication.translate("ManagerMenu", "Member balance conflicts")),
    ("return_conflicts", "R", lambda: QCoreApplication.translate("ManagerMenu", "Return conflicts")),
)
#: F10 with no shift open: open one, or reach what needs no shift (after a Z, before the first shift).
NO_SHIFT_ITEMS = (
    ("open_shift", "1", lambda: QCoreApplication.translate("ManagerMenu", "Open shift (count the float)")),
    ("reports", "2", lambda: QCoreApplication.translate("ManagerMenu", "Reports")),
    ("hardware", "3", lambda: QCoreApplication.translate("ManagerMenu", "Devices (printer, drawer, scale)")),
)


class ManagerMenu(QDialog):
    """`exec()`; then `choice` is one of the ITEMS ids, or None when closed with Esc."""

    def __init__(self, parent: QWidget | None = None, items: tuple = ITEMS) -> None:
        super().__init__(parent)
        self.setObjectName("managerMenu")
        self.setWindowTitle(self.tr("Shift and manager functions"))
        self.choice: str | None = None
        self.items = items
        grid = QGridLayout()
        for index, (item_id, key, label) in enumerate(items):
            button = QPushButton(f"{label()}\n{key}", self)
            button.setObjectName(f"menu_{item_id}")
            button.setMinimumSize(320, 72)
            button.clicked.connect(lambda _=False, i=item_id: self._choose(i))
            grid.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never clip a label
        layout.addLayout(grid)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Number keys (main row or keypad), or the item's letter, choose: no need for the mouse."""
        typed = event.text().upper()
        chosen = next((item_id for item_id, key, _ in self.items if typed and key == typed), None)
        if chosen is None:
            super().keyPressEvent(event)
        else:
            self._choose(chosen)

    def _choose(self, item_id: str) -> None:
        self.choice = item_id
        self.accept()

"""The till's keyboard map: one list that the sale screen binds and the help dialog shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class Action:
    """A cashier action: id (used in objectNames), main key, extra keys, translated label."""

    id: str
    key: str
    label: Callable[[], str]
    extra_keys: tuple[str, ...] = ()


SALE_ACTIONS: tuple[Action, ...] = (
    Action("help", "F1", lambda: QCoreApplication.translate("shortcuts", "Help")),
    Action("search", "F2", lambda: QCoreApplication.translate("shortcuts", "Find item")),
    Action("quantity", "F3", lambda: QCoreApplication.translate("shortcuts", "Quantity"), ("*",)),
    Action("void", "F4", lambda: QCoreApplication.translate("shortcuts", "Void line"), ("Del", "-")),
    Action("price", "F5", lambda: QCoreApplication.translate("shortcuts", "Price")),
    Action("discount", "F6", lambda: QCoreApplication.translate("shortcuts", "Discount")),
    Action("hold", "F7", lambda: QCoreApplication.translate("shortcuts", "Hold")),
    Action("recall", "F8", lambda: QCoreApplication.translate("shortcuts", "Recall")),
    Action("nosale", "F9", lambda: QCoreApplication.translate("shortcuts", "No sale")),
    Action("shift", "F10", lambda: QCoreApplication.translate("shortcuts", "Manager")),
    Action("lock", "F11", lambda: QCoreApplication.translate("shortcuts", "Lock")),
    Action("pay", "F12", lambda: QCoreApplication.translate("shortcuts", "Pay"), ("+",)),
)

# Keys that work everywhere in the sale screen but have no button of their own.
OTHER_KEYS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Enter", lambda: QCoreApplication.translate("shortcuts", "Add the scanned or typed code")),
    ("Esc", lambda: QCoreApplication.translate("shortcuts", "Clear the code field / close a dialog")),
    ("↑ ↓", lambda: QCoreApplication.translate("shortcuts", "Select a line on the ticket")),
    ("* - + (keypad)", lambda: QCoreApplication.translate("shortcuts", "Quantity, void line, pay")),
    ("Ctrl+P", lambda: QCoreApplication.translate("shortcuts", "Switch between checkout and pickup orders")),
    ("Ctrl+L", lambda: QCoreApplication.translate("shortcuts", "Lock the till")),
    ("Ctrl+R", lambda: QCoreApplication.translate("shortcuts", "Print an unconfirmed receipt again (REPRINT)")),
)

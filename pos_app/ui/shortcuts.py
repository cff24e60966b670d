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

#: Returns and exchanges: its button sits beside the totals (the F-key grid is full).
RETURN_KEY = "Ctrl+T"

#: Identify a member / take them off (every F-key already has its button; a member card or
#: code scanned into the code field attaches the member too).
MEMBER_KEY = "Ctrl+M"

# Keys that work everywhere in the sale screen but have no button of their own.
OTHER_KEYS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Enter", lambda: QCoreApplication.translate("shortcuts", "Add the scanned or typed code")),
    ("Esc", lambda: QCoreApplication.translate("shortcuts", "Clear the code field / close a dialog")),
    ("↑ ↓", lambda: QCoreApplication.translate("shortcuts", "Select a line on the ticket")),
    ("* - + (keypad)", lambda: QCoreApplication.translate("shortcuts", "Quantity, void line, pay")),
    ("Ctrl+P", lambda: QCoreApplication.translate("shortcuts", "Switch between checkout and pickup orders")),
    ("Ctrl+L", lambda: QCoreApplication.translate("shortcuts", "Lock the till")),
    ("Ctrl+Z", lambda: QCoreApplication.translate("shortcuts", "Undo the last change on the ticket")),
    ("Ctrl+R", lambda: QCoreApplication.translate("shortcuts", "Print an unconfirmed receipt again (REPRINT)")),
    ("Ctrl+K", lambda: QCoreApplication.translate("shortcuts", "Type a coupon code")),
    (RETURN_KEY, lambda: QCoreApplication.translate("shortcuts", "Return or exchange goods (scan the receipt)")),
    (MEMBER_KEY, lambda: QCoreApplication.translate("shortcuts", "Identify a member, or take the member off the ticket")),
)

# The pickup console's keys (its buttons show them; F1 lists them with PICKUP_OTHER_KEYS).
PICKUP_ACTIONS: tuple[Action, ...] = (
    Action("help", "F1", lambda: QCoreApplication.translate("shortcuts", "Help")),
    Action("start", "F2", lambda: QCoreApplication.translate("shortcuts", "Start picking")),
    Action("stop", "Shift+F2", lambda: QCoreApplication.translate("shortcuts", "Stop picking")),
    Action("short", "F3", lambda: QCoreApplication.translate("shortcuts", "Short pick")),
    Action("cancelLine", "F4", lambda: QCoreApplication.translate("shortcuts", "Cancel line")),
    Action("pickList", "F5", lambda: QCoreApplication.translate("shortcuts", "Print pick list")),
    Action("bagLabel", "F6", lambda: QCoreApplication.translate("shortcuts", "Print bag labels")),
    Action("bags", "F7", lambda: QCoreApplication.translate("shortcuts", "Bag count")),
    Action("ready", "F8", lambda: QCoreApplication.translate("shortcuts", "Mark ready")),
    Action("verify", "F9", lambda: QCoreApplication.translate("shortcuts", "Check code")),
    Action("handOver", "F10", lambda: QCoreApplication.translate("shortcuts", "Hand over")),
    Action("pay", "F12", lambda: QCoreApplication.translate("shortcuts", "Take payment")),
    Action("expire", "Ctrl+E", lambda: QCoreApplication.translate("shortcuts", "Expire (manager)")),
    Action("unlock", "Ctrl+U", lambda: QCoreApplication.translate("shortcuts", "Unlock (manager)")),
)

PICKUP_OTHER_KEYS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Enter", lambda: QCoreApplication.translate("shortcuts", "Pick the scanned item or check the scanned code")),
    ("Space", lambda: QCoreApplication.translate("shortcuts", "Tick or untick the selected line")),
    ("Page Up / Page Down", lambda: QCoreApplication.translate("shortcuts", "Select the previous / next order")),
    ("↑ ↓", lambda: QCoreApplication.translate("shortcuts", "Select a line of the order")),
    ("Ctrl+P", lambda: QCoreApplication.translate("shortcuts", "Switch between checkout and pickup orders")),
    ("Ctrl+L", lambda: QCoreApplication.translate("shortcuts", "Lock the till")),
)

"""Parts shared by the shift, cash and report windows: the denomination count grid, texts for
the shift and report services' error codes, tender and reason names, and the manager-approval retry.

The error texts live here until the lead moves them into `messages.py`; unknown codes fall back to
`messages.describe`, so nothing is ever shown as an empty message.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos_app.domain.money import DEFAULT_CURRENCY, from_minor
from pos_app.ui.cart_model import format_money
from pos_app.ui.dialogs import ManagerOverrideDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService

# Refusals that a manager's approval turns into a yes (same codes as the sale screen).
APPROVAL_CODES = ("auth.approval_required", "permission.denied")



def tender_name(kind: str) -> str:
    names = {
        "cash": QCoreApplication.translate("shift_names", "Cash"),
        "card": QCoreApplication.translate("shift_names", "Bank card (batch total)"),
        "qr": QCoreApplication.translate("shift_names", "QR pay"),
        "wechat": QCoreApplication.translate("shift_names", "WeChat Pay"),
        "alipay": QCoreApplication.translate("shift_names", "Alipay"),
    }
    return names.get(kind, kind)


def reason_name(code: str) -> str:
    names = {
        "float_top_up": QCoreApplication.translate("shift_names", "Float top-up"),
        "found_cash": QCoreApplication.translate("shift_names", "Cash found"),
        "supplies": QCoreApplication.translate("shift_names", "Store supplies"),
        "delivery_fee": QCoreApplication.translate("shift_names", "Delivery fee"),
        "cleaning": QCoreApplication.translate("shift_names", "Cleaning"),
        "petty_cash": QCoreApplication.translate("shift_names", "Petty cash"),
        "other": QCoreApplication.translate("shift_names", "Other"),
        "safe": QCoreApplication.translate("shift_names", "To the safe"),
    }
    return names.get(code, code)


SHORT_COLOUR, OVER_COLOUR, BALANCED_COLOUR = "#b00020", "#b35c00", "#0b6b3a"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def over_short_colour(fen: int | Decimal) -> str:
    return SHORT_COLOUR if fen < 0 else OVER_COLOUR if fen > 0 else BALANCED_COLOUR


def make_table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def cell(text: str, right: bool = False, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(RIGHT)
    if colour:
        item.setForeground(QColor(colour))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def reserve_money_width(label: QLabel, sample: str = "¥000,000.00") -> None:
    """Room for a large amount in the label's styled font, so a growing total is never clipped."""
    label.ensurePolished()
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(sample) + 8)


def signed_money(fen: int, currency: str = DEFAULT_CURRENCY) -> str:
    """Over/short (in minor units) with its sign: +¥1.00, -¥5.30, ¥0.00."""
    value = from_minor(fen, currency)
    return ("+" if fen > 0 else "-" if fen < 0 else "") + format_money(abs(value), currency)


def parse_piece_count(text: str) -> int | None:
    """Pieces as typed (full-width digits too); None when it is not a whole number from 0."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return 0
    return int(text) if text.isascii() and text.isdigit() else None


class DenominationCounter(QWidget):
    """How many of each note and coin: refuses anything but whole numbers inline, totals as typed.

    The total is a preview for the person counting; the shift service validates again.
    """

    changed = Signal()

    def __init__(
        self, denominations: tuple[Any, ...], parent: QWidget | None = None, columns: int = 2
    ) -> None:
        super().__init__(parent)
        self.setObjectName("denominationCounter")
        self.setStyleSheet('QLineEdit[invalid="true"] { border-color: #b00020; background: #fdecee; }')
        self.denominations = tuple(denominations)
        self.fields: dict[str, QLineEdit] = {}
        self._labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        rows = (len(self.denominations) + columns - 1) // columns
        for i, denom in enumerate(self.denominations):
            col, row = divmod(i, rows)  # down the first column, then the next: values stay in order
            label = QLabel(self)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            field = QLineEdit(self)
            field.setObjectName(f"count_{denom.code}")
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText("0")
            field.setMaximumWidth(140)
            field.textChanged.connect(self._changed)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(field, row, col * 2 + 1)
            self.fields[denom.code] = field
            self._labels[denom.code] = label
        self.retranslate()

    def retranslate(self) -> None:
        for denom in self.denominations:
            kind = self.tr("coin") if denom.is_coin else self.tr("note")
            self._labels[denom.code].setText(f"¥{denom.value.normalize():f} {kind}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _changed(self) -> None:
        for field in self.fields.values():
            bad = parse_piece_count(field.text()) is None
            if bool(field.property("invalid")) != bad:
                field.setProperty("invalid", bad)
                field.style().unpolish(field)
                field.style().polish(field)
        self.changed.emit()

    def counts(self) -> dict[str, str]:
        """What was typed, as the service takes it (empty fields left out)."""
        return {code: f.text().strip() for code, f in self.fields.items() if f.text().strip()}

    def error(self) -> str:
        """A message for the first field that is not a whole number of pieces, else ""."""
        for denom in self.denominations:
            text = self.fields[denom.code].text().strip()
            if parse_piece_count(text) is None:
                return self.tr("“{0}” is not a whole number of {1} pieces.").format(
                    text, self._labels[denom.code].text()
                )
        return ""

    def total(self) -> Decimal | None:
        if self.error():
            return None
        return sum(
            (d.value * (parse_piece_count(self.fields[d.code].text()) or 0) for d in self.denominations),
            Decimal("0.00"),
        )

    def clear(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.fields[self.denominations[0].code].setFocus()


class EnterMovesOn(QObject):
    """Enter in a count field goes to the next field (a person counts note by note); only Enter
    in the last one reaches the dialog and presses its default button."""

    def __init__(self, fields: list[QLineEdit], parent: QObject) -> None:
        super().__init__(parent)
        self._next = {fields[i]: fields[i + 1] for i in range(len(fields) - 1)}
        for field in self._next:
            field.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and obj in self._next
        ):
            self._next[obj].setFocus()
            self._next[obj].selectAll()
            return True
        return False


def run_with_approval(
    parent: QWidget,
    auth: AuthService,
    runner: TaskRunner,
    call: Callable[..., Any],
    *,
    permission: str,
    action_text: str,
    reason: str,
    on_result: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    needs_approval: Callable[[BaseException], bool] | None = None,
) -> None:
    """Run `call(None)` in the worker; when the service wants a manager, ask for one (PIN or
    badge) and run `call(approval)` again. Cancelling reports the first refusal."""
    wants_manager = needs_approval or (lambda e: getattr(e, "code", "") in APPROVAL_CODES)

    def ask(refusal: BaseException) -> None:
        dialog = ManagerOverrideDialog(auth, runner, permission, action_text, reason, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.approval is not None:
            runner.submit(call, dialog.approval, on_result=on_result, on_error=on_error)
        else:
            on_error(refusal)

    def first_error(error: BaseException) -> None:
        if wants_manager(error):
            ask(error)
        else:
            on_error(error)

    runner.submit(call, None, on_result=on_result, on_error=first_error)

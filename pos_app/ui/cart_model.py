"""Qt table model over the ticket snapshot's lines (read-only; the service owns the ticket)."""

from __future__ import annotations

from decimal import Decimal
from itertools import compress
from operator import is_not
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from pos_app.domain.money import DEFAULT_CURRENCY, from_minor, minor_units

LAST_LINE_BRUSH = QBrush(QColor("#fff2b3"))
VOIDED_BRUSH = QBrush(QColor("#8a8a8a"))


#: How the screens write a currency's amounts; a currency not listed shows its ISO code.
SYMBOLS = {"CNY": "¥", "JPY": "¥", "HKD": "HK$", "MOP": "MOP$", "TWD": "NT$", "USD": "$", "EUR": "€",
           "GBP": "£", "SGD": "S$", "KRW": "₩"}
_display_currency = DEFAULT_CURRENCY  # the till's (`set_display_currency`, from the config at start-up)


def set_display_currency(currency: str) -> None:
    """The currency every `format_money` without one shows; `UnknownCurrency` for a code the money
    module has no minor units for (nothing changes then)."""
    global _display_currency
    minor_units(currency)
    _display_currency = currency


def format_money(value: Decimal, currency: str | None = None) -> str:
    """An amount with the currency's symbol and exactly its minor units (`MINOR_UNITS`):
    ¥1,234.50 for yuan, ¥1,235 for yen; `currency` defaults to the till's."""
    code = currency or _display_currency
    return f"{SYMBOLS.get(code, code + ' ')}{value:,.{minor_units(code)}f}"


def format_minor(units: int, currency: str | None = None) -> str:
    """An amount kept in minor units (fen), shown as `format_money` shows it."""
    code = currency or _display_currency
    return format_money(from_minor(units, code), code)


def format_quantity(value: Decimal, by_weight: bool, unit: str) -> str:
    if by_weight:
        return f"{value:.3f} {unit}"
    return f"{value.normalize():f}"


def fresh_rows(old: tuple[Any, ...], new: tuple[Any, ...]) -> list[int]:
    """The rows of `new` that do not hold `old`'s object at that row, appended rows included.

    The checkout hands back the very line object for a line that did not change, so this is what
    a change touched; the comparison runs in C (`map`/`compress`), about 20 µs at 1,000 lines where
    a Python loop over the rows cost several times that on every scan (bench/ui_scan.py)."""
    rows = list(compress(range(len(new)), map(is_not, old, new)))
    rows.extend(range(len(old), len(new)))
    return rows


class CartModel(QAbstractTableModel):
    """Columns: name, quantity, unit price, discount, line total. Voided lines are struck out."""

    NAME, QUANTITY, PRICE, DISCOUNT, TOTAL = range(5)
    NUMBER_COLUMNS = (QUANTITY, PRICE, DISCOUNT, TOTAL)
    # What the number columns are first sized for: most tickets never need more room.
    TYPICAL_TEXT = {QUANTITY: "99", PRICE: "¥999.99", DISCOUNT: "", TOTAL: "¥9,999.99"}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: tuple[Any, ...] = ()
        self.last_line_id: int | None = None
        self.english_names = False
        self._titles: tuple[str, ...] | None = None  # the header's texts in the current language

    def set_lines(self, lines: tuple[Any, ...], last_line_id: int | None, fresh: list[int] | None = None) -> None:
        """Show `lines`. A scan appends a line or changes one; only those rows are signalled, so a
        ticket of hundreds of lines costs the view one row, not a reset (see bench/ui_scan.py).
        `fresh`: `fresh_rows(self.lines(), lines)` when the caller has it already."""
        new, old = tuple(lines), self._lines
        if fresh is None:
            fresh = fresh_rows(old, new)
        kept = len(old)
        same_rows = len(new) >= kept and all(old[row].line_id == new[row].line_id for row in fresh if row < kept)
        if not same_rows:
            self.beginResetModel()
            self._lines, self.last_line_id = new, last_line_id
            self.endResetModel()
            return
        # The checkout hands back the same line object when nothing on the line changed.
        changed = [row for row in fresh if row < kept and old[row] != new[row]]
        previous_highlight = self.row_of(self.last_line_id) if self.last_line_id is not None else None
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._lines = new
            self.endInsertRows()
        else:
            self._lines = new
        self.last_line_id = last_line_id
        if previous_highlight is not None and previous_highlight < len(old):
            changed.append(previous_highlight)  # its highlight moves to the new line
        for row in sorted(set(changed)):
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def lines(self) -> tuple[Any, ...]:
        return self._lines

    def line_at(self, row: int) -> Any:
        return self._lines[row]

    def row_of(self, line_id: int) -> int | None:
        """From the end: what a scan asks for is almost always one of the last rows."""
        lines = self._lines
        for row in range(len(lines) - 1, -1, -1):
            if lines[row].line_id == line_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self._titles
        if titles is None:  # asked about ten times a scan, when the view measures its header
            titles = self._titles = (
                QCoreApplication.translate("CartModel", "Item"),
                QCoreApplication.translate("CartModel", "Qty"),
                QCoreApplication.translate("CartModel", "Price"),
                QCoreApplication.translate("CartModel", "Discount"),
                QCoreApplication.translate("CartModel", "Amount"),
            )
        return titles[section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and line.line_id == self.last_line_id:
            return LAST_LINE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and line.voided:
            return VOIDED_BRUSH
        if role == Qt.ItemDataRole.FontRole and line.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PRICE and line.override_reason:
            return QCoreApplication.translate("CartModel", "Price changed from {0}: {1}").format(
                format_money(line.original_price), line.override_reason
            )
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.NAME, self.DISCOUNT) and line.promotions:
            return "\n".join(f"{(p.name_en or p.name) if self.english_names else p.name}  -{format_money(p.amount)}"
                             for p in line.promotions)
        if role == Qt.ItemDataRole.UserRole:
            return line.line_id
        return None

    def text(self, line: Any, col: int) -> str:
        """What cell (line, column) shows."""
        if col == self.NAME:
            name = line.name_en if self.english_names and line.name_en else line.name
            if line.voided:
                return QCoreApplication.translate("CartModel", "{0} (voided)").format(name)
            promotions = line.promotions
            if promotions:  # the deal on the line, so the customer sees why the price dropped
                deals = " + ".join((p.name_en or p.name) if self.english_names else p.name for p in promotions)
                return f"{name}  [{deals}]"
            return name
        if col == self.QUANTITY:
            return format_quantity(line.quantity, line.sold_by_weight, line.unit)
        if col == self.PRICE:
            mark = "*" if line.override_reason else ""
            return format_money(line.unit_price) + mark
        if col == self.DISCOUNT:
            off = line.discount + line.promotion_discount
            return f"-{format_money(off)}" if off else ""
        return format_money(line.total)

    def retranslate(self, english_names: bool) -> None:
        self.english_names = english_names
        self._titles = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, 4))

"""Small modal dialogs of the sale screen: value entry, manager approval, product search, recall.

Dialogs only collect input; the sale screen sends it to the checkout service, which is the
one place that validates quantities, prices and discounts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.widgets import Keypad
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import AuthService
    from pos_app.services.catalog import CatalogService


def _buttons(dialog: QDialog, prefix: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.setObjectName(f"{prefix}Buttons")
    box.button(QDialogButtonBox.StandardButton.Ok).setObjectName(f"{prefix}Ok")
    box.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(f"{prefix}Cancel")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class _KeypadDialog(QDialog):
    """Opens at its size hint: wrapped prompts make the minimum too small for the keypad."""

    def showEvent(self, event: QShowEvent) -> None:
        self.resize(self.size().expandedTo(self.sizeHint()))
        super().showEvent(event)


class ValueDialog(_KeypadDialog):
    """One value typed or keyed on the keypad (quantity, price, discount)."""

    def __init__(
        self,
        name: str,
        title: str,
        prompt: str,
        initial: str = "",
        parent: QWidget | None = None,
        *,
        reasons: list[str] | None = None,
        percent: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setProperty(PASSTHROUGH_PROPERTY, True)  # a scanned weight label or code is typed in
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.field = QLineEdit(initial, self)
        self.field.setObjectName(f"{name}Input")
        self.field.setProperty("role", "bigInput")
        self.field.selectAll()
        self.reason: QComboBox | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field)
        if reasons is not None:
            self.reason = QComboBox(self)
            self.reason.setObjectName(f"{name}Reason")
            self.reason.setEditable(True)
            self.reason.addItems(reasons)
            layout.addWidget(self.reason)
        layout.addWidget(Keypad(self.field, self, with_dot=True, with_percent=percent))
        layout.addWidget(_buttons(self, name))

    def value(self) -> str:
        return self.field.text().strip()

    def reason_text(self) -> str:
        return self.reason.currentText().strip() if self.reason is not None else ""


class ManagerOverrideDialog(_KeypadDialog):
    """A manager keys a PIN (or scans a badge) to approve `permission`; holds the approval."""

    def __init__(
        self,
        auth: AuthService,
        runner: TaskRunner,
        permission: str,
        action_text: str,
        reason: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerOverrideDialog")
        self.setProperty(PASSTHROUGH_PROPERTY, True)  # a badge scan types into the PIN field
        self._auth, self._runner = auth, runner
        self._permission, self._reason = permission, reason
        self._badge: str | None = None  # a scanned badge waits for its holder's PIN
        self._typed = ""
        self.approval: Any = None
        self.action = QLabel(action_text, self)
        self.action.setObjectName("managerAction")
        self.action.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("managerMessage")
        self.message.setProperty("role", "error")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("managerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = _buttons(self, "manager")
        layout = QVBoxLayout(self)
        layout.addWidget(self.action)
        layout.addWidget(self.message)
        layout.addWidget(self.pin)
        layout.addWidget(Keypad(self.pin, self))
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Manager approval"))
        self.pin.setPlaceholderText(self.tr("Manager PIN or badge"))

    def accept(self) -> None:
        if self.approval is not None:
            super().accept()
            return
        pin = self.pin.text()
        if not pin:
            self.message.setText(self.tr("A manager must key a PIN or scan a badge."))
            return
        self.buttons.setEnabled(False)
        self._typed = pin
        self._runner.submit(
            self._auth.approve,
            pin,
            self._permission,
            self._reason,
            badge=self._badge,
            on_result=self._approved,
            on_error=self._refused,
        )

    def _approved(self, approval: Any) -> None:
        self.approval = approval
        self.buttons.setEnabled(True)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        if getattr(error, "code", "") == "auth.badge_needs_pin":
            self._badge = self._typed
        self.message.setText(describe(error))


class SearchDialog(QDialog):
    """Find a product by name, pinyin initials (kkkl → 可口可乐), SKU or barcode."""

    def __init__(
        self, catalog: CatalogService, runner: TaskRunner, parent: QWidget | None = None, english_names: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setProperty(PASSTHROUGH_PROPERTY, True)  # scanning a barcode here searches for it
        self._catalog, self._runner = catalog, runner
        self._english = english_names
        self._query_seq = 0
        self.hit: Any = None
        self._debounce: QTimer  # made below, once the list it refreshes exists
        self.input = QLineEdit(self)
        self.input.setObjectName("searchInput")
        self.input.setProperty("role", "bigInput")
        self.input.textChanged.connect(lambda _t: self._debounce.start())
        self.input.installEventFilter(self)
        self.results = QTableWidget(0, 3, self)
        self.results.setObjectName("searchResults")
        self.results.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.doubleClicked.connect(self.accept)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self._hits: list[Any] = []
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._search)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(_buttons(self, "search"))
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Find item"))
        self.input.setPlaceholderText(self.tr("Name, pinyin initials, SKU or barcode"))
        self.results.setHorizontalHeaderLabels([self.tr("Item"), self.tr("SKU"), self.tr("Price")])

    def _search(self) -> None:
        text = self.input.text().strip()
        self._query_seq += 1
        seq = self._query_seq
        if not text:
            self._show([], seq)
            return
        self._runner.submit(
            self._catalog.search,
            text,
            on_result=lambda hits: self._show(hits, seq),
            on_error=lambda e: self.status.setText(describe(e)),
        )

    def _show(self, hits: list[Any], seq: int) -> None:
        if seq != self._query_seq:
            return  # an answer to an older query
        self._hits = list(hits)
        self.results.setRowCount(len(self._hits))
        for row, hit in enumerate(self._hits):
            name = hit.name_en if self._english and hit.name_en else hit.name
            self.results.setItem(row, 0, QTableWidgetItem(name))
            self.results.setItem(row, 1, QTableWidgetItem(hit.sku))
            price = QTableWidgetItem(format_money(hit.price))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.results.setItem(row, 2, price)
        if self._hits:
            self.results.selectRow(0)
        self.status.setText(self.tr("{0} found").format(len(self._hits)) if self.input.text().strip() else "")

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        """Up/Down in the search field move through the results, so hands stay on the keys."""
        if obj is self.input and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self._hits:
                row = min(max(self.results.currentRow() + step, 0), len(self._hits) - 1)
                self.results.selectRow(row)
                return True
        return super().eventFilter(obj, event)

    def accept(self) -> None:
        row = self.results.currentRow()
        if self._debounce.isActive() or not (0 <= row < len(self._hits)):
            self._debounce.stop()
            self._search()  # Enter before the results arrived: search now, pick on the next Enter
            return
        self.hit = self._hits[row]
        super().accept()


class RecallDialog(QDialog):
    """Pick one of the held tickets."""

    def __init__(self, held: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recallDialog")
        self.list = QListWidget(self)
        self.list.setObjectName("heldList")
        for ticket in held:
            item = QListWidgetItem(self._describe(ticket))
            item.setData(Qt.ItemDataRole.UserRole, ticket.ticket_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(_buttons(self, "recall"))
        self.setWindowTitle(self.tr("Recall a held ticket"))
        self.resize(560, 420)

    def _describe(self, ticket: Any) -> str:
        """Time held, items, total and the optional label: enough to find the customer's basket."""
        parts = [
            ticket.held_at.astimezone().strftime("%H:%M"),
            self.tr("{0} items").format(ticket.item_count),
            format_money(ticket.total),
        ]
        if ticket.label:
            parts.append(ticket.label)
        return "   ".join(parts)

    def selected_ticket_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

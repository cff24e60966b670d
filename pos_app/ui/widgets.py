"""The on-screen keypad shared by sign-in, lock, quantity and payment entry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget


class Keypad(QWidget):
    """Touch keypad that types into `target` without taking the focus away from it."""

    enterPressed = Signal()

    def __init__(
        self,
        target: QLineEdit,
        parent: QWidget | None = None,
        *,
        with_dot: bool = False,
        with_enter: bool = False,
        with_percent: bool = False,
        four_rows: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        if four_rows:  # a calculator's shape, for dialogs one key row shorter (payment at 768 px high)
            self._calculator(grid)
            self.retranslate()
            return
        for n in range(1, 10):
            row, col = divmod(n - 1, 3)
            grid.addWidget(
                self._button(f"keypad_{n}", str(n), lambda _=False, d=str(n): self._type(d)), 2 - row, col
            )
        self._clear = self._button("keypad_clear", "C", self._target.clear)
        self._back = self._button("keypad_back", "⌫", self._target.backspace)
        grid.addWidget(self._clear, 3, 0)
        grid.addWidget(self._button("keypad_0", "0", lambda: self._type("0")), 3, 1)
        grid.addWidget(self._back, 3, 2)
        if with_dot:
            grid.addWidget(self._button("keypad_dot", ".", lambda: self._type(".")), 4, 0)
        if with_percent:  # a discount is an amount or a percentage (10%)
            grid.addWidget(self._button("keypad_percent", "%", lambda: self._type("%")), 4, 2 if with_enter else 1)
        if with_enter:
            enter = self._button("keypad_enter", "↵", self.enterPressed.emit)
            enter.setProperty("role", "primary")
            grid.addWidget(enter, 4, 1, 1, 2)
        self.retranslate()

    def _calculator(self, grid: QGridLayout) -> None:
        """7 8 9 ⌫ / 4 5 6 ⌫ / 1 2 3 C / 0 0 . C: digits, "." beside "0", tall ⌫ and C."""
        for n in range(1, 10):
            row, col = divmod(n - 1, 3)
            grid.addWidget(self._button(f"keypad_{n}", str(n), lambda _=False, d=str(n): self._type(d)), 2 - row, col)
        grid.addWidget(self._button("keypad_0", "0", lambda: self._type("0")), 3, 0, 1, 2)
        grid.addWidget(self._button("keypad_dot", ".", lambda: self._type(".")), 3, 2)
        self._back = self._button("keypad_back", "⌫", self._target.backspace)
        self._clear = self._button("keypad_clear", "C", self._target.clear)
        for button in (self._back, self._clear):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        grid.addWidget(self._back, 0, 3, 2, 1)
        grid.addWidget(self._clear, 2, 3, 2, 1)

    def _button(self, name: str, text: str, slot: Callable[..., object]) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setProperty("role", "keypad")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setAutoRepeat(name == "keypad_back")
        b.clicked.connect(slot)
        return b

    def _type(self, text: str) -> None:
        self._target.insert(text)
        self._target.setFocus()

    def retranslate(self) -> None:
        self._clear.setToolTip(self.tr("Clear"))
        self._back.setToolTip(self.tr("Delete last digit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def fields_own_enter(dialog: QWidget) -> None:
    """Enter in a dialog's field runs that field's action only.

    A QLineEdit passes Enter on to its dialog after ``returnPressed``, and the dialog then clicks
    its auto-default button: a second action (a coupon submitted twice, a cash top-up beside the
    payment code's charge). Call at the end of a dialog's ``__init__`` whose fields act on Enter.
    """
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)

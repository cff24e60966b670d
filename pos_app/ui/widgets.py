"""The on-screen keypad shared by sign-in, lock, quantity and payment entry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget


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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
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

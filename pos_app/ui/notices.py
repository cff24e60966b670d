"""Non-modal notice bar: tells the cashier what happened without stopping the next scan.

A modal message box would swallow the next scan's Enter; the bar does not take focus,
hides itself after a while, and errors also beep so the cashier notices without looking.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


def beep() -> None:
    """Audible alert (no QtMultimedia in PySide6-Essentials; the system bell is enough)."""
    QApplication.beep()


class NoticeBar(QFrame):
    """One-line notice with a level (styled via the `level` property in till.qss)."""

    shown = Signal(str, str)  # level, text

    def __init__(self, parent: QWidget | None = None, *, auto_hide_ms: int = 6000) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.auto_hide_ms = auto_hide_ms
        self._label = QLabel(self)
        self._label.setObjectName("noticeText")
        self._label.setWordWrap(True)
        self._close = QToolButton(self)
        self._close.setObjectName("noticeClose")
        self._close.setText("×")
        self._close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.level = Level.INFO
        self.setProperty("level", Level.INFO.value)
        # Keep the space when hidden so the cart does not jump each time a notice comes and goes.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    def show_notice(self, text: str, level: Level = Level.INFO) -> None:
        self.level = level
        self.setProperty("level", level.value)
        # Re-polish so the style sheet's [level="..."] selector applies.
        for widget in (self, self._label, self._close):  # children's rules depend on the bar's level
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._label.setText(text)
        self.show()
        self._timer.start(self.auto_hide_ms if level is Level.INFO else self.auto_hide_ms * 2)
        if level is Level.ERROR:
            beep()
        self.shown.emit(level.value, text)

    def info(self, text: str) -> None:
        self.show_notice(text, Level.INFO)

    def warning(self, text: str) -> None:
        self.show_notice(text, Level.WARNING)

    def error(self, text: str) -> None:
        self.show_notice(text, Level.ERROR)

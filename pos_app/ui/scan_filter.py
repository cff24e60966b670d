"""Application-wide detection of keyboard-wedge scanner bursts.

A wedge scanner "types" a code a few milliseconds per key and ends it with Enter or Tab.
The filter holds back printable keys while they arrive faster than `max_gap_ms`; if the
burst ends with a terminator and is long enough it is a scan: the keys never reach the
focused widget and `scanned(code)` is emitted, wherever the focus was. Anything else is
human typing and the held keys are replayed, in order, to the widget they were meant for.

Input methods (pinyin IMEs) deliver characters as `QInputMethodEvent` commit strings
instead of key presses; those are buffered and replayed the same way, so no character is
doubled or lost.

A widget (or one of its ancestors) with the dynamic property `scanPassthrough` set to
True receives bursts as ordinary typing (e.g. the reference field of a card payment).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

PASSTHROUGH_PROPERTY = "scanPassthrough"

# The event classes this filter may act on. As an application filter it sees every event of every
# object (about thirty a scan: paints, posted calls, layouts); testing the class PySide gave the
# event is one set lookup, where `event.type()` built an enum object per event (bench/ui_scan.py).
_KEYS_OR_CLICKS = frozenset({QKeyEvent, QInputMethodEvent, QMouseEvent})

_TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
)


@dataclass(frozen=True)
class _Held:
    """One held-back input: a key press or an input-method commit."""

    text: str
    key: int = 0
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    is_commit: bool = False


class ScanFilter(QObject):
    """Event filter for QApplication that turns wedge-scanner bursts into `scanned(str)`."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = 30.0,
        min_length: int = 4,
        prefix: str = "",
        suffix: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        if max_gap_ms <= 0 or min_length < 1:
            raise ValueError("max_gap_ms must be > 0 and min_length >= 1")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.prefix = prefix
        self.suffix = suffix
        self._clock = clock
        self._held: list[_Held] = []
        self._target: QWidget | None = None
        self._last_at = 0.0
        self._replaying = False
        self.enabled = True
        # The timer only guarantees that a lone key is not held forever; whether two keys
        # belong to one burst is decided by the (injectable) clock.
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self.flush)

    # -- public ------------------------------------------------------------------------
    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def flush(self) -> None:
        """Replay held keys to their widget as ordinary typing."""
        self._flush_timer.stop()
        held, target = self._held, self._target
        self._held, self._target = [], None
        if not held or target is None or not shiboken6.isValid(target):
            return
        self._replaying = True
        try:
            for item in held:
                if item.is_commit:
                    ev = QInputMethodEvent()
                    ev.setCommitString(item.text)
                    QApplication.sendEvent(target, ev)
                else:
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QApplication.sendEvent(target, QKeyEvent(kind, item.key, item.modifiers, item.text))
        finally:
            self._replaying = False

    # -- event filter ------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if type(event) not in _KEYS_OR_CLICKS:
            return False
        etype = event.type()
        if etype == QEvent.Type.MouseButtonPress and self._held:
            self.flush()  # a click (e.g. on the keypad) must land after the keys typed before it
            return False
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        if self._replaying or not self.enabled or not self._is_receiver(obj):
            return False
        widget = cast(QWidget, obj)  # _is_receiver: a widget of ours
        if self._passthrough(widget):
            self.flush()
            return False
        if etype == QEvent.Type.InputMethod:
            return self._on_input_method(widget, cast(QInputMethodEvent, event))
        return self._on_key(widget, cast(QKeyEvent, event))

    @staticmethod
    def _is_receiver(obj: QObject) -> bool:
        """Only the first delivery to a widget counts, not QWindow copies or parent propagation."""
        if not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        return obj is focus or (focus is None and obj.isWindow())

    def _passthrough(self, widget: QWidget) -> bool:
        w: QWidget | None = widget
        while w is not None:
            if w.property(PASSTHROUGH_PROPERTY):
                return True
            w = w.parentWidget()
        return False

    def _on_key(self, obj: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self._clock()
        in_burst = bool(self._held) and (now - self._last_at) * 1000.0 <= self.max_gap_ms
        if key in _TERMINATORS:
            if in_burst and obj is self._target and self._complete_scan():
                return True
            self.flush()
            return False
        if event.isAutoRepeat():  # a held-down key repeats fast but is a person, not a scanner
            self.flush()
            return False
        text = event.text()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if not text or not text.isprintable() or mods != Qt.KeyboardModifier.NoModifier:
            self.flush()
            return False
        if self._held and (not in_burst or obj is not self._target):
            self.flush()
        self._hold(obj, _Held(text, key, event.modifiers()), now)
        return True

    def _on_input_method(self, obj: QWidget, event: QInputMethodEvent) -> bool:
        commit = event.commitString()
        if event.preeditString() or not commit or event.replacementLength():
            # Composition in progress (e.g. pinyin): a person is typing.
            self.flush()
            return False
        now = self._clock()
        in_burst = bool(self._held) and (now - self._last_at) * 1000.0 <= self.max_gap_ms
        if self._held and (not in_burst or obj is not self._target):
            self.flush()
        self._hold(obj, _Held(commit, is_commit=True), now)
        return True

    def _hold(self, target: QWidget, item: _Held, now: float) -> None:
        self._target = target
        self._held.append(item)
        self._last_at = now
        self._flush_timer.start(int(self.max_gap_ms) + 20)

    def _complete_scan(self) -> bool:
        """Emit the held burst as a scan if it qualifies; return False to replay it instead."""
        raw = "".join(item.text for item in self._held)
        if self.prefix and not raw.startswith(self.prefix):
            return False
        if self.suffix and not raw.endswith(self.suffix):
            return False
        code = raw[len(self.prefix) : len(raw) - len(self.suffix)]
        if len(code) < self.min_length:
            return False
        self._flush_timer.stop()
        self._held, self._target = [], None
        self.scanned.emit(code)
        return True

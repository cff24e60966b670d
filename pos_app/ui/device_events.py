"""Device and sync events from service threads re-emitted as Qt signals, handled on the GUI thread.

The serial scanner's codes and state, the drawer's outcomes, the printer's state and the sync
state are published by the services from their worker threads (see `pos_app.services.serial_scanner`,
`pos_app.services.printing` and `pos_app.services.sync_service`); this object subscribes once and
emits signals, which Qt queues to the GUI thread. `detach()` unsubscribes before the window goes
away. The status bar follows these signals; nothing polls the services for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext


class DeviceEvents(QObject):
    scanned = Signal(str)  # a code from the serial scanner
    scannerState = Signal(object)  # ScannerState
    drawer = Signal(object)  # DrawerOutcome
    printer = Signal(object)  # PrinterState
    sync = Signal(object)  # SyncState

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = [ctx.printing.add_drawer_listener(self.drawer.emit),
                             ctx.printing.add_listener(self.printer.emit),
                             ctx.sync.add_listener(self.sync.emit)]
        scanner = getattr(ctx, "scanner", None)
        if scanner is not None:
            self._unsubscribe += [scanner.add_code_listener(self.scanned.emit),
                                  scanner.add_state_listener(self.scannerState.emit)]

    def detach(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []


def typing_target() -> QLineEdit | None:
    """The focused field that takes scans as typing (`scanPassthrough`), as a wedge scanner's keys
    would reach it; None when scans are the window's to route."""
    focus = QApplication.focusWidget()
    if not isinstance(focus, QLineEdit):
        return None
    widget: QWidget | None = focus
    while widget is not None:
        if widget.property(PASSTHROUGH_PROPERTY):
            return focus
        widget = widget.parentWidget()
    return None


def type_scan(field: QLineEdit, code: str) -> None:
    """What a wedge scanner does to a passthrough field: the code's characters, then Enter."""
    field.insert(code)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))

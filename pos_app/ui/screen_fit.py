"""Every window fits the counter's screen and takes the keys, with or without a window manager.

Counter touch screens are often 1024×768, and Linux kiosk tills often run with no window
manager: then nothing keeps a dialog on the screen, and nothing gives a new window the keyboard
(a typed amount would land in the sale screen's scan field). `ScreenFit`, an application event
filter, handles each dialog as it is shown: too tall or too wide for the screen, its contents go
into a scroll area (its button row stays outside, always visible), it is capped to the screen and
moved onto it, then activated so it takes the keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout, QWidget

#: Room for a window manager's title bar and borders (none without a window manager, but harmless).
FRAME_ALLOWANCE = 40
SIDE_ALLOWANCE = 8
SCROLLED_PROPERTY = "screenFitScrolled"


def available_rect(widget: QWidget) -> QRect:
    """The screen area the widget may use (its parent's screen, else the primary)."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def make_scrollable(dialog: QDialog) -> None:
    """Move the dialog's contents into a scroll area; button boxes stay below it, visible."""
    layout = dialog.layout()
    if layout is None or dialog.property(SCROLLED_PROPERTY):
        return
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.parentWidget() is dialog]
    for box in boxes:
        layout.removeWidget(box)
    inner = QWidget()
    inner.setObjectName(f"{dialog.objectName()}Contents")
    inner.setLayout(layout)  # takes the layout and its widgets over from the dialog
    scroll = QScrollArea(dialog)
    scroll.setObjectName(f"{dialog.objectName()}Scroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the dialog's own field
    scroll.setWidget(inner)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, 1)
    for box in boxes:
        outer.addWidget(box)
    dialog.setProperty(SCROLLED_PROPERTY, True)


def fit_dialog(dialog: QDialog) -> None:
    """Cap the dialog to the screen (scrolling its contents if they need more) and put it on it."""
    area = available_rect(dialog)
    room_w, room_h = area.width() - SIDE_ALLOWANCE, area.height() - FRAME_ALLOWANCE
    needed = dialog.minimumSizeHint()
    if needed.height() > room_h or needed.width() > room_w:
        make_scrollable(dialog)
    dialog.setMaximumSize(room_w, room_h)
    width, height = min(dialog.width(), room_w), min(dialog.height(), room_h)
    dialog.resize(width, height)
    parent = dialog.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else area.center()
    max_x = area.left() + area.width() - SIDE_ALLOWANCE - width
    max_y = area.top() + area.height() - FRAME_ALLOWANCE - height
    dialog.move(min(max(centre.x() - width // 2, area.left()), max_x),
                min(max(centre.y() - height // 2, area.top()), max_y))


def take_focus(window: QWidget) -> None:
    """Activate a shown window and give the keys to its focus widget (no window manager does it)."""
    if not window.isVisible():
        return
    window.raise_()
    window.activateWindow()
    target = window.focusWidget()
    if target is not None:
        target.setFocus()


class ScreenFit(QObject):
    """Application event filter: each dialog shown fits the screen and then takes the keys."""

    EVENT_CLASSES = frozenset({QShowEvent})

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The class first: one lookup for the thirty-odd other events a scan sends (see scan_filter).
        if type(event) is QShowEvent and isinstance(obj, QDialog) and obj.isWindow():
            fit_dialog(obj)
            QTimer.singleShot(0, obj, lambda d=obj: self._settle(d))
        return False

    @staticmethod
    def _settle(dialog: QDialog) -> None:
        """Once the dialog is mapped and laid out: fit it again (a layout may have grown it while
        being shown), then give it the keys."""
        if dialog.isVisible():
            fit_dialog(dialog)
            take_focus(dialog)

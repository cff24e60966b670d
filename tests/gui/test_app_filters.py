"""The main window's application filters run as one: an event of a class no filter acts on never
reaches one (a scan's paints and posted calls), an activity key still keeps the till unlocked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from pos_app.ui.main_window import AppFilters, IdleWatcher


class Recorder(QObject):
    EVENT_CLASSES = frozenset({QKeyEvent})

    def __init__(self, eat: bool) -> None:
        super().__init__()
        self.eat, self.seen = eat, []

    def eventFilter(self, obj, event) -> bool:
        self.seen.append(event.type())
        return self.eat


def test_only_the_classes_a_filter_asks_for_reach_it_and_a_filter_can_still_eat_a_key(qtbot, till_qapp):
    eater, after = Recorder(eat=True), Recorder(eat=False)
    widget = QWidget()
    qtbot.addWidget(widget)
    filters = AppFilters(eater, after)
    till_qapp.installEventFilter(filters)
    try:
        widget.repaint()
        till_qapp.sendEvent(widget, QEvent(QEvent.Type.LayoutRequest))
        assert eater.seen == [] and after.seen == []
        till_qapp.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
        assert QEvent.Type.KeyPress in eater.seen and after.seen == []  # eaten by the first
    finally:
        till_qapp.removeEventFilter(filters)


def test_a_key_through_the_combined_filters_restarts_the_idle_timer(qtbot, till_qapp):
    idle = IdleWatcher(0.2)
    filters = AppFilters(idle)
    widget = QWidget()
    qtbot.addWidget(widget)
    till_qapp.installEventFilter(filters)
    try:
        idle.start()
        qtbot.wait(150)
        till_qapp.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
        assert idle._timer.remainingTime() > 100  # started again by the key
    finally:
        till_qapp.removeEventFilter(filters)
        idle.stop()

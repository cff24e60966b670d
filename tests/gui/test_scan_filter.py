"""The wedge-scanner filter: bursts become scans wherever the focus is; people type normally."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY, ScanFilter

SCAN_GAP_MS = 4
HUMAN_GAP_MS = 120


@pytest.fixture
def form(qtbot, till_qapp):
    """Two line edits in a window; `scans` collects what the filter emitted."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QLineEdit(window), QLineEdit(window)
    layout.addWidget(first)
    layout.addWidget(second)
    window.show()
    return window, first, second


@pytest.fixture
def scan_filter(till_qapp, clock):
    f = ScanFilter(max_gap_ms=30, min_length=4, clock=clock)
    f.scans = []
    f.scanned.connect(f.scans.append)
    f.install(till_qapp)
    yield f
    till_qapp.removeEventFilter(f)


def commit(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_burst_in_another_field_becomes_a_scan_and_leaves_the_field_untouched(
    qtbot, form, scan_filter, clock, focus, type_keys
):
    _, first, _ = form
    first.setText("note")
    focus(first)
    type_keys(first, "6900000000014", SCAN_GAP_MS)
    assert scan_filter.scans == ["6900000000014"]
    assert first.text() == "note"


def test_human_typing_reaches_the_field_once_and_in_order(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    entered = []
    first.returnPressed.connect(lambda: entered.append(first.text()))
    type_keys(first, "12345", HUMAN_GAP_MS)
    assert first.text() == "12345"
    assert entered == ["12345"]
    assert scan_filter.scans == []


def test_fast_but_too_short_burst_is_typing(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    type_keys(first, "12", SCAN_GAP_MS)
    assert first.text() == "12"
    assert scan_filter.scans == []


def test_held_key_is_released_when_no_terminator_follows(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    type_keys(first, "7", SCAN_GAP_MS, enter=False)
    assert first.text() == ""  # held back while a burst is still possible
    qtbot.waitUntil(lambda: first.text() == "7", timeout=1000)
    assert scan_filter.scans == []


def test_slow_prefix_then_burst_keeps_the_typed_text_and_scans_the_rest(
    qtbot, form, scan_filter, clock, focus, type_keys
):
    _, first, _ = form
    focus(first)
    type_keys(first, "ab", HUMAN_GAP_MS, enter=False)
    clock.advance_ms(500)
    type_keys(first, "4006381333931", SCAN_GAP_MS)
    qtbot.waitUntil(lambda: first.text() == "ab", timeout=1000)
    assert scan_filter.scans == ["4006381333931"]


def test_shifted_letters_from_a_scanner_stay_one_burst(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    for ch in "STAFF-0001":
        clock.advance_ms(SCAN_GAP_MS)
        if ch.isupper():
            QTest.keyPress(first, Qt.Key.Key_Shift)
        QTest.keyClick(
            first, ch, Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        )
    clock.advance_ms(SCAN_GAP_MS)
    QTest.keyClick(first, Qt.Key.Key_Tab)
    assert scan_filter.scans == ["STAFF-0001"]
    assert first.text() == ""


def test_input_method_commits_in_a_burst_are_a_scan_without_doubling(
    qtbot, form, scan_filter, clock, focus, type_keys
):
    _, first, _ = form
    focus(first)
    for ch in "6901234567892":
        clock.advance_ms(SCAN_GAP_MS)
        commit(first, ch)
    clock.advance_ms(SCAN_GAP_MS)
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert scan_filter.scans == ["6901234567892"]
    assert first.text() == ""


def test_slow_input_method_commits_are_typed_exactly_once(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    for text in ("可口", "可乐", "1"):
        clock.advance_ms(HUMAN_GAP_MS)
        commit(first, text)
    clock.advance_ms(HUMAN_GAP_MS)
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert first.text() == "可口可乐1"
    assert scan_filter.scans == []


def test_pinyin_composition_releases_held_keys_before_it(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, _ = form
    focus(first)
    type_keys(first, "9", SCAN_GAP_MS, enter=False)
    clock.advance_ms(SCAN_GAP_MS)
    QApplication.sendEvent(first, QInputMethodEvent("ke", []))
    assert first.text() == "9"
    assert scan_filter.scans == []


def test_configured_prefix_and_suffix_are_required_and_stripped(
    qtbot, form, till_qapp, clock, focus, type_keys
):
    _, first, _ = form
    f = ScanFilter(max_gap_ms=30, min_length=4, prefix="]E", suffix="#", clock=clock)
    scans: list[str] = []
    f.scanned.connect(scans.append)
    f.install(till_qapp)
    try:
        focus(first)
        type_keys(first, "]E12345678#", SCAN_GAP_MS)
        assert scans == ["12345678"]
        type_keys(first, "12345678", SCAN_GAP_MS)  # no prefix: not from this scanner
        assert scans == ["12345678"]
        assert first.text() == "12345678"
    finally:
        till_qapp.removeEventFilter(f)


def test_passthrough_field_receives_the_burst_as_typing(qtbot, form, scan_filter, clock, focus, type_keys):
    _, _, second = form
    second.setProperty(PASSTHROUGH_PROPERTY, True)
    entered = []
    second.returnPressed.connect(lambda: entered.append(second.text()))
    focus(second)
    type_keys(second, "REF778899", SCAN_GAP_MS)
    assert second.text() == "REF778899"
    assert entered == ["REF778899"]
    assert scan_filter.scans == []


def test_burst_is_not_split_across_a_focus_change(qtbot, form, scan_filter, clock, focus, type_keys):
    _, first, second = form
    focus(first)
    type_keys(first, "55", SCAN_GAP_MS, enter=False)
    focus(second)
    type_keys(second, "66", SCAN_GAP_MS, enter=False)
    qtbot.waitUntil(lambda: second.text() == "66", timeout=1000)
    assert first.text() == "55"
    assert scan_filter.scans == []


@pytest.mark.parametrize("kwargs", [{"max_gap_ms": 0}, {"min_length": 0}])
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError, match="max_gap_ms"):
        ScanFilter(**kwargs)


def test_a_click_releases_held_keys_first_so_the_order_is_kept(
    qtbot, form, scan_filter, clock, focus, type_keys
):
    window, first, _ = form
    button = QPushButton("2", window)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(lambda: first.insert("2"))
    button.show()
    focus(first)
    type_keys(first, "1", SCAN_GAP_MS, enter=False)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert first.text() == "12"


def test_a_held_down_key_is_typing_not_a_scan(qtbot, form, scan_filter, clock, focus):
    _, first, _ = form
    focus(first)
    QTest.keyClick(first, "1")
    for _ in range(8):
        clock.advance_ms(SCAN_GAP_MS)
        QApplication.sendEvent(
            first, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1", True)
        )
    clock.advance_ms(SCAN_GAP_MS)
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert first.text() == "1" * 9
    assert scan_filter.scans == []

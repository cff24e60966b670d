"""Fixtures for the GUI tests: a QApplication set up like the till's, real services on a
seeded SQLite file, and a fake clock for scanner timing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.ui.i18n import apply_font, load_style_sheet


class FakeClock:
    """Monotonic seconds the test advances by hand, so key timing is exact."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def till_qapp(qapp: QApplication) -> QApplication:
    """The session QApplication with the till's font and style sheet."""
    apply_font(qapp)
    load_style_sheet(qapp)
    return qapp


@pytest.fixture
def type_keys(clock: FakeClock):
    """`type_keys(widget, text, gap_ms, enter=True)`: keys `gap_ms` apart (scanner ~5 ms, person 100+ ms)."""

    def type_(widget: QWidget, text: str, gap_ms: float, enter: bool = True) -> None:
        for ch in text:
            clock.advance_ms(gap_ms)
            QTest.keyClick(widget, ch)
        if enter:
            clock.advance_ms(gap_ms)
            QTest.keyClick(widget, Qt.Key.Key_Return)

    return type_


@pytest.fixture
def focus(qtbot):
    """`focus(widget)`: show and activate its window, then give `widget` the keyboard focus."""

    def focus_(widget: QWidget) -> None:
        window = widget.window()
        if not window.isVisible():
            window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        widget.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)

    return focus_


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo-seeded data dir built once per session (PIN hashing is slow on purpose)."""
    from pos_app.bootstrap import build_app
    from pos_app.config import Config
    from pos_app.services.demo import seed_demo

    data_dir = tmp_path_factory.mktemp("seeded")
    ctx = build_app(Config(language="zh_CN"), data_dir)
    seed_demo(ctx.db, ctx.config)
    ctx.close()
    return data_dir


@pytest.fixture
def data_dir(seeded_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(seeded_template, target)
    return target


@pytest.fixture
def make_ctx(data_dir: Path) -> Iterator:
    """Build the real AppContext on this test's copy of the seeded database."""
    from pos_app.bootstrap import build_app
    from pos_app.config import Config

    built = []

    def make(language: str = "zh_CN", **overrides):
        ctx = build_app(Config(language=language, **overrides), data_dir)
        built.append(ctx)
        return ctx

    yield make
    for ctx in built:
        ctx.close()


@pytest.fixture
def on_dialog(qtbot):
    """`on_dialog(object_name, action)`: run `action(dialog)` once that modal dialog is up.

    Dialogs run their own event loop (exec), so the action is armed before the key or click
    that opens the dialog, and runs inside that loop. An action that fails closes its dialog, so
    the test fails with the action's error instead of hanging in exec; the error is raised at teardown.
    """
    seen: list[str] = []
    failures: list[BaseException] = []

    def arm(name: str, action, timeout_ms: int = 5000) -> None:
        deadline = [timeout_ms // 10]

        def poll() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.objectName() == name and modal.isVisible():
                seen.append(name)
                try:
                    action(modal)
                except BaseException as exc:  # kept, and raised at teardown
                    failures.append(exc)
                    modal.reject()
            elif deadline[0] > 0:
                deadline[0] -= 1
                QTimer.singleShot(10, poll)

        QTimer.singleShot(0, poll)

    arm.seen = seen
    yield arm
    if failures:
        raise failures[0]


@pytest.fixture
def till(qtbot, till_qapp, make_ctx, clock):
    """`till(language="en", idle_lock_seconds=0)`: the real main window on the seeded database."""
    from pos_app.ui.i18n import LanguageManager
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.scan_filter import ScanFilter

    made = []

    def make(language: str = "en", idle_lock_seconds: float = 0, **config):
        ctx = make_ctx(language, **config)
        languages = LanguageManager(till_qapp)
        languages.set_language(language)
        scan_filter = ScanFilter(max_gap_ms=30, min_length=4, clock=clock)
        scan_filter.install(till_qapp)
        window = MainWindow(
            ctx, scan_filter=scan_filter, languages=languages, idle_lock_seconds=idle_lock_seconds
        )
        window.ask_before_closing = False  # the ✕ question is for people (its tests turn it on)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append((window, scan_filter, languages))
        return window

    yield make
    for window, scan_filter, languages in made:
        window.close()
        till_qapp.removeEventFilter(scan_filter)
        for translator in languages._translators:
            till_qapp.removeTranslator(translator)

"""Entry point of the till UI, called by the CLI (`pos-app run`) with a built AppContext.

    from pos_app.ui.app import run
    exit_code = run(ctx)            # creates QApplication, shows the window, runs the loop

`create_main_window(ctx, app)` builds the same window on an existing QApplication
(the GUI tests and screenshots use it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.ui import startup_probe
from pos_app.ui.cart_model import set_display_currency
from pos_app.ui.garbage import MainThreadCollector
from pos_app.ui.i18n import LanguageManager, apply_font, apply_window_icon, load_style_sheet
from pos_app.ui.main_window import MainWindow
from pos_app.ui.scan_filter import ScanFilter

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext

APP_NAME = "O2O Till"


def scan_filter_from_config(config: Any, parent: Any = None) -> ScanFilter:
    scanner = config.scanner
    return ScanFilter(
        parent,
        max_gap_ms=scanner.max_key_gap_ms,
        min_length=scanner.min_length,
        prefix=scanner.prefix,
        suffix=scanner.suffix,
    )


def create_main_window(ctx: AppContext, app: QApplication) -> MainWindow:
    """Language, font, style sheet and scanner filter on `app`, the main window, then the
    collector that keeps garbage collection on the UI thread (see `pos_app.ui.garbage`)."""
    app.setApplicationName(APP_NAME)
    set_display_currency(ctx.config.currency)  # amounts on screen in the store's minor units
    languages = LanguageManager(app)
    languages.set_language(ctx.config.language)
    apply_font(app)
    load_style_sheet(app)
    apply_window_icon(app)
    scan_filter = scan_filter_from_config(ctx.config, app)
    scan_filter.install(app)
    window = MainWindow(ctx, scan_filter=scan_filter, languages=languages)
    MainThreadCollector(window).start()  # after the window, so what start-up built is frozen
    return window


def run_first_run(ctx: AppContext, config_path: Any, start_at: str = "language", argv: list[str] | None = None) -> str | None:
    """The first-run wizard as its own window; "paired" or "demo" when the till is ready, None if
    the window was closed (the CLI then rebuilds the app from the config the wizard wrote)."""
    from pos_app.ui.first_run import FirstRunWizard

    app = cast(QApplication, QApplication.instance()) or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    languages = LanguageManager(app)
    languages.set_language(ctx.config.language)
    apply_font(app)
    load_style_sheet(app)
    wizard = FirstRunWizard(ctx, languages, config_path, start_at=start_at)
    outcome: list[str] = []
    wizard.done.connect(lambda how: (outcome.append(how), wizard.close()))
    MainThreadCollector(wizard).start()
    wizard.resize(1024, 768)
    wizard.show()
    startup_probe.install(app, wizard)  # the packaged smoke test sees a fresh till's first window
    app.exec()
    return outcome[0] if outcome else None


def run(ctx: AppContext, argv: list[str] | None = None, *, after_shown: Callable[[], None] | None = None) -> int:
    """Show the till window and run the Qt event loop until it closes; returns the exit code.

    `after_shown` runs first thing in the event loop, once the window is on screen (the CLI starts
    the background workers there: opening devices and the platform need not delay the login screen)."""
    app = cast(QApplication, QApplication.instance()) or QApplication(argv if argv is not None else sys.argv)
    window = create_main_window(ctx, app)
    window.showMaximized()
    if after_shown is not None:
        QTimer.singleShot(0, after_shown)
    startup_probe.install(app, window)  # only when POS_STARTUP_PROBE asks for it
    return app.exec()

"""Run by test_screen_fit under a real X server (Xvfb, no window manager): builds the till on a
seeded database, opens each dialog and prints, as JSON, where it landed and who has the keys.

Usage: python fit_probe.py DATA_DIR LANGUAGE (with DISPLAY set and QT_QPA_PLATFORM=xcb).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog


def shoot(name: str) -> None:
    """With POS_SCREENSHOTS_DIR set: the whole 1024×768 screen as the cashier sees it."""
    target = os.environ.get("POS_SCREENSHOTS_DIR")
    if target:
        QGuiApplication.primaryScreen().grabWindow(0).save(str(Path(target) / f"1024x768_{name}.png"))


def probe(dialog: QDialog) -> dict:
    shoot(f"{dialog.objectName()}_{sys.argv[2]}")
    screen = QGuiApplication.primaryScreen().geometry()
    frame = dialog.frameGeometry()
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    hidden = []
    for b in buttons:
        top_left = b.mapTo(dialog, b.rect().topLeft())
        bottom_right = b.mapTo(dialog, b.rect().bottomRight())
        if not (dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right)):
            if not _inside_scroll(b):
                hidden.append(b.objectName() or b.text())
    focus = QApplication.focusWidget()
    return {
        "name": dialog.objectName(),
        "screen": [screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "inside": screen.contains(frame),
        "buttons_cut": hidden,
        "scrolled": bool(dialog.property("screenFitScrolled")),
        "focus_window_is_dialog": QGuiApplication.focusWindow() is dialog.windowHandle(),
        "focus_widget": focus.objectName() if focus is not None else None,
    }


def _inside_scroll(widget) -> bool:
    """A button inside a scroll area is reachable by scrolling (the button rows are kept outside)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName().endswith("Scroll"):
            return True
        parent = parent.parentWidget()
    return False


def main() -> None:
    data_dir, language = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv[:1])
    from pos_app.bootstrap import build_app
    from pos_app.config import Config
    from pos_app.services.demo_catalog import gtin13
    from pos_app.ui.app import create_main_window
    from pos_app.ui.main_window import HelpDialog
    from pos_app.ui.manager_menu import ManagerMenu
    from pos_app.ui.payment_dialog import PaymentDialog
    from pos_app.ui.shift_cash import CashManagementDialog
    from pos_app.ui.shift_close import CloseShiftDialog, ReportDialog

    ctx = build_app(Config(language=language), data_dir)
    window = create_main_window(ctx, app)
    window.ask_before_closing = False
    window.showMaximized()
    session = ctx.auth.login_badge("STAFF-0008")
    window.login.loggedIn.emit(session)
    ctx.shifts.open_shift(session, {"note_100": 2})
    ctx.checkout.set_user(session)
    ctx.checkout.scan(gtin13("690000000007"))
    snapshot = ctx.checkout.total()
    results: dict = {"window": None, "dialogs": []}
    makers = [
        lambda: CashManagementDialog(ctx.shifts, ctx.auth, window.runner, session, window),
        lambda: ReportDialog(ctx.reports, window.runner, None, window),
        lambda: CloseShiftDialog(ctx, window.runner, session, window),
        lambda: PaymentDialog(ctx.checkout, window.runner, snapshot, window),
        lambda: HelpDialog(window),
        lambda: ManagerMenu(window),
    ]

    def step() -> None:
        if results["window"] is None:
            shoot(f"sale_{sys.argv[2]}")
            geo = window.frameGeometry()
            results["window"] = {"frame": [geo.x(), geo.y(), geo.width(), geo.height()],
                                 "inside": QGuiApplication.primaryScreen().geometry().contains(geo)}
        if not makers:
            print(json.dumps(results))
            window.close()
            ctx.close()
            app.quit()
            return
        dialog = makers.pop(0)()
        dialog.open()  # modal, like exec(), without a nested loop
        QTimer.singleShot(1500, lambda: (results["dialogs"].append(probe(dialog)), dialog.done(0),
                                         QTimer.singleShot(200, step)))

    QTimer.singleShot(1500, step)
    app.exec()


if __name__ == "__main__":
    main()

"""Start-up probe for `bench/startup.py` and the packaging smoke tests (off unless asked for).

With `POS_STARTUP_PROBE=<file.json>` in the environment, `pos-app run` writes, once its window is
shown and the event loop has gone idle, the wall-clock times of both, the window's visible texts
(so a test can see the language), the modules imported when the window was shown (so a test can
keep heavy imports off the login path) and a grab of the window beside the file (`.png`); then it closes
after `POS_STARTUP_PROBE_LINGER_MS` (default 0). Wall-clock times let the caller measure from
before it started the process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

ENV = "POS_STARTUP_PROBE"
LINGER_ENV = "POS_STARTUP_PROBE_LINGER_MS"


def visible_texts(window: QWidget) -> list[str]:
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    return texts


def install(app: QApplication, window: QWidget) -> None:
    """Call right after the window is shown."""
    target = os.environ.get(ENV)
    if not target:
        return
    shown_at = time.time()
    modules = sorted(sys.modules)
    linger_ms = int(os.environ.get(LINGER_ENV, "0"))

    def idle() -> None:
        path = Path(target)
        report = {"shown_at": shown_at, "idle_at": time.time(), "pid": os.getpid(),
                  "title": window.windowTitle(), "texts": visible_texts(window), "modules_at_shown": modules}
        window.grab().save(str(path.with_suffix(".png")))
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        QTimer.singleShot(linger_ms, app.quit)  # not close(): no close confirmation to answer

    QTimer.singleShot(0, idle)

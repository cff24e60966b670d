"""The cyclic garbage collector, run on the UI thread only.

Python runs a collection in whichever thread happens to allocate past the threshold. When
that is a worker (a checkout job, a print or sync thread) and the garbage holds a Qt widget
left in a reference cycle, the widget is destroyed outside the GUI thread and Qt crashes
the process (seen in CI: a segfault "Garbage-collecting" in a worker's SQLAlchemy call).
So automatic collection is switched off and a timer on the UI thread collects instead,
with the same per-generation thresholds Python would use.

Start-up objects are frozen out of the generations first (`gc.freeze()`): the window, the
services and Qt's wrappers live until exit, and every full collection would walk them again
in the middle of a scan (bench/ui_scan.py prints the longest collection while scanning).
They are frozen without a collection first: start-up leaves a few hundred garbage objects
among ~200,000, and walking them all cost ~0.1 s of the cold start (bench/startup.py).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """While started, the only thing that runs the cyclic collector is this object's timer."""

    INTERVAL_MS = 250  # a few scans apart (a scanner fires every ~100 ms); bench/ui_scan.py prints the longest

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = gc.isenabled()

    def start(self, *, freeze: bool = True) -> None:
        """Freeze what exists now (or, without `freeze`, collect once) and take collection over
        from Python."""
        self._was_enabled = gc.isenabled()
        if freeze:
            gc.freeze()
        else:
            gc.collect()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything left on this thread and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; returns it, or None."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = None
        for generation in range(3):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                due = generation
        if due is not None:
            gc.collect(due)
        return due

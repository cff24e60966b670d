"""Run blocking calls off the UI thread and deliver their outcome back on it by signal.

`TaskRunner` owns a thread pool. With `max_threads=1` jobs run strictly one after the
other in submission order, which is what the checkout needs: scans that arrive while an
earlier one is still being processed must land on the ticket in the order scanned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    """Lives on the UI thread; emitted from the worker, so delivery is queued to the UI thread.
    One per runner, each signal carrying its job: connecting three signals for every job cost
    about 80 µs of the UI thread on each scan's hand-off (bench/ui_scan.py)."""

    result = Signal(object, object)  # (job, value)
    error = Signal(object, object)  # (job, exception)
    finished = Signal(object)  # job


class Job(QRunnable):
    """One call of `fn(*args, **kwargs)` in a pool thread, reported through `signals`."""

    def __init__(self, signals: _JobSignals, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = signals  # also keeps them alive while the job may still report
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.on_result: Callable[[Any], object] | None = None
        self.on_error: Callable[[BaseException], object] | None = None

    def run(self) -> None:
        try:
            value = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # delivered to the UI, which decides what the cashier sees
            log.debug("job %r failed", self._fn, exc_info=True)
            self.signals.error.emit(self, exc)
        else:
            self.signals.result.emit(self, value)
        finally:
            self.signals.finished.emit(self)


class TaskRunner(QObject):
    """Submit callables to worker threads; `busyChanged` tells the UI when work is pending."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[Job] = set()  # keeps the Python objects alive until the job has reported
        # Delivered through this runner's own slots: once the runner (and the window owning it)
        # is gone, Qt drops the connections and no callback reaches a deleted widget. The signals
        # object has no parent: the jobs still running keep it alive.
        self._signals = _JobSignals()
        self._signals.result.connect(self._result)
        self._signals.error.connect(self._error)
        self._signals.finished.connect(self._finished)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        **kwargs: Any,
    ) -> Job:
        job = Job(self._signals, fn, *args, **kwargs)
        job.on_result, job.on_error = on_result, on_error
        was_busy = self.busy
        self._pending.add(job)
        if not was_busy:
            self.busyChanged.emit(True)
        self._pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until all jobs ran (shutdown and tests only; never from a UI handler)."""
        return self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _result(self, job: Job, value: Any) -> None:
        if job in self._pending and job.on_result is not None:
            job.on_result(value)

    @Slot(object, object)
    def _error(self, job: Job, exc: BaseException) -> None:
        if job in self._pending and job.on_error is not None:
            job.on_error(exc)

    @Slot(object)
    def _finished(self, job: Job) -> None:
        self._pending.discard(job)
        if not self._pending:
            self.busyChanged.emit(False)

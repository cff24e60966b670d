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
    """Lives on the UI thread; emitted from the worker, so delivery is queued to the UI thread."""

    result = Signal(object)
    error = Signal(object)
    finished = Signal()


class Job(QRunnable):
    """One call of `fn(*args, **kwargs)` in a pool thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _JobSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.on_result: Callable[[Any], object] | None = None
        self.on_error: Callable[[BaseException], object] | None = None

    def run(self) -> None:
        try:
            value = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # delivered to the UI, which decides what the cashier sees
            log.debug("job %r failed", self._fn, exc_info=True)
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Submit callables to worker threads; `busyChanged` tells the UI when work is pending."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: dict[QObject, Job] = {}

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
        job = Job(fn, *args, **kwargs)
        job.on_result, job.on_error = on_result, on_error
        # Delivered through this runner's own slots: once the runner (and the window owning it)
        # is gone, Qt drops the connections and no callback reaches a deleted widget.
        job.signals.result.connect(self._result)
        job.signals.error.connect(self._error)
        job.signals.finished.connect(self._finished)
        was_busy = self.busy
        self._pending[job.signals] = job  # keeps the Python objects alive until the job has reported
        if not was_busy:
            self.busyChanged.emit(True)
        self._pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until all jobs ran (shutdown and tests only; never from a UI handler)."""
        return self._pool.waitForDone(msecs)

    def _job(self) -> Job | None:
        return self._pending.get(self.sender())

    @Slot(object)
    def _result(self, value: Any) -> None:
        job = self._job()
        if job is not None and job.on_result is not None:
            job.on_result(value)

    @Slot(object)
    def _error(self, exc: BaseException) -> None:
        job = self._job()
        if job is not None and job.on_error is not None:
            job.on_error(exc)

    @Slot()
    def _finished(self) -> None:
        self._pending.pop(self.sender(), None)
        if not self._pending:
            self.busyChanged.emit(False)

"""The task runner hands each job's outcome to that job's own callbacks, in order, on the UI
thread, through one signals object per runner (no connections made per job)."""

from __future__ import annotations

import threading

from pos_app.ui.workers import TaskRunner


def fail(message: str) -> None:
    raise ValueError(message)


def test_each_job_reports_to_its_own_callbacks_in_order_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    seen: list[tuple[str, object, bool]] = []
    busy: list[bool] = []
    runner.busyChanged.connect(busy.append)
    ui = threading.current_thread()
    for n in range(5):
        runner.submit(lambda n=n: n * 10,
                      on_result=lambda v, n=n: seen.append((f"ok{n}", v, threading.current_thread() is ui)))
    runner.submit(fail, "bad", on_error=lambda e: seen.append(("error", str(e), threading.current_thread() is ui)))
    runner.submit(lambda: "unheard")  # no callbacks: nothing to deliver
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == [(f"ok{n}", n * 10, True) for n in range(5)] + [("error", "bad", True)]
    assert busy == [True, False]


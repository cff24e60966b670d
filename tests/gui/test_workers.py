"""Workers: blocking calls leave the UI thread free and report back on it, in order."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer

from pos_app.ui.workers import TaskRunner


def test_result_arrives_on_the_ui_thread_from_another_thread(qtbot, till_qapp):
    runner = TaskRunner()
    ran_in: list[threading.Thread] = []
    got: list[tuple[int, threading.Thread]] = []

    def job(x: int) -> int:
        ran_in.append(threading.current_thread())
        return x * 2

    runner.submit(job, 21, on_result=lambda v: got.append((v, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(got), timeout=2000)
    assert got[0][0] == 42
    assert got[0][1] is threading.main_thread()
    assert ran_in[0] is not threading.main_thread()


def test_an_exception_is_delivered_as_error_not_raised(qtbot, till_qapp):
    runner = TaskRunner()
    errors: list[BaseException] = []
    results: list[object] = []

    def job() -> None:
        raise ValueError("printer said no")

    runner.submit(job, on_result=results.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    assert str(errors[0]) == "printer said no"
    assert results == []


def test_event_loop_keeps_turning_while_a_slow_job_runs(qtbot, till_qapp):
    runner = TaskRunner()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    done: list[int] = []
    runner.submit(time.sleep, 0.6, on_result=lambda _: done.append(len(ticks)))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    timer.stop()
    assert done[0] >= 10  # ~30 ticks fit in 0.6 s; a blocked loop would give 0


def test_serial_runner_keeps_submission_order_and_reports_busy(qtbot, till_qapp):
    runner = TaskRunner(max_threads=1)
    busy: list[bool] = []
    runner.busyChanged.connect(busy.append)
    order: list[int] = []
    for i in range(20):
        runner.submit(lambda i=i: (time.sleep(0.002 * (i % 3)), i)[1], on_result=order.append)
    qtbot.waitUntil(lambda: len(order) == 20, timeout=5000)
    qtbot.waitUntil(lambda: busy == [True, False], timeout=2000)
    assert order == list(range(20))
    assert not runner.busy


def test_results_for_a_closed_window_are_dropped_not_delivered(qtbot, till_qapp):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    runner = TaskRunner(window)
    got: list[int] = []
    runner.submit(lambda: time.sleep(0.2) or 7, on_result=got.append)
    window.deleteLater()  # the pool waits for the running job, whose result is then queued
    qtbot.waitUntil(lambda: not _alive(runner), timeout=2000)
    qtbot.wait(100)  # a delivery would happen here and raise into a deleted runner
    assert got == []


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


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

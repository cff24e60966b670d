"""Garbage made and dropped in a worker thread is collected on the UI thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from pos_app.ui.garbage import MainThreadCollector


def _drop_a_widget_cycle_and_allocate(collected_in: list[int]) -> None:
    """What a worker does: leave a Qt object in a cycle, then allocate past every threshold."""
    holder = {"qt": QObject()}
    holder["self"] = holder
    marker = type("Marker", (), {})()
    holder["marker"] = marker
    weakref.finalize(marker, lambda: collected_in.append(threading.get_ident()))
    del holder, marker
    churn = [[] for _ in range(gc.get_threshold()[0] * 20)]
    for item in churn:
        item.append(item)  # cycles, so the young generation fills as it would under load
    del churn


def test_a_cycle_dropped_by_a_worker_is_collected_on_the_ui_thread(qtbot):
    collector = MainThreadCollector(interval_ms=20)
    gc.enable()  # as Python starts: collection would run in whichever thread allocates
    collector.start(freeze=False)
    try:
        collected_in: list[int] = []
        worker = threading.Thread(target=_drop_a_widget_cycle_and_allocate, args=(collected_in,))
        worker.start()
        worker.join()
        assert collected_in == []  # the worker allocated past the thresholds and did not collect
        qtbot.waitUntil(lambda: bool(collected_in), timeout=5000)
        assert collected_in == [threading.main_thread().ident]
    finally:
        collector.stop()
    assert gc.isenabled()  # handed back as found


def test_a_collection_is_run_only_when_a_generation_passed_its_threshold(qtbot):
    collector = MainThreadCollector()
    collector.start(freeze=False)
    try:
        gc.collect()
        assert collector.collect_due() is None
        keep = [[] for _ in range(gc.get_threshold()[0] + 10)]
        assert collector.collect_due() == 0
        assert gc.get_count()[0] < gc.get_threshold()[0]
        del keep
    finally:
        collector.stop()

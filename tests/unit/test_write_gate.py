"""The write gate: a foreground writer waiting goes before any waiting background writer."""

from __future__ import annotations

import sys
import threading

from pos_app.store.write_gate import SYNC_SWITCH_INTERVAL_S, WriteGate, short_thread_slices


def _writer(gate: WriteGate, background: bool, name: str, order: list[str], started: threading.Event) -> threading.Thread:
    def run() -> None:
        started.set()
        with gate.hold(background):
            order.append(name)
    return threading.Thread(target=run, name=name)


def _wait_until_queued(gate: WriteGate, foreground: int) -> None:
    while True:
        with gate._cond:
            if gate._foreground_waiting >= foreground:
                return
        threading.Event().wait(0.005)


def test_a_waiting_scan_goes_before_the_next_sync_page():
    gate, order = WriteGate(timeout_s=30), []
    with gate.hold(background=True):  # a sync page is being written
        started_bg, started_fg = threading.Event(), threading.Event()
        next_page = _writer(gate, True, "sync page 2", order, started_bg)
        next_page.start()
        started_bg.wait()
        scan = _writer(gate, False, "scan", order, started_fg)
        scan.start()
        _wait_until_queued(gate, 1)
    scan.join(10)
    next_page.join(10)
    assert order == ["scan", "sync page 2"]


def test_the_same_thread_may_nest_writes_and_a_stuck_holder_only_delays_a_writer_by_the_timeout():
    gate, order = WriteGate(timeout_s=0.05), []
    with gate.hold(), gate.hold(background=True):
        order.append("nested")
    hold_forever, release = threading.Event(), threading.Event()

    def holder() -> None:
        with gate.hold():
            hold_forever.set()
            release.wait(10)
    t = threading.Thread(target=holder)
    t.start()
    hold_forever.wait(10)
    with gate.hold():  # gives up on the gate after its timeout; SQLite's busy timeout decides then
        order.append("after timeout")
    release.set()
    t.join(10)
    assert order == ["nested", "after timeout"]


def test_a_sync_run_has_short_thread_slices_and_gives_the_interval_back():
    before = sys.getswitchinterval()
    with short_thread_slices():
        assert sys.getswitchinterval() == SYNC_SWITCH_INTERVAL_S
        with short_thread_slices(0.01):  # never longer than what is set already
            assert sys.getswitchinterval() == SYNC_SWITCH_INTERVAL_S
    assert sys.getswitchinterval() == before


def test_a_background_thread_yields_while_the_cashier_waits_for_or_holds_the_gate_but_not_for_a_sync_write():
    gate, order = WriteGate(timeout_s=30), []
    with gate.hold(background=True):  # the sync writer's page: the fetch thread does not wait for it
        gate.yield_to_foreground()
        order.append("fetch ran beside the sync write")
    inside, release = threading.Event(), threading.Event()

    def scan() -> None:
        with gate.hold():
            inside.set()
            release.wait(10)
            order.append("scan")

    def fetch() -> None:
        gate.yield_to_foreground()
        order.append("fetch")

    scanner = threading.Thread(target=scan)
    scanner.start()
    inside.wait(10)
    fetcher = threading.Thread(target=fetch)
    fetcher.start()
    fetcher.join(0.2)
    assert fetcher.is_alive()  # held back while the scan holds the gate
    release.set()
    scanner.join(10)
    fetcher.join(10)
    assert order == ["fetch ran beside the sync write", "scan", "fetch"]


def test_a_stuck_cashier_holds_the_fetch_thread_back_only_for_the_timeout():
    gate = WriteGate(timeout_s=0.05)
    with gate.hold():
        done = threading.Event()
        t = threading.Thread(target=lambda: (gate.yield_to_foreground(), done.set()))
        t.start()
        t.join(10)
        assert done.is_set()

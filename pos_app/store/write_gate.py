"""Who writes next in this process: the cashier before the sync worker.

SQLite lets one writer at a time; a writer that finds the database locked sleeps in its busy
handler with growing naps (up to 100 ms), so a scan arriving while the sync worker writes a page
could wait the whole page plus a nap. The gate queues the process's write transactions in
Python instead: a foreground writer (a scan, a sale) is handed the gate the moment the current
transaction ends, and a background writer (a sync page) waits while any foreground writer wants
it. Another process (``pos-app sync --once``) is kept short by the size of its transactions.

Waiting is bounded by SQLite's own busy timeout: past it, the writer goes on and SQLite decides,
so a mistake here can slow a write down but never hang it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class WriteGate:
    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._cond = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self._foreground_waiting = 0
        self._foreground_owner = False

    def _free_for(self, me: int, background: bool) -> bool:
        if self._owner == me:
            return True
        return self._owner is None and not (background and self._foreground_waiting)

    @contextmanager
    def hold(self, background: bool = False) -> Iterator[None]:
        me = threading.get_ident()
        deadline = time.monotonic() + self.timeout_s
        with self._cond:
            if not background:
                self._foreground_waiting += 1
            try:
                while not self._free_for(me, background):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._cond.wait(left)
                gated = self._free_for(me, background)
                if gated:
                    if self._owner is None:
                        self._foreground_owner = not background
                    self._owner = me
                    self._depth += 1
            finally:
                if not background:
                    self._foreground_waiting -= 1
                    self._cond.notify_all()
        try:
            yield
        finally:
            if gated:
                with self._cond:
                    self._depth -= 1
                    if self._depth == 0:
                        self._owner, self._foreground_owner = None, False
                    self._cond.notify_all()

    def yield_to_foreground(self) -> None:
        """Wait while a foreground writer waits for the gate or holds it (bounded by the timeout).

        For a background thread that computes rather than writes (the sync fetch thread validating
        and preparing the next page): each of its calls into pydantic holds the GIL for milliseconds,
        so the scan's transaction, though first at the gate, crawled along between them."""
        deadline = time.monotonic() + self.timeout_s
        with self._cond:
            while self._foreground_waiting or self._foreground_owner:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                self._cond.wait(left)


#: Python's thread switch interval while a sync run is on (the default is 5 ms).
SYNC_SWITCH_INTERVAL_S = 0.001


@contextmanager
def short_thread_slices(interval_s: float = SYNC_SWITCH_INTERVAL_S) -> Iterator[None]:
    """Shorter GIL slices for the length of a sync run.

    The sync writer takes the GIL back after every SQLite statement of its write transaction,
    while the fetch thread validates and prepares the next page in Python; with 5 ms slices each
    take-back could wait a whole slice, so a 100-product write that costs ~8 ms of CPU held the
    database (and a waiting scan) for 50-170 ms. bench/sync.py at 20,000 products: the scan's
    wait for the gate p99 76-82 ms at 5 ms slices, 35-62 ms at 1 ms (same load)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, interval_s))
    try:
        yield
    finally:
        sys.setswitchinterval(before)

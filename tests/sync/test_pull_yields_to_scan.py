"""The pull's CPU work waits for the cashier: while a scan's write transaction waits for the write
gate or holds it, the sync fetch thread does not start validating or preparing the next page
(`WriteGate.yield_to_foreground`, the engine's ``yield_point``), so the scan has the GIL to itself."""

from __future__ import annotations

import threading
from pathlib import Path

from sync_platform_proc import PlatformProcess
from test_engine import engine_for
from test_snapshot_pages import till_product

from pos_app.bootstrap import open_database
from pos_app.store.sync_store import TillSyncStorage
from sync.client import PlatformClient
from sync.engine import SyncReport


def test_the_fetch_thread_waits_while_a_scan_writes_then_the_pull_goes_on(
    platform: PlatformProcess, paired: PlatformClient, demo_dir: Path
) -> None:
    platform.admin("PUT", "/admin/products", [till_product(i) for i in range(1, 301)])
    db = open_database(demo_dir)
    try:
        gate, yielded_in, went_on, reached = db.write_gate, [], [], threading.Event()

        def yield_point() -> None:  # the real gate decides; the test notes which thread asked and when it went on
            yielded_in.append(threading.current_thread().name)
            reached.set()
            gate.yield_to_foreground()
            went_on.append(len(pages))

        pages: list[int] = []
        engine = engine_for(paired, TillSyncStorage(db), resources=["catalog"], page_limit=100, fetch_limit=100,
                            yield_point=yield_point, on_page=lambda _r, n: pages.append(n))
        out: list[SyncReport] = []
        with db.uow() as uow:  # the cashier's scan transaction holds the gate
            sync = threading.Thread(target=lambda: out.append(engine.run_once()), name="sync-worker")
            sync.start()
            assert reached.wait(10)
            sync.join(0.3)
            assert went_on == [] and pages == [] and sync.is_alive()  # no page fetched while the scan writes
            uow.commit()
        sync.join(30)
        assert out and out[0].ok and out[0].pulled["catalog"] == 300
        assert pages == [100, 100, 100]
        assert yielded_in[0].startswith("sync-fetch")  # the first page is fetched in the fetch thread
    finally:
        db.dispose()

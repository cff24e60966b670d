"""The sync engine against the reference platform as a real process, with a real SQLite outbox."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sync_platform_proc import STORE, TILL, DroppingProxy, PlatformProcess, product, sale
from sync_sqlite_storage import SqliteSyncStorage

from sync.backoff import Backoff
from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.engine import SyncEngine
from sync.pairing import pair


def engine_for(client: PlatformClient, storage: SqliteSyncStorage, **kw: object) -> SyncEngine:
    """An engine whose backoff starts at 50 ms, so retries in tests do not wait seconds."""
    return SyncEngine(client, storage, backoff=Backoff(base_s=0.05), **kw)  # type: ignore[arg-type]


def add_sales(storage: SqliteSyncStorage, n: int) -> list[str]:
    """n sale events; returns their sale ids."""
    payloads = [sale(i) for i in range(1, n + 1)]
    storage.add_events([("sale", p["sale_id"], p) for p in payloads])
    return [p["sale_id"] for p in payloads]


def run_until_drained(engine: SyncEngine, storage: SqliteSyncStorage, max_runs: int) -> int:
    """Run cycles as the app's worker does (waiting the suggested delay, at most 1 s here) until the
    outbox is empty; returns how many runs it took."""
    for run in range(1, max_runs + 1):
        report = engine.run_once()
        if storage.count("pending") == 0:
            return run
        time.sleep(min(report.retry_in_s or 0.0, 1.0))
    raise AssertionError(f"outbox not drained after {max_runs} runs: {storage.count('pending')} pending")


def assert_exactly_once(platform: PlatformProcess, sale_ids: list[str]) -> None:
    received = platform.sale_ids()
    assert len(received) == len(set(received)) == len(sale_ids)
    assert set(received) == set(sale_ids)
    pushes = platform.admin("GET", "/admin/received", params={"kind": "sale"})
    assert pushes["count"] == len(sale_ids)
    assert all(item["result"]["status"] == "accepted" for item in pushes["items"])


def test_pull_10000_products_in_pages_then_changes_in_one_cycle(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    for start in range(0, 10_000, 5000):
        platform.admin("PUT", "/admin/products", [product(i) for i in range(start + 1, start + 5001)])
    engine = engine_for(paired, storage, page_limit=1000)
    report = engine.run_once()
    assert report.ok and report.online and not report.snapshots
    assert report.pulled["catalog"] == report.pulled["prices"] == 10_000
    assert storage.item_count("catalog") == 10_000
    assert abs(report.clock_offset_s) < 5 and not report.clock_warning

    platform.admin("PUT", "/admin/prices/SKU000007", {"price_fen": 1234, "member_price_fen": 1200})
    platform.admin("DELETE", "/admin/products/SKU000003")
    report = engine.run_once()
    assert report.pulled["catalog"] == 2 and report.pulled["prices"] == 2
    assert storage.item("catalog", "SKU000007")["price_fen"] == 1234
    assert storage.item("prices", "SKU000007") == {"sku": "SKU000007", "price_fen": 1234, "member_price_fen": 1200}
    assert storage.item("catalog", "SKU000003") is None and storage.item("prices", "SKU000003") is None
    assert storage.item_count("catalog") == 9_999


def test_1000_sales_made_offline_are_delivered_exactly_once(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    platform.stop()
    sale_ids = add_sales(storage, 1000)
    engine = engine_for(paired, storage)
    offline = engine.run_once()
    assert not offline.online and offline.pushed == 0 and offline.retried == 1
    assert offline.retry_in_s is not None and storage.count("pending") == 1000
    platform.start()
    report = engine.run_once()
    assert report.pushed == 1000 and report.ok
    assert storage.count("pending") == 0 and storage.count("acked") == 1000
    assert_exactly_once(platform, sale_ids)
    stock = platform.admin("GET", f"/admin/stores/{STORE}/stock/SKU000001")
    assert stock["quantity"] == "-2000"  # each sale's movement applied once


def test_platform_killed_mid_push_then_restarted(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    # Slow each push down after its commit, so the kill lands while pushes are going on.
    platform.admin("PUT", "/admin/faults", {"delay_next": 100_000, "delay_s": 0.01, "delay_phase": "after_commit"})
    sale_ids = add_sales(storage, 300)
    engine = engine_for(paired, storage, batch_events=0)  # one request per event (tests/sync/test_batch_push.py: batches)
    runner = threading.Thread(target=engine.run_once)
    runner.start()
    time.sleep(1.0)
    platform.kill()
    runner.join(timeout=30)
    assert not runner.is_alive()
    left = storage.count("pending")
    assert 0 < left < 300, left
    platform.start()
    run_until_drained(engine, storage, max_runs=5)
    assert_exactly_once(platform, sale_ids)


def test_answers_lost_after_commit_are_replayed_not_doubled(
    platform: PlatformProcess, memory_keyring: object, storage: SqliteSyncStorage
) -> None:
    proxy = DroppingProxy(platform.port)
    try:
        creds = Credentials(proxy.url)
        pair(proxy.url, platform.pairing_code(), creds)
        sale_ids = add_sales(storage, 100)
        proxy.drop = 8
        with PlatformClient(proxy.url, creds.require_token(), read_timeout_s=10) as client:
            run_until_drained(engine_for(client, storage), storage, max_runs=40)
        assert proxy.dropped == 8
    finally:
        proxy.close()
    assert_exactly_once(platform, sale_ids)
    retried = storage.conn.execute("SELECT count(*) FROM outbox WHERE attempts > 0").fetchone()[0]
    assert retried > 0


def test_random_500s_and_timeouts(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    platform.admin("PUT", "/admin/faults", {
        "random_fail_rate": 0.2, "fail_status": 500, "fail_phase": "before_commit",
        "random_delay_rate": 0.05, "delay_s": 0.6, "delay_phase": "after_commit", "seed": 7,
    })
    sale_ids = add_sales(storage, 150)
    with PlatformClient(platform.url, Credentials(platform.url).require_token(), read_timeout_s=0.3) as client:
        engine = engine_for(client, storage, resources=["catalog"], batch_events=0)  # one request per event
        runs = run_until_drained(engine, storage, max_runs=80)
    assert runs > 1
    assert_exactly_once(platform, sale_ids)
    errors = [r[0] for r in storage.conn.execute("SELECT last_error FROM outbox WHERE attempts > 0")]
    assert any("500" in e for e in errors) and any("did not answer in time" in e for e in errors)


def test_events_of_one_aggregate_stay_in_order_after_a_failure(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    a1, a2, b1 = sale(1), sale(2), sale(3)
    storage.add_events([("sale", "till-session-A", a1), ("sale", "till-session-A", a2), ("sale", "B", b1)])
    platform.admin("PUT", "/admin/faults", {"fail_next": 1, "fail_status": 503})
    engine = engine_for(paired, storage, resources=[], batch_events=0)  # one request per event
    first = engine.run_once()
    assert (first.pushed, first.retried) == (1, 1)
    assert platform.sale_ids() == [b1["sale_id"]]  # A2 waited behind the failed A1
    engine.run_once()
    assert platform.sale_ids() == [b1["sale_id"], a1["sale_id"], a2["sale_id"]]


def test_invalid_events_are_dead_lettered_without_blocking_others(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    good1, good2 = sale(1), sale(2)
    ids = storage.add_events([
        ("sale", "a", good1),
        ("sale", "b", {**sale(3), "total_fen": 999}),  # does not add up: never sent
        ("sale", "c", sale(4, store="S002")),  # the platform refuses another store's sale
        ("gift_card", "d", {"x": 1}),
        ("sale", "e", good2),
    ])
    report = engine_for(paired, storage, resources=[]).run_once()
    assert (report.pushed, report.dead_lettered, storage.count("pending")) == (2, 3, 0)
    assert platform.sale_ids() == [good1["sale_id"], good2["sale_id"]]
    assert "total_fen 999 != sum of line_total_fen 300" in storage.event_row(ids[1])["last_error"]
    assert "403" in storage.event_row(ids[2])["last_error"] and "S002" in storage.event_row(ids[2])["last_error"]
    assert storage.event_row(ids[3])["last_error"] == "unknown event kind 'gift_card'"


def test_expired_cursor_recovers_by_snapshot(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 51)])
    engine = engine_for(paired, storage, resources=["catalog"])
    engine.run_once()
    for i in range(1, 6):
        platform.admin("DELETE", f"/admin/products/SKU{i:06d}")
    platform.admin("PUT", "/admin/prices/SKU000010", {"price_fen": 555, "member_price_fen": None})
    platform.admin("POST", "/admin/feeds/catalog/compact")
    report = engine.run_once()
    assert report.snapshots == ["catalog"] and report.ok
    assert storage.item_count("catalog") == 45 and storage.item("catalog", "SKU000001") is None
    assert storage.item("catalog", "SKU000010")["price_fen"] == 555
    platform.admin("DELETE", "/admin/products/SKU000010")
    after = engine.run_once()
    assert not after.snapshots and after.pulled["catalog"] == 1 and storage.item_count("catalog") == 44


def test_revoked_token_stops_sync_and_loses_nothing(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    sale_ids = add_sales(storage, 10)
    platform.admin("POST", f"/admin/stores/{STORE}/tills/{TILL}/revoke")
    report = engine_for(paired, storage).run_once()
    assert report.needs_pairing and report.pushed == 0 and sum(report.pulled.values()) == 0
    assert "pair this till again" in report.errors[0]
    assert storage.count("pending") == 10
    assert storage.conn.execute("SELECT max(attempts) FROM outbox").fetchone()[0] == 0
    creds = Credentials(platform.url)
    pair(platform.url, platform.pairing_code(), creds)
    with PlatformClient(platform.url, creds.require_token()) as client:
        assert engine_for(client, storage).run_once().pushed == 10
    assert_exactly_once(platform, sale_ids)


def test_pickup_conflict_is_recorded_not_retried(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    order = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "customer_name": "刘洋", "customer_phone": "13900139002", "payment": "pay_at_store",
        "pickup_deadline": "2030-01-01T10:00:00Z",
        "lines": [{"line_id": "L1", "sku": "A1", "name": "香蕉", "quantity": "2", "unit": "pcs", "price_fen": 698}],
    })["order"]
    engine = engine_for(paired, storage, resources=["pickup_orders"])
    engine.run_once()
    assert storage.item("pickup_orders", order["order_id"])["status"] == "new"
    platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders/{order['order_id']}/cancel")
    event_id = storage.add_event("pickup_event", order["order_id"], {
        "event_id": uuid.uuid4().hex, "order_id": order["order_id"], "store_id": STORE, "status": "ready",
        "lines": [], "at": "2026-11-23T10:00:00Z", "till_id": TILL, "user_id": "U1",
    })
    report = engine.run_once()
    assert (report.conflicts, report.pushed, report.retried) == (1, 0, 0)
    assert storage.conflicts() == [(event_id, "pickup_event", "order_cancelled", "cancelled")]
    assert storage.count("pending") == 0
    assert storage.item("pickup_orders", order["order_id"])["status"] == "cancelled"


@pytest.mark.parametrize("resources", [["catalog", "nope"]])
def test_unknown_resource_is_refused(paired: PlatformClient, storage: SqliteSyncStorage, resources: list) -> None:
    with pytest.raises(ValueError, match="unknown resources \\['nope'\\]"):
        SyncEngine(paired, storage, resources)

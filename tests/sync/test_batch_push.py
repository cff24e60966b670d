"""Batch push (sync/protocol/batches.py) against the reference platform as a real process: one
request and one platform transaction per batch, one answer per event, nothing doubled when an
answer is lost or the platform dies mid-request, a bad event refused alone."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
from sync_platform_proc import STORE, DroppingProxy, PlatformProcess, sale
from sync_sqlite_storage import SqliteSyncStorage
from test_engine import add_sales, assert_exactly_once, engine_for, run_until_drained

from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.pairing import pair


def post_batch(platform: PlatformProcess, token: str, events: list[dict]) -> requests.Response:
    return requests.post(f"{platform.url}/stores/{STORE}/event-batches", json={"events": events},
                         headers={"Authorization": f"Bearer {token}"}, timeout=10)


def batch_event(body: dict, key: str | None = None) -> dict:
    return {"idempotency_key": key or uuid.uuid4().hex, "kind": "sale", "body": body}


def test_one_batch_answers_each_event_and_a_bad_one_is_refused_alone(platform: PlatformProcess, token: str) -> None:
    good = [sale(i) for i in range(1, 4)]
    broken = {**sale(4), "total_fen": -1}
    other_till = sale(5, till="T09")
    events = [batch_event(good[0]), batch_event(broken), batch_event(good[1]), batch_event(other_till),
              batch_event(good[2])]
    resp = post_batch(platform, token, events)
    assert resp.status_code == 200, resp.text
    results = resp.json()["results"]
    assert [r["idempotency_key"] for r in results] == [e["idempotency_key"] for e in events]
    assert [r["outcome"] for r in results] == ["accepted", "refused", "accepted", "refused", "accepted"]
    assert results[1]["error"]["error"] == "invalid_event" and any("total_fen" in d for d in results[1]["error"]["details"])
    assert results[3]["error"]["error"] == "wrong_till"
    assert sorted(platform.sale_ids()) == sorted(s["sale_id"] for s in good)

    again = post_batch(platform, token, events).json()["results"]  # the answer was lost: sent again
    assert [r["outcome"] for r in again] == ["duplicate", "refused", "duplicate", "refused", "duplicate"]
    assert again[0]["result"] == results[0]["result"]
    assert sorted(platform.sale_ids()) == sorted(s["sale_id"] for s in good)
    reused = post_batch(platform, token, [batch_event(sale(6), key=events[0]["idempotency_key"])]).json()["results"]
    assert reused[0]["outcome"] == "refused" and reused[0]["error"]["error"] == "idempotency_key_reused"


def test_a_key_sent_alone_first_is_a_duplicate_in_a_batch(platform: PlatformProcess, token: str) -> None:
    body, key = sale(1), uuid.uuid4().hex
    alone = requests.post(f"{platform.url}/stores/{STORE}/sales", json=body, timeout=10,
                          headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})
    assert alone.status_code == 200
    [result] = post_batch(platform, token, [batch_event(body, key)]).json()["results"]
    assert result["outcome"] == "duplicate" and result["result"] == alone.json()
    assert platform.sale_ids() == [body["sale_id"]]


def test_batch_envelope_limits(platform: PlatformProcess, token: str) -> None:
    too_many = post_batch(platform, token, [batch_event(sale(i)) for i in range(501)])
    assert too_many.status_code == 422 and too_many.json()["error"] == "invalid_request"
    key = uuid.uuid4().hex
    twice = post_batch(platform, token, [batch_event(sale(1), key), batch_event(sale(2), key)])
    assert twice.status_code == 422 and any("twice" in d for d in twice.json()["details"])
    assert platform.sale_ids() == []


def test_engine_dead_letters_the_refused_event_and_the_rest_flows(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    sale_ids = add_sales(storage, 30)
    [stray] = storage.add_events([("sale", "stray", sale(99, till="T09"))])  # valid, but not this till's
    report = engine_for(paired, storage, resources=[]).run_once()
    assert (report.pushed, report.dead_lettered, storage.count("pending")) == (30, 1, 0)
    row = storage.event_row(stray)
    assert row["state"] == "dead" and "wrong_till" in row["last_error"]
    assert_exactly_once(platform, sale_ids)


def test_batches_whose_answers_are_lost_after_commit_are_resent_not_doubled(
    platform: PlatformProcess, memory_keyring: object, storage: SqliteSyncStorage
) -> None:
    proxy = DroppingProxy(platform.port)
    try:
        creds = Credentials(proxy.url)
        pair(proxy.url, platform.pairing_code(), creds)
        sale_ids = add_sales(storage, 450)
        proxy.drop = 2  # the first two batches commit on the platform; the till never hears back
        with PlatformClient(proxy.url, creds.require_token(), read_timeout_s=10) as client:
            run_until_drained(engine_for(client, storage, resources=[], batch_events=100), storage, max_runs=10)
        assert proxy.dropped == 2
    finally:
        proxy.close()
    assert_exactly_once(platform, sale_ids)
    retried = storage.conn.execute("SELECT count(*) FROM outbox WHERE attempts > 0").fetchone()[0]
    assert retried > 0


@pytest.mark.parametrize("phase", ["before_commit", "after_commit"])
def test_platform_killed_mid_batch_then_restarted(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage, phase: str
) -> None:
    """Killed while a batch request is in the platform, before or after its transaction committed."""
    platform.admin("PUT", "/admin/faults", {"delay_next": 1000, "delay_s": 1.0, "delay_phase": phase})
    sale_ids = add_sales(storage, 400)
    engine = engine_for(paired, storage, resources=[], batch_events=50)
    runner = threading.Thread(target=engine.run_once)
    runner.start()
    deadline = time.monotonic() + 60
    while not platform.sale_ids():  # the first batch is in; later ones are on their way
        assert time.monotonic() < deadline, "no batch reached the platform"
        time.sleep(0.05)
    platform.kill()
    runner.join(timeout=60)
    assert not runner.is_alive()
    assert storage.count("pending") > 0
    platform.start()
    run_until_drained(engine, storage, max_runs=5)
    assert_exactly_once(platform, sale_ids)

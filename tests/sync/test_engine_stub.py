"""The engine against a scripted broken platform: bad pages, skewed clocks, Retry-After."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Iterator

import pytest
from sync_platform_proc import product, sale
from sync_sqlite_storage import SqliteSyncStorage
from sync_stub_server import Answer, StubPlatform, stub_platform

from sync.backoff import Backoff
from sync.client import PlatformClient
from sync.engine import SyncEngine

JSON = {"Content-Type": "application/json"}


def page(items: list[dict], cursor: str, has_more: bool) -> bytes:
    return json.dumps({"items": items, "next_cursor": cursor, "has_more": has_more}).encode()


def live(i: int, **change: object) -> dict:
    return {"key": f"SKU{i:06d}", "deleted": False, "data": {**product(i), **change}}


@pytest.fixture
def stub() -> Iterator[StubPlatform]:
    with stub_platform() as s:
        yield s


@pytest.fixture
def engine(stub: StubPlatform, storage: SqliteSyncStorage) -> Iterator[SyncEngine]:
    with PlatformClient(stub.url, "tok", read_timeout_s=2) as client:
        yield SyncEngine(client, storage, ["catalog"], backoff=Backoff(rand=lambda: 0.5))


def test_malformed_page_is_rejected_whole_and_the_cursor_stays(
    stub: StubPlatform, engine: SyncEngine, storage: SqliteSyncStorage
) -> None:
    stub.on("/feeds/catalog",
            Answer(body=page([live(1), live(2)], "YzE", True)),
            Answer(body=page([live(3), live(4, price_fen="4.50")], "YzI", False)))
    report = engine.run_once()
    assert report.pulled["catalog"] == 2
    assert len(report.errors) == 1 and "pull catalog" in report.errors[0]
    assert "items.1.data.price_fen" in report.errors[0]
    assert storage.get_cursor("catalog") == "YzE"
    assert storage.item("catalog", "SKU000003") is None  # nothing of the bad page was applied

    stub.on("/feeds/catalog", Answer(body=page([live(3), live(4)], "YzI", False)))
    again = engine.run_once()
    assert again.ok and again.pulled["catalog"] == 2
    assert stub.requests[-1][1] == "/feeds/catalog?limit=1000&cursor=YzE"
    assert storage.get_cursor("catalog") == "YzI" and storage.item_count("catalog") == 4


def test_clock_far_from_the_platform_raises_the_warning_flag(stub: StubPlatform, engine: SyncEngine) -> None:
    behind = email.utils.format_datetime(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=7), usegmt=True)
    stub.on("/feeds/catalog", Answer(body=page([], "YzE", False), headers={**JSON, "Date": behind}))
    report = engine.run_once()
    assert report.clock_warning and report.clock_offset_s == pytest.approx(-420, abs=2)


def test_retry_after_sets_the_next_attempt(
    stub: StubPlatform, engine: SyncEngine, storage: SqliteSyncStorage
) -> None:
    event_id = storage.add_event("sale", "a", sale(1))
    stub.on("/stores/S001/sales", Answer(429, b'{"error":"rate_limited","message":"slow down"}',
                                         {**JSON, "Retry-After": "120"}))
    stub.on("/feeds/catalog", Answer(body=page([], "YzE", False)))
    report = engine.run_once()
    assert report.retry_in_s == 120 and report.retried == 1
    assert storage.event_row(event_id)["attempts"] == 1 and storage.count("pending") == 1
    assert "429" in storage.event_row(event_id)["last_error"]


def test_a_platform_without_batch_push_gets_one_request_per_event(
    stub: StubPlatform, engine: SyncEngine, storage: SqliteSyncStorage
) -> None:
    """An older platform answers 404 on /event-batches: the events go one request each, and the
    engine stops asking for batches."""
    storage.add_events([("sale", f"a{i}", sale(i)) for i in range(3)])

    def accepted(headers: dict[str, str]) -> Answer:
        result = {"status": "accepted", "kind": "sale", "idempotency_key": headers["Idempotency-Key"],
                  "received_at": "2026-12-01T10:00:00+00:00"}
        return Answer(body=json.dumps(result).encode())

    stub.on("/stores/S001/sales", accepted)  # type: ignore[arg-type]
    stub.on("/feeds/catalog", Answer(body=page([], "YzE", False)))
    report = engine.run_once()
    assert report.pushed == 3 and storage.count("pending") == 0 and engine.batch_events == 0
    paths = [path for _method, path, _headers in stub.requests]
    assert paths.count("/stores/S001/event-batches") == 1 and paths.count("/stores/S001/sales") == 3

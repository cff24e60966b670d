"""The retry cap: an event the platform keeps answering with a retryable error is set aside as a
refused event with its last error after `max_failed_attempts`; the other events go on, and
attempts that got no answer at all (offline) never count."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sync_platform_proc import free_port, sale
from sync_stub_server import Answer, stub_platform

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.store.sync_store import TillSyncStorage
from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.engine import SyncEngine


def accepted(headers: dict[str, str]) -> bytes:
    return json.dumps({"status": "accepted", "kind": "sale", "idempotency_key": headers["Idempotency-Key"],
                       "received_at": dt.datetime.now(dt.UTC).isoformat()}).encode()


@pytest.fixture
def events(app):
    """Three sales in the till's outbox; the first is the one the platform keeps failing on."""
    with app.db.uow() as uow:
        ids = [uow.outbox.add("sale", body["sale_id"], body) for body in (sale(1), sale(2), sale(3))]
        uow.commit()
    return ids


def test_an_event_failing_past_the_cap_is_refused_with_its_last_error_and_the_rest_flows(app, events):
    poison, *others = events
    storage = TillSyncStorage(app.db)

    def sales(headers: dict[str, str]) -> Answer:
        if headers["Idempotency-Key"] == poison:
            return Answer(503, b'{"error":"unavailable","message":"ledger shard down"}')
        return Answer(body=accepted(headers))

    with stub_platform() as stub, PlatformClient(stub.url, "tok", read_timeout_s=5) as client:
        stub.on("/stores/S001/sales", sales)
        engine = SyncEngine(client, storage, [], max_failed_attempts=3)
        first = engine.run_once()
        assert (first.pushed, first.retried, first.dead_lettered) == (2, 1, 0)
        assert [e.id for e in storage.pending_events(10)] == [poison]
        second, third = engine.run_once(), engine.run_once()
    assert (second.retried, second.dead_lettered) == (1, 0)
    assert (third.retried, third.dead_lettered) == (0, 1)
    assert storage.pending_events(10) == []
    [refused] = app.sync.dead_letters()
    assert refused.event_id == poison and refused.attempts == 3
    assert "gave up after 3 failed attempts" in refused.error and "503" in refused.error
    with app.db.uow(read_only=True) as uow:
        assert {e.id for e in uow.outbox.by_status("sent")} == set(others)


def test_attempts_without_an_answer_never_dead_letter_an_event(app, events):
    storage = TillSyncStorage(app.db)
    with PlatformClient(f"http://127.0.0.1:{free_port()}", "tok", connect_timeout_s=1) as client:
        engine = SyncEngine(client, storage, [], max_failed_attempts=2)
        for _ in range(3):
            report = engine.run_once()
            assert not report.online and report.dead_lettered == 0
    pending = storage.pending_events(10)
    assert [e.id for e in pending] == events
    assert pending[0].attempts == 3 and pending[0].failures == 0


def test_the_cap_is_the_tills_setting(demo_dir, memory_keyring):
    """`platform.max_failed_attempts` in the till's config is the cap the sync service's runs use."""
    with stub_platform() as stub:
        stub.on("/stores/S001/sales", lambda headers: Answer(503, b'{"error":"unavailable","message":"down"}'))
        Credentials(stub.url).store_token("tok")
        ctx = build_app(Config(language="en", platform=PlatformConfig(url=stub.url, max_failed_attempts=2,
                                                                      read_timeout_s=5)), demo_dir)
        try:
            with ctx.db.uow() as uow:
                event = uow.outbox.add("sale", sale(1)["sale_id"], sale(1))
                uow.commit()
            first, second = ctx.sync.run_once(), ctx.sync.run_once()
            assert first is not None and second is not None
            assert (first.dead_lettered, second.dead_lettered) == (0, 1)
            [refused] = ctx.sync.dead_letters()
            assert refused.event_id == event and "gave up after 2 failed attempts" in refused.error
        finally:
            ctx.close()

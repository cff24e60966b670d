"""Transport faults are retried, never dead-lettered: proxies' pages, redirects, drips, huge answers.

Only the platform's own validation answer (the contract's error body) may make the till give up
on an event. Each request has an overall deadline and a maximum answer size.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sync_platform_proc import sale
from sync_sqlite_storage import SqliteSyncStorage
from sync_stub_server import Answer, StubPlatform, stub_platform

from sync.backoff import Backoff
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.errors import ProtocolError, Rejected, RetryableError
from sync.protocol import Sale

HTML = {"Content-Type": "text/html"}
PROXY_404 = b"<html><body><h1>404 Not Found</h1><hr>nginx</body></html>"


def accepted(key: str) -> bytes:
    return json.dumps({"status": "accepted", "kind": "sale", "idempotency_key": key,
                       "received_at": dt.datetime.now(dt.UTC).isoformat()}).encode()


@pytest.fixture
def stub() -> Iterator[StubPlatform]:
    with stub_platform() as s:
        yield s


def test_a_proxy_404_page_dead_letters_nothing(stub: StubPlatform, storage: SqliteSyncStorage) -> None:
    ids = storage.add_events([("sale", f"agg{i}", sale(i)) for i in range(5)])
    stub.on("/stores/S001/sales", Answer(404, PROXY_404, HTML))
    with PlatformClient(stub.url, "tok", read_timeout_s=2) as client:
        engine = SyncEngine(client, storage, ["catalog"], backoff=Backoff(rand=lambda: 0.5))
        report = engine.run_once()
        assert report.dead_lettered == 0 and report.retried == 5
        assert storage.count("dead") == 0 and storage.count("pending") == 5
        assert "not an answer of the platform" in report.errors[0]

        stub.requests.clear()
        for event_id in ids:
            stub.on("/stores/S001/sales", Answer(body=accepted(event_id)))
            engine.run_once()
    assert storage.count("pending") == 0 and storage.count("dead") == 0


@pytest.mark.parametrize("answer", [
    Answer(404, b'{"detail": "Not Found"}'),  # JSON, but not the contract's error body
    Answer(400, b"Bad Request", {"Content-Type": "text/plain"}),
    Answer(422, PROXY_404, HTML),
], ids=["json-not-contract", "plain-400", "html-422"])
def test_only_the_contract_error_body_rejects(stub: StubPlatform, answer: Answer) -> None:
    stub.on("/stores/S001/sales", answer)
    with PlatformClient(stub.url, "tok", read_timeout_s=2) as client:
        with pytest.raises(RetryableError) as caught:
            client.push("sale", uuid.uuid4().hex, Sale.model_validate(sale(1)))
        assert caught.value.status == answer.status
        stub.on("/stores/S001/sales", Answer(422, b'{"error": "invalid_request", "message": "lines: empty"}'))
        with pytest.raises(Rejected, match="lines: empty"):
            client.push("sale", uuid.uuid4().hex, Sale.model_validate(sale(1)))


def test_redirects_are_reported_not_followed(stub: StubPlatform) -> None:
    with stub_platform() as elsewhere:
        stub.on("/stores/S001/sales", Answer(307, b"", {"Location": elsewhere.url + "/stores/S001/sales"}))
        with PlatformClient(stub.url, "tok", read_timeout_s=2) as client:
            with pytest.raises(RetryableError, match="redirected to http://127.0.0.1") as caught:
                client.push("sale", uuid.uuid4().hex, Sale.model_validate(sale(1)))
        assert caught.value.status == 307
        assert elsewhere.requests == []  # the sale body never went there


@contextmanager
def raw_server(answer: bytes, body: Iterator[bytes]) -> Iterator[str]:
    """A platform that sends ``answer`` (status line and headers) and then ``body``, piece by piece."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(answer)
                for piece in body:
                    if stop.is_set():
                        return
                    conn.sendall(piece)
            except OSError:
                return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


def drip() -> Iterator[bytes]:
    while True:
        time.sleep(0.1)
        yield b" "


def test_a_slow_drip_answer_ends_at_the_deadline() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    with raw_server(head, drip()) as url, PlatformClient(url, "tok", read_timeout_s=2, deadline_s=1) as client:
        with pytest.raises(RetryableError, match="did not finish its answer within 1 s"):
            client.feed("catalog", None)


def test_a_platform_that_drips_its_headers_ends_at_the_deadline() -> None:
    """The status line and headers a byte at a time: no single read times out, the deadline does."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: "
    with raw_server(head, drip()) as url, PlatformClient(url, "tok", read_timeout_s=2, deadline_s=1) as client:
        started = time.monotonic()
        with pytest.raises(RetryableError, match="did not finish its answer within 1 s"):
            client.feed("catalog", None)
        assert time.monotonic() - started < 10  # ended by the deadline, not by the server


def huge() -> Iterator[bytes]:
    for _ in range(64):
        yield b"x" * 65536  # 4 MiB in all


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_an_answer_above_the_size_limit_is_refused(declared: bool) -> None:
    length = b"Content-Length: 4194304\r\n" if declared else b"Connection: close\r\n"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + length + b"\r\n"
    with raw_server(head, huge()) as url, \
            PlatformClient(url, "tok", read_timeout_s=2, max_body_bytes=1024 * 1024) as client:
        with pytest.raises(ProtocolError, match="larger than the limit of 1048576 bytes"):
            client.feed("catalog", None)

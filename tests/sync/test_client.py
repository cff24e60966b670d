"""The HTTP client against scripted broken answers: every failure maps to a clear error type."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import uuid
from collections.abc import Iterator

import pytest
from sync_platform_proc import product, sale
from sync_stub_server import Answer, StubPlatform, stub_platform

from sync.client import PlatformClient, parse_retry_after
from sync.errors import CursorExpired, ProtocolError, Rejected, RetryableError, Unauthorized
from sync.protocol import Sale

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def page(*items: dict) -> bytes:
    return json.dumps({"items": list(items), "next_cursor": "Y3Vy", "has_more": False}).encode()


def err(code: str, message: str) -> bytes:
    return json.dumps({"error": code, "message": message}).encode()


@pytest.fixture
def stub() -> Iterator[StubPlatform]:
    with stub_platform() as s:
        yield s


@pytest.fixture
def client(stub: StubPlatform) -> Iterator[PlatformClient]:
    with PlatformClient(stub.url, "tok-123", read_timeout_s=0.5) as c:
        yield c


def test_good_page_sends_token_and_cursor(stub: StubPlatform, client: PlatformClient) -> None:
    stub.on("/feeds/catalog", Answer(body=page({"key": "SKU000001", "deleted": False, "data": product(1)})))
    got = client.feed("catalog", "Y3Vy", limit=10)
    assert got.items[0].data.sku == "SKU000001"
    method, path, headers = stub.requests[0]
    assert (method, path, headers["Authorization"]) == ("GET", "/feeds/catalog?limit=10&cursor=Y3Vy", "Bearer tok-123")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (Answer(body=b'{"items": [ broken'), "does not match CatalogPage"),
        (Answer(body=page({"key": "SKU000001", "deleted": False, "data": {**product(1), "price_fen": 9.5}})),
         "items.0.data.price_fen"),
        (Answer(body=b"<html>hi</html>", headers={"Content-Type": "text/html"}), "expected JSON, got text/html"),
    ],
    ids=["broken-json", "float-money", "html"],
)
def test_malformed_answers_raise_protocol_error(stub: StubPlatform, client: PlatformClient, answer: Answer,
                                                message: str) -> None:
    stub.on("/feeds/catalog", answer)
    with pytest.raises(ProtocolError, match=message):
        client.feed("catalog", None)


def test_cursor_that_does_not_advance_is_a_protocol_error(stub: StubPlatform, client: PlatformClient) -> None:
    stub.on("/feeds/catalog", Answer(body=json.dumps({"items": [], "next_cursor": "Y3Vy", "has_more": True}).encode()))
    with pytest.raises(ProtocolError, match="did not advance"):
        client.feed("catalog", "Y3Vy")


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        (Answer(401, err("unauthorized", "device token is unknown or revoked")), Unauthorized, "pair this till"),
        (Answer(410, err("cursor_expired", "too old")), CursorExpired, "too old"),
        (Answer(422, err("invalid_request", "request does not match")), Rejected, "request does not match"),
        (Answer(500, b"Internal Server Error", {"Content-Type": "text/plain"}), RetryableError, "500"),
        (Answer(409, err("idempotency_key_in_flight", "busy")), RetryableError, "busy"),
    ],
    ids=["401", "410", "422", "500", "409"],
)
def test_status_codes_map_to_error_types(stub: StubPlatform, client: PlatformClient, answer: Answer,
                                         error: type[Exception], message: str) -> None:
    stub.on("/feeds/catalog", answer)
    with pytest.raises(error, match=message):
        client.feed("catalog", None)


def test_rejected_keeps_status_and_code(stub: StubPlatform, client: PlatformClient) -> None:
    stub.on("/stores/S001/sales", Answer(422, err("store_mismatch", "store differs")))
    with pytest.raises(Rejected) as caught:
        client.push("sale", uuid.uuid4().hex, Sale.model_validate(sale(1)))
    assert (caught.value.status, caught.value.error_code) == (422, "store_mismatch")
    assert stub.requests[0][2]["Idempotency-Key"]


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_read(stub: StubPlatform, client: PlatformClient, status: int) -> None:
    stub.on("/feeds/catalog", Answer(status, err("busy", "slow down"), {"Content-Type": "application/json",
                                                                        "Retry-After": "42"}))
    with pytest.raises(RetryableError) as caught:
        client.feed("catalog", None)
    assert caught.value.retry_after == 42 and caught.value.status == status


def test_retry_after_as_http_date() -> None:
    later = email.utils.format_datetime(NOW + dt.timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, NOW) == 90
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


def test_timeout_and_refused_connection_are_retryable(stub: StubPlatform, client: PlatformClient) -> None:
    stub.on("/feeds/catalog", Answer(body=page(), delay_s=1.5))
    with pytest.raises(RetryableError, match="did not answer in time") as caught:
        client.feed("catalog", None)
    assert caught.value.status is None
    with PlatformClient("http://127.0.0.1:9", "tok", connect_timeout_s=1) as closed:
        with pytest.raises(RetryableError, match="cannot reach the platform"):
            closed.feed("catalog", None)


def test_clock_offset_from_date_header(stub: StubPlatform) -> None:
    ahead = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10), usegmt=True)
    stub.on("/feeds/catalog", Answer(body=page(), headers={"Content-Type": "application/json", "Date": ahead}))
    with PlatformClient(stub.url, "tok") as c:
        c.feed("catalog", None)
        assert c.clock_offset_s == pytest.approx(600, abs=2)


def test_bad_arguments_are_refused_before_sending(client: PlatformClient, stub: StubPlatform) -> None:
    with pytest.raises(ValueError, match="unknown resource 'products'"):
        client.feed("products", None)
    with pytest.raises(ValueError, match="page limit"):
        client.feed("catalog", None, limit=0)
    with pytest.raises(ValueError, match="needs a Sale"):
        client.push("sale", "k" * 32, Sale.model_validate(sale(1)).model_copy().lines[0])  # type: ignore[arg-type]
    with PlatformClient(stub.url) as anonymous, pytest.raises(Unauthorized, match="pair this till"):
        anonymous.feed("catalog", None)
    assert stub.requests == []

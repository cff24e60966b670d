"""HTTP client of the central platform: one requests Session, strict answers, typed errors.

Every answer is validated against ``sync.protocol`` before anyone sees it, and every failure
becomes one of the ``sync.errors`` types so the engine can decide: retry later
(``RetryableError``), pair again (``Unauthorized``), snapshot (``CursorExpired``) or give up on
this one request (``Rejected``, ``ProtocolError``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import quote, urlsplit

import requests
import urllib3
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection

from sync.errors import CursorExpired, ProtocolError, Rejected, RetryableError, TlsError, Unauthorized
from sync.protocol import (
    EVENT_MODELS,
    PAGE_MODELS,
    RESOURCES,
    SNAPSHOT_MODELS,
    BatchEventResult,
    BatchResult,
    ElsewhereWalletRefund,
    ErrorBody,
    EventBatch,
    FeedCounts,
    FeedPage,
    PairingRequest,
    PairingResponse,
    PickupClaimAnswer,
    PickupClaimRequest,
    PickupCodeAnswer,
    PickupCodeCheck,
    PlatformKeys,
    PushResult,
    RefundableSale,
    RefundReservation,
    RefundReservationResult,
    Snapshot,
    WalletAnswer,
    WireModel,
    ZReport,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

PUSH_PATHS = {
    "sale": "sales",
    "return": "returns",
    "stock_movement": "stock-movements",
    "pickup_event": "pickup-events",
    "loyalty": "loyalty",
    "coupon_redemption": "coupon-redemptions",
    "staff_pin": "staff-pins",
    "member_ledger": "member-ledger",
    "member_signup": "member-signups",
}
MAX_PAGE_LIMIT = 5000
#: Defaults of the per-request limits: a platform that drips its answer, or sends a huge one,
#: must not hang the sync worker or exhaust the till's memory.
DEFAULT_DEADLINE_S = 60.0
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
_CHUNK = 64 * 1024


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_platform_url(url: str) -> str:
    """The URL without trailing slash; plain http is allowed only on this machine (loopback)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"platform URL must look like https://host[:port], got {url!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(f"platform URL {url!r} must use https (plain http only for 127.0.0.1/localhost)")
    if parts.query or parts.fragment:
        raise ValueError(f"platform URL {url!r} must not have a query or fragment")
    return url.rstrip("/")


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds from a Retry-After header (delta seconds or HTTP date); None if absent/garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


class _InFlight:
    """The socket of the request a thread has in flight, so a watchdog can cut it at the deadline:
    a per-read timeout never fires on a platform that drips its answer (status line and headers
    included) a byte at a time."""

    _current = threading.local()

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.cut = False
        self._lock = threading.Lock()

    def __enter__(self) -> _InFlight:
        _InFlight._current.value = self
        return self

    def __exit__(self, *exc: object) -> None:
        _InFlight._current.value = None

    @classmethod
    def note(cls, sock: socket.socket | None) -> None:
        flight = getattr(cls._current, "value", None)
        if flight is not None:
            with flight._lock:
                flight.sock = sock

    def cut_now(self) -> None:
        with self._lock:
            self.cut = True
            if self.sock is not None:
                try:
                    self.sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns at once
                except OSError:
                    pass


class _NotedHTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)
        _InFlight.note(self.sock)


class _NotedHTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)
        _InFlight.note(self.sock)


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _NotedHTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _NotedHTTPSConnection


def _deadline_adapter() -> HTTPAdapter:
    adapter = HTTPAdapter()
    adapter.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
    return adapter


class PlatformClient:
    """Talks to one platform with one device token. Not thread-safe: one per worker."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 30.0,
        ca_bundle: str | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        deadline_s: float = DEFAULT_DEADLINE_S,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        self.base_url = check_platform_url(base_url)
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._deadline_s = deadline_s
        self._max_body = max_body_bytes
        self._now = now
        self._session = requests.Session()
        adapter = _deadline_adapter()  # the request's overall deadline also covers a dripped header
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        # Passed on every request: a session-level setting would lose to REQUESTS_CA_BUNDLE.
        self._verify: str | bool = ca_bundle if ca_bundle else True
        self._session.headers["Accept"] = "application/json"
        self._session.headers["User-Agent"] = "o2o-till-sync/1"
        self._token = token
        #: Server time minus local time in seconds, from the last answer's Date header.
        self.clock_offset_s: float | None = None

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API -------------------------------------------------------------------------------

    def pair(self, request: PairingRequest) -> PairingResponse:
        """Exchange a one-time pairing code for a device token (no token needed)."""
        resp = self._request("POST", "/pairing", json_body=request.model_dump(mode="json"), auth=False)
        return self._parse(resp, PairingResponse)

    def feed(self, resource: str, cursor: str | None, limit: int = 1000,
             checkpoint_every: int | None = None) -> FeedPage[Any]:
        """One page of a change feed after ``cursor`` (None: from the beginning); with
        ``checkpoint_every``, with the cursor after every so many items (``FeedPage.checkpoints``)."""
        self._check_resource(resource)
        if not 1 <= limit <= MAX_PAGE_LIMIT:
            raise ValueError(f"page limit must be 1..{MAX_PAGE_LIMIT}, got {limit}")
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        if checkpoint_every is not None and checkpoint_every < limit:
            params["checkpoint_every"] = checkpoint_every
        resp = self._request("GET", f"/feeds/{resource}", params=params)
        page = self._parse(resp, PAGE_MODELS[resource])
        if page.has_more and cursor is not None and page.next_cursor == cursor:
            raise ProtocolError(f"{resource} feed: has_more is true but the cursor did not advance")
        return page

    def counts(self) -> FeedCounts:
        """Live items per feed for this device (the first download's "N of M")."""
        return self._parse(self._request("GET", "/feeds"), FeedCounts)

    def snapshot(self, resource: str, limit: int | None = None, token: str | None = None) -> Snapshot[Any]:
        """All live items of ``resource`` and the cursor to continue its feed from; with ``limit``,
        one page of them (``next_token`` asks for the next; see ``sync.protocol.Snapshot``)."""
        self._check_resource(resource)
        params: dict[str, Any] = {}
        if limit is not None:
            params["limit"] = limit
        if token is not None:
            params["token"] = token
        resp = self._request("GET", f"/snapshots/{resource}", params=params or None)
        return self._parse(resp, SNAPSHOT_MODELS[resource])

    def snapshot_pages(self, resource: str, limit: int = MAX_PAGE_LIMIT, max_pages: int = 10_000) -> Snapshot[Any]:
        """The whole snapshot of ``resource``, read page by page (each answer stays under the response
        cap, whatever the catalog's size) and returned as one: the caller applies it at once."""
        first = page = self.snapshot(resource, limit)
        items = list(page.items)
        for _ in range(max_pages):
            if page.next_token is None:
                return SNAPSHOT_MODELS[resource](items=items, cursor=first.cursor)
            token = page.next_token
            page = self.snapshot(resource, limit, token)
            if page.cursor != first.cursor or page.next_token == token:
                raise ProtocolError(f"{resource} snapshot: a page changed the cursor or did not advance")
            items.extend(page.items)
        raise ProtocolError(f"{resource} snapshot: more than {max_pages} pages")

    def push(self, kind: str, idempotency_key: str, event: WireModel) -> PushResult:
        """Deliver one event; the same key always gets the platform's original answer."""
        model = EVENT_MODELS.get(kind)
        if model is None or not isinstance(event, model):
            raise ValueError(f"push of kind {kind!r} needs a {model.__name__ if model else 'known kind'}")
        headers = {"Idempotency-Key": idempotency_key, "Content-Type": "application/json"}
        body = event.model_dump_json().encode()
        if isinstance(event, ZReport):
            path = (
                f"/stores/{quote(event.store_id)}/tills/{quote(event.till_id)}"
                f"/z-reports/{event.business_date.isoformat()}"
            )
            resp = self._request("PUT", path, data=body, headers=headers)
        else:
            store_id = cast(Any, event).store_id  # every pushed model carries its store (WireModel does not say so)
            resp = self._request("POST", f"/stores/{quote(store_id)}/{PUSH_PATHS[kind]}", data=body, headers=headers)
        result = self._parse(resp, PushResult)
        if result.kind != kind:
            raise ProtocolError(f"platform answered a {kind} push with a result for {result.kind!r}")
        if kind != "z_report" and result.idempotency_key != idempotency_key:
            raise ProtocolError("platform answered with a different Idempotency-Key")
        return result

    def push_batch(self, store_id: str, batch: EventBatch) -> list[BatchEventResult]:
        """Deliver several events in one request (``sync.protocol.batches``); one result per event, in
        order. The same keys always get the platform's original answers, so a batch whose answer
        was lost is simply sent again."""
        resp = self._request("POST", f"/stores/{quote(store_id)}/event-batches",
                             data=batch.model_dump_json().encode(), headers={"Content-Type": "application/json"})
        results = self._parse(resp, BatchResult).results
        sent = [e.idempotency_key for e in batch.events]
        if [r.idempotency_key for r in results] != sent:
            raise ProtocolError(f"platform answered a batch of {len(sent)} events with results for other keys")
        for event, answer in zip(batch.events, results, strict=True):
            if answer.result is not None and (answer.result.kind != event.kind
                                              or answer.result.idempotency_key != event.idempotency_key):
                raise ProtocolError(f"platform answered {event.kind} event {event.idempotency_key} with a "
                                    f"result for another event")
        return results

    def claim_pickup(self, store_id: str, order_id: str, request: PickupClaimRequest) -> PickupClaimAnswer:
        """Start picking an order at this till (``sync.protocol.claims``); the answer may name another till."""
        resp = self._request("POST", f"/stores/{quote(store_id)}/pickup-orders/{quote(order_id)}/claim",
                             json_body=request.model_dump(mode="json"))
        return self._parse(resp, PickupClaimAnswer)

    def platform_keys(self) -> PlatformKeys:
        """The platform's public keys (pickup QR signatures are checked with them, offline)."""
        return self._parse(self._request("GET", "/keys"), PlatformKeys)

    def check_pickup_code(self, store_id: str, check: PickupCodeCheck) -> PickupCodeAnswer:
        """Ask the platform whether a typed pickup code is right (for an order, or which order)."""
        resp = self._request("POST", f"/stores/{quote(store_id)}/pickup-codes/check",
                             json_body=check.model_dump(mode="json"))
        return self._parse(resp, PickupCodeAnswer)

    # -- cross-channel returns (sync/protocol/refunds.py) ----------------------------------------
    def refundable_sale(self, store_id: str, number: str) -> RefundableSale:
        """A sale of another till or store, or an online order, with its refund ledger."""
        resp = self._request("GET", f"/stores/{quote(store_id)}/refundable-sales/{quote(number)}")
        return self._parse(resp, RefundableSale)

    def reserve_refund(self, store_id: str, reservation_id: str, reservation: RefundReservation
                       ) -> RefundReservationResult:
        """Hold units for a return before refunding; the same id and body always get the same answer."""
        resp = self._request("PUT", f"/stores/{quote(store_id)}/refund-reservations/{quote(reservation_id)}",
                             json_body=reservation.model_dump(mode="json"))
        return self._parse(resp, RefundReservationResult)

    def settle_refund(self, store_id: str, reservation_id: str, confirm: bool) -> RefundReservationResult:
        """Confirm (the return is committed) or release (it is not) a reservation."""
        action = "confirm" if confirm else "release"
        resp = self._request("POST", f"/stores/{quote(store_id)}/refund-reservations/{quote(reservation_id)}/{action}")
        return self._parse(resp, RefundReservationResult)

    def refund_elsewhere(self, store_id: str, reservation_id: str, refund: ElsewhereWalletRefund) -> WalletAnswer:
        """The platform refunds another store's wallet payment of the sale of ``reservation_id``
        (idempotent by ``refund.refund_no``)."""
        resp = self._request("POST", f"/stores/{quote(store_id)}/refund-reservations/{quote(reservation_id)}"
                                     "/wallet-refunds", json_body=refund.model_dump(mode="json"))
        return self._parse(resp, WalletAnswer)

    # -- the customer screen's media (sync/protocol/media.py) ------------------------------------
    def media_content(self, store_id: str, media_id: str) -> bytes:
        """The bytes of an image the `media` feed announced; the caller checks size and sha256."""
        return self._request("GET", f"/stores/{quote(store_id)}/media/{quote(media_id)}/content").content

    # -- plumbing --------------------------------------------------------------------------

    @staticmethod
    def _check_resource(resource: str) -> None:
        if resource not in RESOURCES:
            raise ValueError(f"unknown resource {resource!r}; expected one of {', '.join(RESOURCES)}")

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
    ) -> requests.Response:
        all_headers = dict(headers or {})
        if auth:
            if not self._token:
                raise Unauthorized("no device token: pair this till with the platform first")
            all_headers["Authorization"] = f"Bearer {self._token}"
        url = self.base_url + path
        sent = time.time()
        deadline = time.monotonic() + self._deadline_s
        late = RetryableError(f"{method} {path}: platform did not finish its answer within "
                              f"{self._deadline_s:g} s (sync request_deadline_s)")
        with _InFlight() as flight:
            watchdog = threading.Timer(self._deadline_s, flight.cut_now)
            watchdog.daemon = True
            watchdog.start()
            try:
                # Redirects are never followed: a sale body must not travel to wherever a proxy points.
                resp = self._session.request(
                    method, url, params=params, json=json_body, data=data, headers=all_headers,
                    timeout=self._timeout, verify=self._verify, allow_redirects=False, stream=True,
                )
                self._read_body(method, path, resp, deadline)
                if flight.cut:  # cut mid-header, http.client may take the end of input as the end
                    raise late
            except requests.exceptions.SSLError as exc:
                raise TlsError(f"TLS error talking to {self.base_url}: {exc}") from exc
            except requests.exceptions.Timeout as exc:
                raise RetryableError(f"{method} {path}: platform did not answer in time") from exc
            except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError,
                    RetryableError) as exc:
                if flight.cut and exc is not late:
                    raise late from exc
                if isinstance(exc, RetryableError):
                    raise
                raise RetryableError(f"{method} {path}: cannot reach the platform ({type(exc).__name__})") from exc
            finally:
                watchdog.cancel()
        self._note_clock(resp, sent, time.time())
        self._raise_for_status(method, path, resp)
        return resp

    def _read_body(self, method: str, path: str, resp: requests.Response, deadline: float) -> None:
        """Read the whole answer within the request's deadline and the body size limit."""
        declared = resp.headers.get("Content-Length", "")
        chunks: list[bytes] = []
        size = 0
        try:
            if declared.isdigit() and int(declared) > self._max_body:
                raise ProtocolError(f"{method} {path}: answer of {int(declared)} bytes is larger than the "
                                    f"limit of {self._max_body} bytes (sync max_response_mb)")
            while chunk := resp.raw.read1(_CHUNK):  # returns what arrived: the deadline is checked
                size += len(chunk)
                if size > self._max_body:
                    raise ProtocolError(f"{method} {path}: answer is larger than the limit of "
                                        f"{self._max_body} bytes (sync max_response_mb)")
                if time.monotonic() > deadline:
                    raise RetryableError(f"{method} {path}: platform did not finish its answer within "
                                         f"{self._deadline_s:g} s (sync request_deadline_s)")
                chunks.append(chunk)
        except urllib3.exceptions.HTTPError as exc:  # read timeout, connection dropped mid-answer
            raise RetryableError(f"{method} {path}: the answer broke off ({type(exc).__name__})") from exc
        finally:
            resp.close()
        resp._content = b"".join(chunks)  # what requests keeps after reading a body itself

    def _note_clock(self, resp: requests.Response, sent: float, received: float) -> None:
        header = resp.headers.get("Date")
        if not header:
            return
        try:
            server = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            log.warning("platform sent an unreadable Date header: %r", header)
            return
        if server.tzinfo is None:
            return
        midpoint = self._now().timestamp() - (received - sent) / 2
        self.clock_offset_s = server.timestamp() - midpoint

    def _raise_for_status(self, method: str, path: str, resp: requests.Response) -> None:
        status = resp.status_code
        if 200 <= status < 300:
            return
        what = f"{method} {path} -> {status}"
        if 300 <= status < 400:
            target = resp.headers.get("Location", "nowhere")
            raise RetryableError(f"{what}: the platform redirected to {target}; redirects are not followed "
                                 "(check the platform URL)", status=status)
        message = self._error_message(resp)
        if status == 401:
            raise Unauthorized(f"{what}: device token refused ({message}); pair this till again")
        if status == 410:
            raise CursorExpired(f"{what}: {message}")
        if status in (408, 409, 425, 429) or status >= 500:
            retry_after = parse_retry_after(resp.headers.get("Retry-After"), self._now())
            raise RetryableError(f"{what}: {message}", retry_after=retry_after, status=status)
        body = self._error_body(resp)
        if body is None:  # not the platform's own answer: a proxy, a wrong URL; try again later
            raise RetryableError(f"{what}: not an answer of the platform ({message}); will retry", status=status)
        raise Rejected(f"{what}: {message}", status=status, error_code=body.error)

    @staticmethod
    def _error_body(resp: requests.Response) -> ErrorBody | None:
        """The contract's error body, or None (only that may make the till give up on a request)."""
        if not resp.headers.get("Content-Type", "").startswith("application/json"):
            return None
        try:
            return ErrorBody.model_validate_json(resp.content)
        except ValidationError:
            return None

    @staticmethod
    def _error_message(resp: requests.Response) -> str:
        try:
            body = ErrorBody.model_validate_json(resp.content)
        except ValidationError:
            text = resp.text[:200].strip()
            return text or resp.reason or "no details"
        if body.details:
            return f"{body.message} ({'; '.join(body.details[:5])})"
        return body.message

    @staticmethod
    def _parse(resp: requests.Response, model: type[M]) -> M:
        ctype = resp.headers.get("Content-Type", "")
        if not ctype.startswith("application/json"):
            raise ProtocolError(f"{resp.request.method} {resp.url}: expected JSON, got {ctype or 'no content type'}")
        try:
            return model.model_validate_json(resp.content)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            first = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '<body>'}: {e['msg']}" for e in errors[:3]
            )
            raise ProtocolError(
                f"{resp.request.method} {urlsplit(resp.url).path}: answer does not match {model.__name__} "
                f"({len(errors)} error(s): {first})"
            ) from exc

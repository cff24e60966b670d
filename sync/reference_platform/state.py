"""Shared state of one running platform: database path, tokens, in-flight keys, fault switches."""

from __future__ import annotations

import base64
import binascii
import collections
import hashlib
import random
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse

from sync.protocol import ErrorBody

if TYPE_CHECKING:
    from sync.reference_platform.alipay_sim import AlipaySim
    from sync.reference_platform.wallets import WalletSimulator
    from sync.reference_platform.wechat_v2 import Merchants

PAIRING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class ApiError(Exception):
    """An answer other than 2xx, rendered as ``ErrorBody``."""

    def __init__(
        self, status: int, error: str, message: str, details: list[str] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.details = details or []
        self.headers = headers


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _printable(text: str) -> str:
    """Error texts may quote the client's input; keep them within ErrorBody's rules."""
    return _CONTROL.sub("?", text)[:2000]


def error_response(exc: ApiError) -> JSONResponse:
    body = ErrorBody(
        error=exc.error, message=_printable(exc.message), details=[_printable(d) for d in exc.details[:20]]
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=exc.status, headers=exc.headers)


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_pairing_code() -> str:
    return "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(8))


def encode_cursor(resource: str, scope: str, seq: int) -> str:
    return base64.urlsafe_b64encode(f"v1|{resource}|{scope}|{seq}".encode()).decode()


def decode_cursor(cursor: str, resource: str, scope: str) -> int:
    """The sequence number in ``cursor``; ApiError 400 when it is not one of ours for this feed."""
    try:
        version, c_resource, c_scope, seq = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        value = int(seq)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ApiError(400, "bad_cursor", "cursor is not a cursor issued by this platform") from None
    if version != "v1" or value < 0:
        raise ApiError(400, "bad_cursor", "cursor is not a cursor issued by this platform")
    if (c_resource, c_scope) != (resource, scope):
        raise ApiError(400, "bad_cursor", f"cursor belongs to another feed, not {resource!r} of this store")
    return value


def encode_snapshot_token(resource: str, scope: str, top: int, after_key: str) -> str:
    """Where a paged snapshot goes on: its feed position (taken at its first page) and the last key."""
    return base64.urlsafe_b64encode(f"s1|{resource}|{scope}|{top}|{after_key}".encode()).decode()


def decode_snapshot_token(token: str, resource: str, scope: str) -> tuple[int, str]:
    """(top, after_key) of ``token``; ApiError 400 when it is not one of ours for this snapshot."""
    try:
        version, t_resource, t_scope, top, after = base64.urlsafe_b64decode(token.encode()).decode().split("|", 4)
        value = int(top)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ApiError(400, "bad_snapshot_token", "token is not a snapshot token issued by this platform") from None
    if version != "s1" or value < 0 or (t_resource, t_scope) != (resource, scope):
        raise ApiError(400, "bad_snapshot_token", f"token belongs to another snapshot, not {resource!r} of this store")
    return value, after


@dataclass
class Faults:
    """TEST/DEMO ONLY: make pushes fail or stall on purpose, to exercise the till's retries.

    ``fail_next`` pushes answer ``fail_status``; ``delay_next`` pushes sleep ``delay_s``;
    each also happens at random with the given rates. ``phase`` says whether it happens
    before the push is committed or after (the till then times out on a committed push).
    """

    fail_next: int = 0
    fail_status: int = 500
    fail_phase: str = "before_commit"
    delay_next: int = 0
    delay_s: float = 0.0
    delay_phase: str = "before_commit"
    random_fail_rate: float = 0.0
    random_delay_rate: float = 0.0
    seed: int | None = None
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    def take(self, phase: str) -> tuple[int | None, float]:
        """(status to fail with or None, seconds to sleep) for a push at ``phase``."""
        status: int | None = None
        delay = 0.0
        if self.fail_phase == phase:
            if self.fail_next > 0:
                self.fail_next -= 1
                status = self.fail_status
            elif self.random_fail_rate and self._rng.random() < self.random_fail_rate:
                status = self.fail_status
        if self.delay_phase == phase and status is None:
            if self.delay_next > 0:
                self.delay_next -= 1
                delay = self.delay_s
            elif self.random_delay_rate and self._rng.random() < self.random_delay_rate:
                delay = self.delay_s
        return status, delay


#: Pairing attempts allowed per client address and window: codes are short, guessing must be slow.
PAIRING_RATE_LIMIT = 10
PAIRING_RATE_WINDOW_S = 60.0


class PlatformState:
    """Everything the request handlers share; one per app."""

    #: Seconds a till's refund reservation holds its units unconfirmed (`serve --refund-reservation-ttl`).
    refund_reservation_ttl_s: int = 900

    # Set by wallets.install (the simulated wallets, mounted with the payment routes).
    wallet_simulator: WalletSimulator
    wechat_merchants: Merchants
    alipay_sim: AlipaySim

    def __init__(self, db_path: str, admin_token: str, pairing_ttl_s: int = 900) -> None:
        self.db_path = db_path
        self.admin_token_hash = hash_token(admin_token)
        self.pairing_ttl_s = pairing_ttl_s
        self.faults = Faults()
        self.local = threading.local()  # one SQLite connection per server worker thread
        self._lock = threading.Lock()
        self._in_flight: set[tuple[str, str]] = set()
        self._pairing_attempts: dict[str, collections.deque[float]] = {}

    def pairing_attempt(self, client: str) -> float | None:
        """Count a pairing attempt of `client`; seconds to wait if it made too many lately."""
        now = time.monotonic()
        with self._lock:
            recent = self._pairing_attempts.setdefault(client, collections.deque())
            while recent and now - recent[0] > PAIRING_RATE_WINDOW_S:
                recent.popleft()
            if len(recent) >= PAIRING_RATE_LIMIT:
                return PAIRING_RATE_WINDOW_S - (now - recent[0])
            recent.append(now)
            return None

    def set_faults(self, faults: Faults) -> None:
        with self._lock:
            if faults.seed is not None:
                faults._rng.seed(faults.seed)
            self.faults = faults

    def apply_fault(self, phase: str) -> None:
        with self._lock:
            status, delay = self.faults.take(phase)
        if delay:
            time.sleep(delay)
        if status is not None:
            raise ApiError(
                status, "injected_fault", f"test fault injected {phase.replace('_', ' ')} (answering {status})"
            )

    def begin(self, store_id: str, key: str) -> None:
        """Mark (store, key) in flight; ApiError 409 if a request with that key is running."""
        with self._lock:
            if (store_id, key) in self._in_flight:
                raise ApiError(
                    409,
                    "idempotency_key_in_flight",
                    f"a request with Idempotency-Key {key} is still being processed; retry later",
                    headers={"Retry-After": "1"},
                )
            self._in_flight.add((store_id, key))

    def end(self, store_id: str, key: str) -> None:
        with self._lock:
            self._in_flight.discard((store_id, key))

"""Runs the platform sync in one background thread and keeps its state for the status bar.

The engine (`sync.engine`) does one bounded run; this service decides when: every
`sync_interval_s`, right after each sale (`nudge`), sooner or later as the engine's backoff says.
It never raises into the caller: a missing keyring, a till that is not paired or a platform that
is down become a state the UI shows, and nothing in the outbox is lost.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pos_app.config import PlatformConfig
from pos_app.domain.errors import PosError, ReasonRequired
from pos_app.domain.permissions import Permission
from pos_app.domain.phone import mask_phone
from pos_app.domain.text import clean_line, fit_line
from pos_app.services.auth import StaffSession, require_permission
from pos_app.services.listeners import subscribe
from pos_app.store.sync_store import TillSyncStorage
from pos_app.store.write_gate import short_thread_slices
from sync import protocol as P
from sync.client import PlatformClient
from sync.credentials import Credentials, DemoTokenFile
from sync.engine import SyncEngine, SyncReport
from sync.errors import NoKeyringError, NotPairedError, SyncError

log = logging.getLogger(__name__)

#: Free-text fields of pushed events (references, reasons, notes): the ones people typed.
_TYPED_TEXT = frozenset({"reference", "reason", "note"})


def _with_clean_text(value: Any, key: str = "") -> Any:
    """The payload with every typed text field normalised as the edge does now (`fit_line`)."""
    if isinstance(value, dict):
        return {k: _with_clean_text(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_clean_text(v, key) for v in value]
    return fit_line(value) if key in _TYPED_TEXT and isinstance(value, str) else value


@dataclass(frozen=True)
class SyncState:
    """`code` is stable for the UI to translate: off, online, offline, needs_pairing, no_keyring, error."""

    code: str
    message: str = ""
    pending: int = 0
    dead: int = 0
    last_success: datetime | None = None
    clock_warning: bool = False
    clock_offset_s: float | None = None
    #: Pulled rows held back because they refer to something unknown (`TillSyncStorage.parked`).
    parked: int = 0


@dataclass(frozen=True)
class DeadLetter:
    event_id: str
    kind: str
    aggregate_id: str
    error: str
    attempts: int
    created_at: datetime


class DeadLetterNotFound(PosError):
    code = "sync.dead_letter_not_found"
    template = "That refused event is no longer waiting for a decision."


class SyncService:
    def __init__(self, storage: TillSyncStorage, platform: PlatformConfig, till_key: str,
                 credentials: Credentials | DemoTokenFile | None = None):
        self.storage = storage
        self.till_key = till_key
        self.platform = platform
        self.credentials = credentials or (Credentials(platform.url) if platform.url else None)
        self.listeners: list[Callable[[SyncState], None]] = []
        self._listeners_lock = threading.Lock()
        self._state = SyncState("off" if not platform.url else "offline", "platform URL not configured"
                                if not platform.url else "")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._run_lock = threading.Lock()
        self._engine: SyncEngine | None = None
        self._next_delay: float | None = None

    def repoint(self, platform: PlatformConfig, credentials: Credentials | DemoTokenFile | None = None) -> None:
        """Use another platform URL or token (after pairing or re-pairing). The worker keeps
        running if it was; the outbox is not touched, so pending events go to the new pairing."""
        with self._run_lock:
            if self._engine is not None:
                self._engine.client.close()
                self._engine = None
            self.platform = platform
            self.credentials = credentials or (Credentials(platform.url) if platform.url else None)
            state = SyncState("offline" if platform.url else "off")
        self._set(state)
        self.nudge()

    # -- state ----------------------------------------------------------------------------
    def state(self) -> SyncState:
        counts = self.storage.counts()
        return replace(self._state, pending=counts.get("pending", 0), dead=counts.get("dead", 0),
                       parked=counts.get("parked", 0))

    def add_listener(self, callback: Callable[[SyncState], None]) -> Callable[[], None]:
        """Call `callback(state)` on every change of the sync state, from the thread that changed
        it (the sync worker, mostly); returns the unsubscriber."""
        return subscribe(self._listeners_lock, self.listeners, callback)

    def _set(self, state: SyncState) -> None:
        self._state = replace(state, message=mask_phone(state.message))  # the status bar shows it
        full = self.state()
        for listener in list(self.listeners):
            try:
                listener(full)
            except Exception:
                log.exception("sync state listener failed")

    # -- one run --------------------------------------------------------------------------
    def _make_engine(self) -> SyncEngine:
        assert self.credentials is not None, "sync runs only on a paired till"
        token = self.credentials.require_token()
        client = PlatformClient(self.platform.url, token, connect_timeout_s=self.platform.connect_timeout_s,
                                read_timeout_s=self.platform.read_timeout_s,
                                ca_bundle=self.platform.ca_bundle or None,
                                deadline_s=self.platform.request_deadline_s,
                                max_body_bytes=self.platform.max_response_mb * 1024 * 1024)
        page_limit = self.platform.page_limit
        return SyncEngine(client, self.storage, page_limit=page_limit, fetch_limit=self.platform.fetch_limit,
                          max_pages_per_resource=max(1000, 1_000_000 // page_limit),  # a chain catalog in one run
                          max_failed_attempts=self.platform.max_failed_attempts,
                          snapshot_page_limit=self.platform.snapshot_page_limit,
                          yield_point=self.storage.db.write_gate.yield_to_foreground)  # the scan first

    def run_once(self) -> SyncReport | None:
        """One push-then-pull cycle; None when sync cannot run (state says why)."""
        if self.credentials is None:
            return None
        with self._run_lock:
            try:
                if self._engine is None:
                    self._engine = self._make_engine()
                with short_thread_slices():  # the cashier's scan before the fetch thread (write_gate)
                    report = self._engine.run_once()
            except NoKeyringError as exc:
                self._set(SyncState("no_keyring", str(exc)))
                return None
            except NotPairedError as exc:
                self._set(SyncState("needs_pairing", str(exc)))
                return None
            except Exception as exc:  # a local fault (e.g. disk full) must not kill the worker
                log.exception("sync run failed")
                self._set(SyncState("error", str(exc)))
                return None
        if report.needs_pairing:
            self._engine = None
            self._set(SyncState("needs_pairing", "; ".join(report.errors) or "the platform refused the token"))
        elif report.online and not report.errors:
            self._set(SyncState("online", "", last_success=datetime.now(UTC),
                                clock_warning=report.clock_warning, clock_offset_s=report.clock_offset_s))
        else:
            self._set(replace(self._state, code="offline", message="; ".join(report.errors)[:500],
                              clock_warning=report.clock_warning))
        self._next_delay = report.retry_in_s
        return report

    # -- asked by the pickup console (services.pickup_codes.PickupPlatform) ------------------
    def _client(self) -> PlatformClient | None:
        """A client of its own (the sync thread keeps using its engine's), or None if unpaired."""
        if self.credentials is None:
            return None
        try:
            token = self.credentials.require_token()
        except (NoKeyringError, NotPairedError):
            return None
        return PlatformClient(self.platform.url, token, connect_timeout_s=self.platform.connect_timeout_s,
                              read_timeout_s=self.platform.read_timeout_s, ca_bundle=self.platform.ca_bundle or None)

    def client(self) -> PlatformClient | None:
        """A platform client for a one-off request (cross-channel returns); None if unpaired."""
        return self._client()

    def check_pickup_code(self, store_id: str, code: str, order_id: str | None) -> P.PickupCodeAnswer | None:
        """The platform's answer on a typed pickup code; None when it cannot be asked now."""
        client = self._client()
        if client is None:
            return None
        with client:
            try:
                return client.check_pickup_code(store_id, P.PickupCodeCheck(code=code, order_id=order_id))
            except SyncError as exc:
                log.info("pickup code checked offline: %s", exc)
                return None

    def claim_pickup(self, store_id: str, order_id: str, staff_name: str,
                     takeover: bool = False) -> P.PickupClaimAnswer | None:
        """The platform's answer to this till starting to pick an order; None when it cannot be asked
        now (offline: the till picks anyway, and a double pick comes back as a conflict)."""
        client = self._client()
        if client is None:
            return None
        with client:
            try:
                return client.claim_pickup(store_id, order_id,
                                           P.PickupClaimRequest(staff_name=staff_name, takeover=takeover))
            except SyncError as exc:
                log.info("pickup order %s picked without a claim: %s", order_id, exc)
                return None

    def platform_keys(self) -> list[P.PlatformKey] | None:
        """The platform's public keys (`GET /keys`); None when it cannot be asked now."""
        client = self._client()
        if client is None:
            return None
        with client:
            try:
                return client.platform_keys().keys
            except SyncError as exc:
                log.info("platform keys not fetched: %s", exc)
                return None

    def media_content(self, store_id: str, media_id: str) -> list[bytes]:
        """An image of the `media` feed (`services.media.MediaService` checks it); raises when
        it cannot be fetched now (the slide stays pending)."""
        client = self._client()
        if client is None:
            raise NotPairedError("the till is not paired with a platform")
        with client:
            return [client.media_content(store_id, media_id)]

    # -- refused events (dead letters): the manager decides ------------------------------------
    def dead_letters(self) -> list[DeadLetter]:
        with self.storage.db.uow(read_only=True) as uow:
            return [DeadLetter(e.id, e.kind, e.aggregate_id, mask_phone(e.last_error or ""), e.attempts, e.created_at)
                    for e in uow.outbox.by_status("dead")]

    def retry_dead(self, session: StaffSession, event_id: str) -> None:
        """Send a refused event again (after the cause was fixed on the platform)."""
        self._decide(session, event_id, "pending", "sync.dead_retried", "")
        self.nudge()

    def discard_dead(self, session: StaffSession, event_id: str, reason: str) -> None:
        """Give up on a refused event; it stays in the outbox as `discarded` for the audit trail."""
        reason = clean_line(reason, "reason")
        if not reason:
            raise ReasonRequired()
        self._decide(session, event_id, "discarded", "sync.dead_discarded", reason)

    def _decide(self, session: StaffSession, event_id: str, status: str, action: str, reason: str) -> None:
        require_permission(session, Permission.SYNC_MANAGE)
        with self.storage.db.uow() as uow:
            event = uow.outbox.get(event_id)
            if event is None or event.status != "dead":
                raise DeadLetterNotFound()
            if status == "pending":  # refused for text kept before it was cleaned at the edge?
                event.payload = json.dumps(_with_clean_text(json.loads(event.payload)), ensure_ascii=False)
            uow.outbox.set_status(event_id, status, error=event.last_error)
            uow.audit.add(self.till_key, action, session.user_id, ref_id=event_id,
                          details={"kind": event.kind, "error": event.last_error, "reason": reason})
            uow.commit()

    # -- the worker -----------------------------------------------------------------------
    def start(self) -> None:
        if self.credentials is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Run soon (after a sale, or the cashier pressed Sync now)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            delay = self._next_delay if self._next_delay is not None else self.platform.sync_interval_s
            self._wake.wait(timeout=delay)
            self._wake.clear()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._engine is not None:
            self._engine.client.close()
            self._engine = None

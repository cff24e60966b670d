"""Runs the platform sync in one background thread and keeps its state for the status bar.

The engine (`sync.engine`) does one bounded run; this service decides when: every
`sync_interval_s`, right after each sale (`nudge`), sooner or later as the engine's backoff says.
It never raises into the caller: a missing keyring, a till that is not paired or a platform that
is down become a state the UI shows, and nothing in the outbox is lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from pos_app.config import PlatformConfig
from pos_app.store.sync_store import TillSyncStorage
from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.engine import SyncEngine, SyncReport
from sync.errors import NoKeyringError, NotPairedError

log = logging.getLogger(__name__)


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


class SyncService:
    def __init__(self, storage: TillSyncStorage, platform: PlatformConfig,
                 credentials: Credentials | None = None):
        self.storage = storage
        self.platform = platform
        self.credentials = credentials or (Credentials(platform.url) if platform.url else None)
        self.listeners: list[Callable[[SyncState], None]] = []
        self._state = SyncState("off" if not platform.url else "offline", "platform URL not configured"
                                if not platform.url else "")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._run_lock = threading.Lock()
        self._engine: SyncEngine | None = None
        self._next_delay: float | None = None

    # -- state ----------------------------------------------------------------------------
    def state(self) -> SyncState:
        counts = self.storage.counts()
        return replace(self._state, pending=counts.get("pending", 0), dead=counts.get("dead", 0))

    def _set(self, state: SyncState) -> None:
        self._state = state
        full = self.state()
        for listener in list(self.listeners):
            try:
                listener(full)
            except Exception:
                log.exception("sync state listener failed")

    # -- one run --------------------------------------------------------------------------
    def _make_engine(self) -> SyncEngine:
        token = self.credentials.require_token()
        client = PlatformClient(self.platform.url, token, connect_timeout_s=self.platform.connect_timeout_s,
                                read_timeout_s=self.platform.read_timeout_s,
                                ca_bundle=self.platform.ca_bundle or None)
        return SyncEngine(client, self.storage)

    def run_once(self) -> SyncReport | None:
        """One push-then-pull cycle; None when sync cannot run (state says why)."""
        if self.credentials is None:
            return None
        with self._run_lock:
            try:
                if self._engine is None:
                    self._engine = self._make_engine()
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

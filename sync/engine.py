"""The sync engine: one ``run_once()`` pushes the outbox and pulls the change feeds.

Plain Python without threads: the app calls ``run_once()`` from its worker and shows the
returned ``SyncReport``. Guarantees:

* an event leaves the outbox only after the platform answered it (accepted or conflict), and
  every retry sends the same Idempotency-Key (the event id), so nothing is lost or doubled;
* events of one aggregate go in outbox order: after a failed attempt, the later events of that
  aggregate wait for the next run; an invalid event is dead-lettered and blocks nobody;
* an event the platform keeps answering with a retryable error (5xx, 429, garbage) is
  dead-lettered after ``max_failed_attempts`` such answers, with its last error (no answer at
  all, offline, never counts); the other events go on;
* events go up in batches (``sync.protocol.batches``: one request, one platform transaction,
  one answer per event) of at most ``batch_events`` events and ``batch_bytes`` of JSON; a refused
  event is dead-lettered alone and the others flow; a batch that fails as a whole counts as a
  failed attempt for each of its events; a platform without the batch route (404/405), or one that
  refuses a batch whole, gets those events one request each (``batch_events`` < 2: always);
* accepted events are acknowledged to the storage in batches (one transaction per batch): a
  crash before a batch is written re-sends its events, which the platform answers as replays;
* a pulled page is validated whole and applied with its new cursor in one storage call; the next
  page is fetched, validated (and prepared, ``PreparingStorage``) in a fetch thread meanwhile;
  an expired cursor (410) is recovered with a snapshot, read in pages (each under the response
  cap) and applied at once; a ``StagingStorage`` stages each page as it arrives (memory bounded by
  a page) and swaps the whole snapshot in at the end, and a snapshot a crash interrupted is resumed
  at its next page (started again if the platform no longer serves it) before the feed goes on;
* a refused token (401) stops the run with ``needs_pairing`` and touches no event.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, cast

from pydantic import ValidationError

from sync.backoff import Backoff
from sync.client import PlatformClient
from sync.errors import CursorExpired, PageRefused, ProtocolError, Rejected, RetryableError, Unauthorized
from sync.protocol import (
    BATCH_KINDS,
    EVENT_MODELS,
    MAX_BATCH_BYTES,
    MAX_BATCH_EVENTS,
    RESOURCES,
    BatchEvent,
    BatchEventResult,
    EventBatch,
    FeedPage,
    PushResult,
    WireModel,
)
from sync.storage import Conflict, OutboxEvent, PreparingStorage, SnapshotResume, StagingStorage, SyncStorage

log = logging.getLogger(__name__)

CLOCK_WARNING_S = 300.0
#: JSON bytes of a batched event besides its body (key, kind, punctuation), for the batch's size bound.
_EVENT_OVERHEAD = 120


@dataclass
class SyncReport:
    """What one run did; the UI shows it (online/offline, errors, needs pairing, clock)."""

    started_at: dt.datetime
    duration_s: float = 0.0
    pulled: dict[str, int] = field(default_factory=dict)
    snapshots: list[str] = field(default_factory=list)
    pushed: int = 0
    conflicts: int = 0
    dead_lettered: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)
    online: bool = False
    needs_pairing: bool = False
    clock_offset_s: float | None = None
    clock_warning: bool = False
    retry_in_s: float | None = None
    #: Resources whose page the storage refused whole, with the reason; the others went on.
    refused_pages: dict[str, str] = field(default_factory=dict)
    #: Rows the storage held back per resource (they refer to something it does not have yet).
    parked: dict[str, int] = field(default_factory=dict)
    #: The pull stopped early because the caller asked (``cancelled``); the next run continues.
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.needs_pairing and self.retried == 0


class _Outcome(Enum):
    DONE = "done"
    RETRY = "retry"
    STOP = "stop"


@dataclass
class _Batch:
    """Events gathered for one batch request, bounded in count and in JSON bytes."""

    events: list[OutboxEvent] = field(default_factory=list)
    bodies: list[WireModel] = field(default_factory=list)
    size: int = 0

    def fits(self, body: WireModel, size: int, max_events: int, max_bytes: int) -> bool:
        if not self.events:
            return True
        same_store = getattr(body, "store_id", None) == getattr(self.bodies[0], "store_id", None)
        return same_store and len(self.events) < max_events and self.size + size <= max_bytes

    def add(self, event: OutboxEvent, body: WireModel, size: int) -> None:
        self.size += size
        self.events.append(event)
        self.bodies.append(body)


@dataclass(frozen=True)
class _Part:
    """A page's items up to a checkpoint (or the whole page), with the cursor stored with them."""

    items: list[Any]
    cursor: str
    prepared: object


class SyncEngine:
    """Moves data between the app's storage and the platform, one bounded run at a time."""

    def __init__(
        self,
        client: PlatformClient,
        storage: SyncStorage,
        resources: Iterable[str] = RESOURCES,
        *,
        push_batch: int = 200,
        page_limit: int = 1000,
        fetch_limit: int | None = None,
        snapshot_page_limit: int = 5000,
        max_pages_per_resource: int = 1000,
        max_events_per_run: int = 20_000,
        max_failures_per_run: int = 5,
        max_failed_attempts: int = 20,
        ack_batch: int = 200,  # one transaction (one fsync on the till) per batch pushed
        batch_events: int = 200,
        batch_bytes: int = MAX_BATCH_BYTES // 2,
        backoff: Backoff | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        on_page: Callable[[str, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        yield_point: Callable[[], None] | None = None,
    ) -> None:
        self.resources = tuple(resources)
        unknown = [r for r in self.resources if r not in RESOURCES]
        if unknown:
            raise ValueError(f"unknown resources {unknown}; expected some of {', '.join(RESOURCES)}")
        self.client = client
        self.storage = storage
        self.push_batch = push_batch
        #: Items per write transaction; ``fetch_limit``: items per request (more: the platform's
        #: checkpoints cut the page into parts of ``page_limit``, each written with its own cursor).
        self.page_limit = page_limit
        self.fetch_limit = max(page_limit, fetch_limit or page_limit)
        self.snapshot_page_limit = snapshot_page_limit
        #: Called by the pull between its CPU-bound steps (validating, preparing, comparing a page) so
        #: the app can hold them back while its own foreground work runs (the till: a scan).
        self._yield_point = yield_point or (lambda: None)
        self.max_pages = max_pages_per_resource
        self.max_events = max_events_per_run
        self.max_failures = max_failures_per_run
        if max_failed_attempts < 1:
            raise ValueError("max_failed_attempts must be at least 1")
        self.max_failed_attempts = max_failed_attempts
        self.ack_batch = ack_batch
        if batch_events > MAX_BATCH_EVENTS or batch_bytes > MAX_BATCH_BYTES:
            raise ValueError(f"a batch holds at most {MAX_BATCH_EVENTS} events and {MAX_BATCH_BYTES} bytes")
        self.batch_events = batch_events
        self.batch_bytes = batch_bytes
        self._acks: list[tuple[str, PushResult]] = []
        self.backoff = backoff or Backoff()
        self._monotonic = monotonic
        self._now = now
        self._failures = 0  # retryable failures in the current run
        #: Called after each applied page with (resource, items in it): progress of a first download.
        self._on_page = on_page
        #: Asked between pages; True stops the pull (pages already applied stay, with their cursors).
        self._cancelled = cancelled or (lambda: False)
        self._retry_after: float | None = None

    def run_once(self) -> SyncReport:
        """Push, then pull. Storage errors propagate (they are local faults, not network)."""
        report = SyncReport(started_at=self._now(), pulled={r: 0 for r in self.resources})
        start = self._monotonic()
        self._failures = 0
        self._retry_after = None
        if self._push(report) and not report.needs_pairing:
            self._pull(report)
        report.duration_s = self._monotonic() - start
        report.clock_offset_s = self.client.clock_offset_s
        if report.clock_offset_s is not None and abs(report.clock_offset_s) > CLOCK_WARNING_S:
            report.clock_warning = True
            log.warning("till clock differs from the platform by %.0f s", report.clock_offset_s)
        if self._failures:
            report.retry_in_s = self.backoff.failed(self._retry_after)
        elif not report.needs_pairing:
            self.backoff.succeeded()
        return report

    # -- push ------------------------------------------------------------------------------

    def _push(self, report: SyncReport) -> bool:
        """Send pending events; False if the platform is unreachable (skip the pull)."""
        try:
            return self._push_events(report)
        finally:
            self._flush_acks()

    def _flush_acks(self) -> None:
        if self._acks:
            acks, self._acks = self._acks, []
            self.storage.mark_acknowledged_many(acks)

    def _push_events(self, report: SyncReport) -> bool:
        blocked: set[str] = set()
        seen: set[str] = set()
        while len(seen) < self.max_events:
            progress = False
            self._flush_acks()  # acknowledged events must not come back as pending
            batch: _Batch = _Batch()
            for event in self.storage.pending_events(self.push_batch):
                if self._failures >= self.max_failures:
                    return True
                if event.id in seen or event.aggregate_id in blocked:
                    continue
                seen.add(event.id)
                progress = True
                if self.batch_events >= 2 and event.kind in BATCH_KINDS:
                    body = self._checked(event, report)
                    if body is None:
                        continue
                    size = len(body.model_dump_json()) + _EVENT_OVERHEAD
                    if not batch.fits(body, size, self.batch_events, self.batch_bytes):
                        if self._send(batch, report, blocked) is _Outcome.STOP:
                            return False
                        batch = _Batch()
                    batch.add(event, body, size)
                    continue
                outcome = self._push_one(event, report)
                if outcome is _Outcome.STOP:
                    return False
                if outcome is _Outcome.RETRY:
                    blocked.add(event.aggregate_id)
            if self._send(batch, report, blocked) is _Outcome.STOP:
                return False
            if not progress or self._failures >= self.max_failures:
                break
        return True

    def _checked(self, event: OutboxEvent, report: SyncReport) -> WireModel | None:
        """The event's validated body, or None once it is dead-lettered (it breaks the contract)."""
        model = EVENT_MODELS.get(event.kind)
        if model is None:
            self._dead(event, report, f"unknown event kind {event.kind!r}")
            return None
        try:
            return model.model_validate(event.payload)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '<payload>'}: {e['msg']}" for e in exc.errors()[:5]
            )
            self._dead(event, report, f"{event.kind} payload does not match the contract: {problems}")
            return None

    def _send(self, batch: _Batch, report: SyncReport, blocked: set[str]) -> _Outcome:
        """Push ``batch`` in one request; its events' aggregates are blocked for this run if it failed."""
        if not batch.events:
            return _Outcome.DONE
        if any(e.aggregate_id in blocked for e in batch.events) or self._failures >= self.max_failures:
            return _Outcome.DONE  # an earlier event of an aggregate failed meanwhile: wait for the next run
        outcome = self._push_batch(batch, report)
        if outcome is _Outcome.RETRY:
            blocked.update(e.aggregate_id for e in batch.events)
        return outcome

    def _push_batch(self, batch: _Batch, report: SyncReport) -> _Outcome:
        events = batch.events
        store_id = str(getattr(batch.bodies[0], "store_id", ""))
        request = EventBatch(events=[BatchEvent(idempotency_key=e.id, kind=e.kind, body=b.model_dump(mode="json"))
                                     for e, b in zip(events, batch.bodies, strict=True)])
        try:
            results = self.client.push_batch(store_id, request)
        except Unauthorized as exc:
            report.needs_pairing = True
            report.errors.append(str(exc))
            return _Outcome.STOP
        except Rejected as exc:  # the batch as a whole (no batch route, too large): one request each
            if exc.status in (404, 405):
                log.warning("the platform has no batch push (%s); pushing one event per request", exc)
                self.batch_events = 0
            else:
                log.warning("the platform refused a batch of %d events whole (%s); pushing them one by one",
                            len(events), exc)
            return self._push_singly(events, report)
        except RetryableError as exc:
            self._note_failure(report, f"batch of {len(events)} events: {exc}", exc.retry_after)
            if exc.status is None:  # no answer at all: offline, stop hammering (noted on the first, as alone)
                self.storage.record_attempt(events[0].id, str(exc))
                report.retried += 1
                return _Outcome.STOP
            report.online = True
            return self._batch_failed(events, report, str(exc))
        except (ProtocolError, CursorExpired) as exc:
            report.online = True
            self._note_failure(report, f"batch of {len(events)} events: {exc}", None)
            return self._batch_failed(events, report, str(exc))
        report.online = True
        for event, answer in zip(events, results, strict=True):
            self._batch_answer(event, answer, report)
        return _Outcome.DONE

    def _push_singly(self, events: list[OutboxEvent], report: SyncReport) -> _Outcome:
        failed: set[str] = set()
        for event in events:
            if event.aggregate_id in failed:
                continue
            outcome = self._push_one(event, report)
            if outcome is _Outcome.STOP:
                return outcome
            if outcome is _Outcome.RETRY:
                failed.add(event.aggregate_id)
        return _Outcome.RETRY if failed else _Outcome.DONE

    def _batch_failed(self, events: list[OutboxEvent], report: SyncReport, error: str) -> _Outcome:
        """The whole batch got a retryable answer: a failed attempt for each of its events."""
        outcomes = [self._failed(event, report, error) for event in events]
        return _Outcome.RETRY if _Outcome.RETRY in outcomes else _Outcome.DONE

    def _batch_answer(self, event: OutboxEvent, answer: BatchEventResult, report: SyncReport) -> None:
        if answer.outcome == "refused":
            assert answer.error is not None  # BatchEventResult: a refused event carries its error
            details = f" ({'; '.join(answer.error.details[:5])})" if answer.error.details else ""
            self._dead(event, report, f"refused by the platform: {answer.error.error}: {answer.error.message}{details}")
            return
        assert answer.result is not None  # BatchEventResult: accepted and duplicate carry the result
        self._answered(event, answer.result, report)

    def _push_one(self, event: OutboxEvent, report: SyncReport) -> _Outcome:
        body = self._checked(event, report)
        if body is None:
            return _Outcome.DONE
        try:
            result = self.client.push(event.kind, event.id, body)
        except Unauthorized as exc:
            report.needs_pairing = True
            report.errors.append(str(exc))
            return _Outcome.STOP
        except Rejected as exc:
            return self._dead(event, report, str(exc))
        except RetryableError as exc:
            self._note_failure(report, f"{event.kind} {event.id}: {exc}", exc.retry_after)
            if exc.status is None:
                self.storage.record_attempt(event.id, str(exc))
                report.retried += 1
                return _Outcome.STOP  # no answer at all: offline, stop hammering
            report.online = True
            return self._failed(event, report, str(exc))
        except (ProtocolError, CursorExpired) as exc:
            report.online = True
            self._note_failure(report, f"{event.kind} {event.id}: {exc}", None)
            return self._failed(event, report, str(exc))
        report.online = True
        self._answered(event, result, report)
        return _Outcome.DONE

    def _answered(self, event: OutboxEvent, result: PushResult, report: SyncReport) -> None:
        """The platform's final answer (accepted or conflict): the event leaves the outbox."""
        if result.status == "accepted":
            report.pushed += 1
            self._acks.append((event.id, result))
            if len(self._acks) >= self.ack_batch:
                self._flush_acks()
            return
        self._flush_acks()  # a conflict is recorded after everything acknowledged before it
        self.storage.record_conflict(
            Conflict(
                event_id=event.id, kind=event.kind, code=result.conflict_code or "conflict",
                message=result.message, order_status=result.order_status,
            )
        )
        report.conflicts += 1
        self.storage.mark_acknowledged(event.id, result)

    def _failed(self, event: OutboxEvent, report: SyncReport, error: str) -> _Outcome:
        """The platform answered a retryable error: count it; past the cap the event is dead-lettered."""
        self.storage.record_attempt(event.id, error, answered=True)
        if event.failures + 1 >= self.max_failed_attempts:
            return self._dead(event, report, f"gave up after {event.failures + 1} failed attempts; last error: {error}")
        report.retried += 1
        return _Outcome.RETRY

    def _dead(self, event: OutboxEvent, report: SyncReport, error: str) -> _Outcome:
        log.error("dead-lettered %s event %s: %s", event.kind, event.id, error)
        self.storage.mark_dead(event.id, error)
        report.dead_lettered += 1
        return _Outcome.DONE

    def _note_failure(self, report: SyncReport, message: str, retry_after: float | None) -> None:
        log.warning("sync: %s", message)
        report.errors.append(message)
        self._failures += 1
        if retry_after is not None:
            self._retry_after = max(retry_after, self._retry_after or 0.0)

    # -- pull ------------------------------------------------------------------------------

    def _pull(self, report: SyncReport) -> None:
        for resource in self.resources:
            if self._cancelled():
                report.cancelled = True
                return
            try:
                self._pull_resource(resource, report)
            except Unauthorized as exc:
                report.needs_pairing = True
                report.errors.append(str(exc))
                return
            except RetryableError as exc:
                self._note_failure(report, f"pull {resource}: {exc}", exc.retry_after)
                if exc.status is None:
                    return
            except (ProtocolError, Rejected, CursorExpired) as exc:
                log.error("pull %s rejected, cursor unchanged: %s", resource, exc)
                report.errors.append(f"pull {resource}: {exc}")
            except PageRefused as exc:
                log.error("pull %s parked, cursor unchanged: %s", resource, exc)
                report.refused_pages[resource] = str(exc)
                report.errors.append(f"pull {resource} parked: {exc}")

    @staticmethod
    def _parked(report: SyncReport, resource: str, held: int | None) -> None:
        if held:
            report.parked[resource] = report.parked.get(resource, 0) + held

    def _fetch(self, resource: str, cursor: str | None) -> tuple[FeedPage[Any], list[_Part]]:
        """One page, validated, cut at its checkpoints, each part prepared when the storage can
        (runs in the fetch thread)."""
        self._yield_point()
        page = self.client.feed(resource, cursor, self.fetch_limit, checkpoint_every=self.page_limit)
        preparing = isinstance(self.storage, PreparingStorage)
        return page, [_Part(items, part_cursor, self._prepare(resource, items) if preparing else None)
                      for items, part_cursor in page.parts()]

    def _prepare(self, resource: str, items: list[Any]) -> object:
        self._yield_point()
        return cast(PreparingStorage, self.storage).prepare_page(resource, items)

    def _apply(self, resource: str, part: _Part) -> int | None:
        if isinstance(self.storage, PreparingStorage):
            return self.storage.apply_prepared(resource, part.prepared, part.cursor)
        return self.storage.apply_page(resource, part.items, part.cursor)

    def _pull_resource(self, resource: str, report: SyncReport) -> None:
        """Pages in order; page N+1 is fetched while page N is written (at most one ahead, and
        never past a page that fails: its error surfaces when that page's turn comes)."""
        with ThreadPoolExecutor(1, thread_name_prefix="sync-fetch") as pool:
            self._pull_pages(resource, report, pool)

    def _pull_pages(self, resource: str, report: SyncReport, pool: ThreadPoolExecutor) -> None:
        cursor = self.storage.get_cursor(resource)
        snapshot_taken = False
        staging = self._staging(resource)
        if staging is not None and (resume := staging.snapshot_in_progress(resource)) is not None:
            log.info("%s: resuming the snapshot a crash interrupted (%d pages staged)", resource, resume.pages)
            cursor, snapshot_taken = self._staged_snapshot(staging, resource, report, resume), True
        ahead: Future[tuple[FeedPage[Any], list[_Part]]] | None = None
        for _ in range(self.max_pages):
            fetch, ahead = ahead or pool.submit(self._fetch, resource, cursor), None
            try:
                page, parts = fetch.result()
            except CursorExpired:
                if snapshot_taken:
                    raise
                log.info("%s cursor expired; taking a snapshot", resource)
                cursor, snapshot_taken = self._snapshot(resource, report), True
                continue
            report.online = True
            if page.has_more and not self._cancelled():
                ahead = pool.submit(self._fetch, resource, page.next_cursor)
            for part in parts:
                self._parked(report, resource, self._apply(resource, part))
                report.pulled[resource] += len(part.items)
                if self._on_page is not None:
                    self._on_page(resource, len(part.items))
            cursor = page.next_cursor
            if not page.has_more:
                return
            if self._cancelled():
                report.cancelled = True
                return

    # -- snapshots -------------------------------------------------------------------------

    def _staging(self, resource: str) -> StagingStorage | None:
        storage = self.storage
        return storage if isinstance(storage, StagingStorage) and storage.stages_snapshot(resource) else None

    def _snapshot(self, resource: str, report: SyncReport) -> str:
        """Replace the resource's data by the platform's snapshot; returns the cursor to go on from."""
        staging = self._staging(resource)
        if staging is not None:
            return self._staged_snapshot(staging, resource, report, None)
        snap = self.client.snapshot_pages(resource, self.snapshot_page_limit)
        self._parked(report, resource, self.storage.apply_snapshot(resource, snap.items, snap.cursor))
        report.online = True
        report.snapshots.append(resource)
        report.pulled[resource] += len(snap.items)
        return str(snap.cursor)

    def _staged_snapshot(self, staging: StagingStorage, resource: str, report: SyncReport,
                         resume: SnapshotResume | None) -> str:
        """Page by page into the storage's staging, then one swap. A resumed snapshot whose token the
        platform refuses (compacted meanwhile, or forgotten) starts again from its first page."""
        cursor, token = (resume.cursor, resume.next_token) if resume else (None, None)
        pending = resume is None or token is not None
        restarted = False
        for _ in range(self.max_pages):
            if not pending:
                break
            try:
                self._yield_point()
                page = self.client.snapshot(resource, self.snapshot_page_limit, token)
            except (CursorExpired, Rejected) as exc:
                if token is None or restarted or isinstance(exc, Rejected) and exc.status != 400:
                    raise
                log.warning("%s snapshot: the platform refused its next page (%s); starting again", resource, exc)
                staging.discard_snapshot(resource)
                cursor, token, restarted = None, None, True
                continue
            report.online = True
            if cursor is not None and page.cursor != cursor or page.next_token is not None and page.next_token == token:
                raise ProtocolError(f"{resource} snapshot: a page changed the cursor or did not advance")
            self._yield_point()
            staging.stage_snapshot_page(resource, page.items, page.cursor, page.next_token, first=cursor is None)
            cursor, token, pending = page.cursor, page.next_token, page.next_token is not None
            report.pulled[resource] += len(page.items)
            if self._on_page is not None:
                self._on_page(resource, len(page.items))
        if pending:
            raise ProtocolError(f"{resource} snapshot: more than {self.max_pages} pages")
        assert cursor is not None  # a page was staged, or the resumed snapshot had its cursor
        self._parked(report, resource, staging.finish_snapshot(resource))
        report.snapshots.append(resource)
        return cursor

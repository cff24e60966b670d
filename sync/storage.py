"""The small storage protocol the sync engine needs; the app implements it over its database.

The engine never touches the app's tables: it asks for pending outbox events, reports what
the platform answered, and hands over validated pages of pulled data. Each method is one
local transaction, so a crash at any instant leaves the store consistent: a page and its
cursor are applied together or not at all, an event leaves the outbox only once the
platform acknowledged it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from sync.protocol import FeedItem, PushResult, WireModel


@dataclass(frozen=True)
class OutboxEvent:
    """One event waiting in the app's outbox.

    ``id`` (UUID4 hex) is sent as the Idempotency-Key, so every retry reuses it.
    ``aggregate_id`` groups events that must arrive in order (e.g. all events of one pickup
    order); events of one aggregate are sent strictly in outbox order.
    ``payload`` is the event body as JSON-compatible dict, validated against
    ``sync.protocol.EVENT_MODELS[kind]`` before it is sent.
    """

    id: str
    kind: str
    aggregate_id: str
    payload: dict[str, Any]
    created_at: dt.datetime
    attempts: int = 0
    #: Attempts the platform answered with a retryable error; the engine's retry cap counts these
    #: (attempts that got no answer at all, offline, never dead-letter an event).
    failures: int = 0


@dataclass(frozen=True)
class Conflict:
    """The platform's final "no" to an event (e.g. the pickup order was cancelled online)."""

    event_id: str
    kind: str
    code: str
    message: str
    order_status: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class SyncStorage(Protocol):
    """What the sync engine needs from the till's database. Each call is one transaction."""

    def pending_events(self, limit: int) -> Sequence[OutboxEvent]:
        """Up to ``limit`` events that are neither acknowledged nor dead, oldest first."""
        ...

    def mark_acknowledged(self, event_id: str, result: PushResult) -> None:
        """The platform accepted the event (or answered a conflict): it leaves the outbox.

        For a conflict, the engine also calls :meth:`record_conflict` first.
        """
        ...

    def record_conflict(self, conflict: Conflict) -> None:
        """Keep a platform conflict where a manager can see and resolve it."""
        ...

    def mark_dead(self, event_id: str, error: str) -> None:
        """Park an event the platform rejected as invalid (dead letter); it is not retried."""
        ...

    def record_attempt(self, event_id: str, error: str, answered: bool = False) -> None:
        """A delivery attempt failed in a way worth retrying; count it and keep the event.
        ``answered``: the platform answered (5xx, 429, garbage): it counts toward the retry cap."""
        ...

    def mark_acknowledged_many(self, acks: Sequence[tuple[str, PushResult]]) -> None:
        """:meth:`mark_acknowledged` for several accepted events in ONE transaction (the engine
        batches them). A crash before it only means those events are sent again: the platform
        answers a replayed Idempotency-Key with its original result."""
        ...

    def get_cursor(self, resource: str) -> str | None:
        """The stored change-feed cursor of ``resource``, or None before the first pull."""
        ...

    def apply_page(self, resource: str, items: Sequence[FeedItem[Any]], new_cursor: str) -> int | None:
        """Upsert live items, delete tombstoned keys, and store ``new_cursor``: ATOMICALLY.

        A storage may hold back ("park") live items that refer to something it does not have yet,
        and return how many it held back (None or 0: none); the engine reports the count.
        """
        ...

    def apply_snapshot(self, resource: str, items: Sequence[WireModel], cursor: str) -> int | None:
        """Replace all local rows of ``resource`` by ``items`` and store ``cursor``: ATOMICALLY.
        Returns the number of items held back, as :meth:`apply_page`."""
        ...


@runtime_checkable
class PreparingStorage(Protocol):
    """A storage that splits :meth:`SyncStorage.apply_page` in two: the engine prepares page N+1
    (pure work, no database: e.g. search keys) in its fetch thread while page N is written."""

    def prepare_page(self, resource: str, items: Sequence[FeedItem[Any]]) -> object:
        """Everything the page's write needs that does not touch the database; thread-safe."""
        ...

    def apply_prepared(self, resource: str, prepared: object, new_cursor: str) -> int | None:
        """:meth:`SyncStorage.apply_page` of a page :meth:`prepare_page` prepared."""
        ...


@dataclass(frozen=True)
class SnapshotResume:
    """An unfinished snapshot the storage holds: its cursor, the token of its next page (None: every
    page is staged, only the swap is left) and how many pages it has."""

    cursor: str
    next_token: str | None
    pages: int


@runtime_checkable
class StagingStorage(Protocol):
    """A storage that takes a 410 snapshot page by page (memory bounded by a page) instead of whole
    (:meth:`SyncStorage.apply_snapshot`): each page is staged as it arrives, nothing live changes
    until :meth:`finish_snapshot` swaps the whole snapshot in with its cursor, atomically. A crash
    mid-snapshot leaves the old data whole and the staged pages for the next run to resume."""

    def stages_snapshot(self, resource: str) -> bool:
        """Whether snapshots of ``resource`` go through staging (else :meth:`SyncStorage.apply_snapshot`)."""
        ...

    def snapshot_in_progress(self, resource: str) -> SnapshotResume | None:
        """The snapshot of ``resource`` staged before a crash, if any, to resume."""
        ...

    def stage_snapshot_page(self, resource: str, items: Sequence[WireModel], cursor: str,
                            next_token: str | None, first: bool) -> None:
        """Stage one page (``first``: start the snapshot afresh, dropping any staged one). One transaction."""
        ...

    def finish_snapshot(self, resource: str) -> int | None:
        """Swap the staged snapshot in with its cursor in ONE transaction; returns items held back."""
        ...

    def discard_snapshot(self, resource: str) -> None:
        """Drop a staged snapshot (the platform no longer serves its pages: it starts again)."""
        ...

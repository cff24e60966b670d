"""Outbox of events for the platform, and the pull cursors of the change feeds."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from pos_app.store.models import OutboxEvent, SyncCursor, utcnow


class OutboxRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, kind: str, aggregate_id: str, payload: dict[str, Any], event_id: str | None = None) -> str:
        """Queue an event in the caller's transaction; its id is the Idempotency-Key forever."""
        eid = event_id or uuid.uuid4().hex
        self.s.add(OutboxEvent(id=eid, kind=kind, aggregate_id=aggregate_id,
                               payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                               created_at=utcnow(), status="pending", attempts=0))
        self.s.flush()
        return eid

    def pending(self, limit: int) -> list[OutboxEvent]:
        stmt = (select(OutboxEvent).where(OutboxEvent.status == "pending")
                .order_by(OutboxEvent.seq).limit(limit))
        return list(self.s.scalars(stmt))

    def by_status(self, status: str) -> list[OutboxEvent]:
        return list(self.s.scalars(select(OutboxEvent).where(OutboxEvent.status == status)
                                   .order_by(OutboxEvent.seq)))

    def for_aggregate(self, aggregate_id: str) -> list[OutboxEvent]:
        return list(self.s.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id == aggregate_id)
                                   .order_by(OutboxEvent.seq)))

    def get(self, event_id: str) -> OutboxEvent | None:
        return self.s.scalars(select(OutboxEvent).where(OutboxEvent.id == event_id)).first()

    def set_status(self, event_id: str, status: str, *, error: str | None = None,
                   result: dict[str, Any] | None = None) -> None:
        values: dict[str, Any] = {"status": status, "last_error": error}
        if status == "pending":  # a refused event sent again starts a fresh count toward the cap
            values["failures"] = 0
        if status == "sent":
            values.update(acknowledged_at=utcnow(), result=json.dumps(result or {}, ensure_ascii=False))
        self.s.execute(update(OutboxEvent).where(OutboxEvent.id == event_id).values(**values))

    def record_attempt(self, event_id: str, error: str, answered: bool = False) -> None:
        """A failed attempt; ``answered``: the platform answered it (counts toward the retry cap)."""
        self.s.execute(update(OutboxEvent).where(OutboxEvent.id == event_id)
                       .values(attempts=OutboxEvent.attempts + 1, last_error=error,
                               failures=OutboxEvent.failures + (1 if answered else 0)))

    def acknowledge_many(self, acks: list[tuple[str, dict[str, Any]]]) -> None:
        """Several events the platform acknowledged, in one statement."""
        if acks:
            table = OutboxEvent.__table__
            assert isinstance(table, Table)  # a declarative model's table
            self.s.connection().execute(
                update(table).where(table.c.id == bindparam("b_id")).values(
                    status="sent", last_error=None, acknowledged_at=bindparam("b_at"), result=bindparam("b_result")),
                [{"b_id": eid, "b_at": utcnow(), "b_result": json.dumps(result, ensure_ascii=False)}
                 for eid, result in acks])

    def counts(self) -> dict[str, int]:
        rows = self.s.execute(select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status))
        return {status: n for status, n in rows}


class CursorRepository:
    def __init__(self, session: Session):
        self.s = session

    def get(self, resource: str) -> str | None:
        row = self.s.get(SyncCursor, resource)
        return row.cursor if row else None

    def set(self, resource: str, cursor: str | None) -> None:
        self.s.merge(SyncCursor(resource=resource, cursor=cursor, updated_at=utcnow()))
        self.s.flush()

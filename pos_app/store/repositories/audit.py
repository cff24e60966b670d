"""Append-only audit log (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.store.models import AuditEntry, utcnow


class AuditRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, till_id: str, action: str, user_id: str | None, *, approver_id: str | None = None,
            ref_id: str | None = None, details: dict[str, Any] | None = None) -> None:
        self.s.add(AuditEntry(at=utcnow(), till_id=till_id, user_id=user_id, approver_id=approver_id,
                              action=action, ref_id=ref_id, details=_as_json(details or {})))
        self.s.flush()

    def entries(self, action: str | None = None, ref_id: str | None = None) -> list[AuditEntry]:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        if ref_id:
            stmt = stmt.where(AuditEntry.ref_id == ref_id)
        return list(self.s.scalars(stmt))


def _as_json(details: dict[str, Any]) -> str:
    """Readable JSON; escaped instead when a value holds text SQLite cannot store (a lone
    surrogate a device or a paste typed): the audit records what it was given, never fails on it."""
    text = json.dumps(details, ensure_ascii=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(details, default=str)
    return text

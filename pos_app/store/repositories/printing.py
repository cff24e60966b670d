"""Durable print jobs: written in the same transaction as what they print."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from pos_app.store.models import PrintJob, utcnow


class PrintJobRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, kind: str, document_json: str, *, ref_id: str | None = None,
            printer_role: str = "receipt") -> str:
        seq = (self.s.scalar(select(func.max(PrintJob.seq))) or 0) + 1
        jid = uuid.uuid4().hex
        self.s.add(PrintJob(id=jid, seq=seq, kind=kind, ref_id=ref_id, printer_role=printer_role,
                            document=document_json, status="pending", attempts=0, created_at=utcnow()))
        self.s.flush()
        return jid

    def get(self, job_id: str) -> PrintJob | None:
        return self.s.get(PrintJob, job_id)

    def pending(self, printer_role: str | None = None) -> list[PrintJob]:
        stmt = select(PrintJob).where(PrintJob.status == "pending").order_by(PrintJob.seq)
        if printer_role:
            stmt = stmt.where(PrintJob.printer_role == printer_role)
        return list(self.s.scalars(stmt))

    def last(self, kind: str) -> PrintJob | None:
        return self.s.scalars(select(PrintJob).where(PrintJob.kind == kind)
                              .order_by(PrintJob.seq.desc())).first()

    def first_for(self, ref_id: str, kind: str) -> PrintJob | None:
        """The first job of `kind` for a record (a sale's receipt as printed, not a reprint)."""
        return self.s.scalars(select(PrintJob).where(PrintJob.ref_id == ref_id, PrintJob.kind == kind)
                              .order_by(PrintJob.seq)).first()

    def mark_printed(self, job_id: str) -> None:
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id)
                       .values(status="printed", printed_at=utcnow(), last_error=None))

    def start_send(self, job_id: str) -> None:
        """Record that the job's bytes are about to go out (commit before sending them)."""
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id).values(sends=PrintJob.sends + 1))

    def mark_uncertain(self, job_id: str, error: str) -> None:
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id)
                       .values(status="uncertain", last_error=error))

    def uncertain(self, printer_role: str | None = None) -> list[PrintJob]:
        stmt = select(PrintJob).where(PrintJob.status == "uncertain").order_by(PrintJob.seq)
        if printer_role:
            stmt = stmt.where(PrintJob.printer_role == printer_role)
        return list(self.s.scalars(stmt))

    def settle_uncertain(self, job_id: str, reprint: bool) -> bool:
        """An uncertain job back to the queue (printed again, marked REPRINT) or taken as printed."""
        values = {"status": "pending"} if reprint else {"status": "printed", "printed_at": utcnow()}
        result = self.s.execute(update(PrintJob).where(PrintJob.id == job_id, PrintJob.status == "uncertain")
                                .values(**values))
        return bool(cast("CursorResult[Any]", result).rowcount)

    def count(self, status: str, printer_role: str) -> int:
        """How many jobs of a printer are in `status` (pending, uncertain...)."""
        return self.s.scalar(select(func.count()).select_from(PrintJob).where(
            PrintJob.status == status, PrintJob.printer_role == printer_role)) or 0

    def pending_ids(self, printer_role: str) -> list[str]:
        """A printer's waiting jobs, oldest first."""
        return list(self.s.scalars(select(PrintJob.id).where(
            PrintJob.status == "pending", PrintJob.printer_role == printer_role).order_by(PrintJob.seq)))

    def set_aside(self, job_id: str, error: str) -> None:
        """A job no printer can print leaves the queue as failed, with why."""
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id)
                       .values(status="failed", last_error=error[:2000]))

    def record_failure(self, job_id: str, error: str) -> None:
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id)
                       .values(attempts=PrintJob.attempts + 1, last_error=error))

    def reroute(self, job_id: str, printer_role: str) -> None:
        self.s.execute(update(PrintJob).where(PrintJob.id == job_id).values(printer_role=printer_role))

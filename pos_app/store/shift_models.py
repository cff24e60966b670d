"""Tables of shifts, cash management and end of day.

Drawer events, count attempts, Z reports and per-sale discount breakdowns are immutable (triggers
in migration 0002 refuse UPDATE and DELETE): a miscount is corrected by a new attempt, never by
editing the old one, so the history a manager audits is the history that happened. A shift row
changes once, from open to closed, and is frozen after that.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow

IMMUTABLE_SHIFT_TABLES = ("cash_events", "shift_counts", "z_reports", "sale_discounts")


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"))
    business_date: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(8))  # open | closed
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    float_fen: Mapped[int] = mapped_column(Integer)
    float_counts: Mapped[str] = mapped_column(Text)  # {denomination code: pieces} as JSON
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(32))
    close_count_id: Mapped[str | None] = mapped_column(String(32))  # the confirmed attempt
    close_reason: Mapped[str | None] = mapped_column(String(200))
    close_approver_id: Mapped[str | None] = mapped_column(String(32))


class CashEvent(Base):
    """Money into or out of the drawer other than sales, and drawer opens without a sale."""

    __tablename__ = "cash_events"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    till_id: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(12))  # paid_in | paid_out | drop | pickup | no_sale
    amount_fen: Mapped[int] = mapped_column(Integer)  # >= 0; the kind gives the direction
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[str] = mapped_column(String(32))
    approver_id: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShiftCount(Base):
    """One blind count attempt; `expected` is fixed when the attempt is submitted."""

    __tablename__ = "shift_counts"
    __table_args__ = (UniqueConstraint("shift_id", "attempt_no"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    attempt_no: Mapped[int] = mapped_column(Integer)
    counted_by: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cash_counts: Mapped[str] = mapped_column(Text)  # {denomination code: pieces}
    counted: Mapped[str] = mapped_column(Text)  # {tender kind: fen}
    expected: Mapped[str] = mapped_column(Text)  # {tender kind: fen}


class ZReportRow(Base):
    """The end of a business day of one till: key figures as columns, everything as JSON."""

    __tablename__ = "z_reports"
    __table_args__ = (UniqueConstraint("till_id", "z_no", name="uq_z_reports_till_id_z_no"),
                      UniqueConstraint("till_id", "business_date", name="uq_z_reports_till_id_business_date"))
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"))
    z_no: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(32))
    approver_id: Mapped[str | None] = mapped_column(String(32))
    sale_count: Mapped[int] = mapped_column(Integer)
    gross_sales_fen: Mapped[int] = mapped_column(Integer)
    discounts_fen: Mapped[int] = mapped_column(Integer)
    net_sales_fen: Mapped[int] = mapped_column(Integer)
    tax_fen: Mapped[int] = mapped_column(Integer)
    cash_expected_fen: Mapped[int] = mapped_column(Integer)
    cash_counted_fen: Mapped[int] = mapped_column(Integer)
    over_short_fen: Mapped[int] = mapped_column(Integer)
    first_receipt_no: Mapped[str | None] = mapped_column(String(40))
    last_receipt_no: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)


class SaleDiscount(Base):
    """A sale's discounts by kind (line, ticket, ...), which the sale rows hold only as a sum."""

    __tablename__ = "sale_discounts"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    amount_fen: Mapped[int] = mapped_column(Integer)


#: One open shift per till, enforced by the database as well as by the service.
Index("uq_shifts_open_till", Shift.till_id, unique=True, sqlite_where=text("status = 'open'"))
Index("ix_shifts_till_business_date", Shift.till_id, Shift.business_date)

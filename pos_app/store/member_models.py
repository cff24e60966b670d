"""Members at the till (migration 0014): who is on which ticket, the ledger entries this till
wrote (each also an outbox event with the same id), online holds, sign-ups waiting for a member
id, and the store's member terms. Only what the till needs: no birthdays, no addresses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class TicketMember(Base):
    """The member on an open ticket (or the sign-up whose member id is not known yet)."""

    __tablename__ = "ticket_members"
    ticket_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(64))
    signup_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberEntry(Base):
    """A ledger entry written in the transaction of its sale; ``entry_id`` is also its outbox
    event id (the Idempotency-Key). ``member_id`` is None while its sign-up waits for the id."""

    __tablename__ = "member_entries"
    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(64), index=True)
    signup_id: Mapped[str | None] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(Integer, default=0)
    stored_value_fen: Mapped[int] = mapped_column(Integer, default=0)
    voids: Mapped[str | None] = mapped_column(String(64))
    hold_id: Mapped[str | None] = mapped_column(String(32))
    ref_id: Mapped[str | None] = mapped_column(String(32), index=True)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    override_by: Mapped[str | None] = mapped_column(String(32))
    business_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberHoldRow(Base):
    """An online hold (points reserved, stored value held) for a tender on an open ticket.
    ``status``: requested (asked, answer not seen) · held · captured (in the sale's transaction) ·
    released · release_pending (to be released when the platform answers again)."""

    __tablename__ = "member_holds"
    hold_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(32), index=True)
    member_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberSignupRow(Base):
    __tablename__ = "member_signups"
    signup_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    phone: Mapped[str] = mapped_column(String(24), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    consent_terms: Mapped[str] = mapped_column(String(64))
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    member_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberTermsRow(Base):
    """The platform's member terms for this store (JSON of ``MemberTerms``), fetched when online."""

    __tablename__ = "member_terms"
    store_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberTopUpRow(Base):
    """A stored-value top-up paid by the customer's payment code (migration 0018). Written before the
    wallet is asked; its payment intent's ``ticket_id`` is ``top_up_id``. ``status``: pending ·
    credited (in the transaction that records the wallet's PAID) · failed (no charge, or reversed)."""

    __tablename__ = "member_top_ups"
    top_up_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberAllowanceRow(Base):
    """What the platform lets this till take offline from one member (feed ``member_allowances``,
    migration 0018): points to redeem and stored value to spend that the platform has not seen yet.
    A member with no row falls back to the store's member terms."""

    __tablename__ = "member_allowances"
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    points: Mapped[int] = mapped_column(Integer)
    stored_value_fen: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

"""Rows of wallet payments: the intent (written before any request leaves) and its refunds.

The payment code itself is never a column: only its masked form. ``out_trade_no`` is unique, so a
retry can only ever reuse the intent's own number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class PaymentIntentRow(Base):
    __tablename__ = "payment_intents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"), index=True)
    out_trade_no: Mapped[str] = mapped_column(String(32), unique=True)
    ticket_id: Mapped[str] = mapped_column(String(32), index=True)
    wallet: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    code_masked: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(12), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[str | None] = mapped_column(String(32))
    transaction_id: Mapped[str] = mapped_column(String(64), default="")
    payer: Mapped[str] = mapped_column(String(64), default="")  # masked
    last_code: Mapped[str] = mapped_column(String(64), default="")
    last_message: Mapped[str] = mapped_column(Text, default="")
    reverse_attempts: Mapped[int] = mapped_column(Integer, default=0)
    sale_id: Mapped[str] = mapped_column(String(32), default="")
    #: How a manager or the restart settled it: "" | "sold" | "voided" | "accepted: <reason>".
    resolution: Mapped[str] = mapped_column(Text, default="")
    #: "code" (the till scanned the customer's code) | "qr" (the customer scanned the till's QR).
    method: Mapped[str] = mapped_column(String(8), default="code", server_default="code")
    qr_url: Mapped[str] = mapped_column(String(512), default="", server_default="")


class PaymentRefundRow(Base):
    """A refund through the wallet's refund API; ``refund_no`` is unique and reused on every retry."""

    __tablename__ = "payment_refunds"
    refund_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    intent_id: Mapped[str] = mapped_column(ForeignKey("payment_intents.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12))  # requested | refunded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")

"""Rows of returns: the return document (own gapless number per till), its lines and refunds.

The refundable-quantity ledger of a local sale line is `sale_line_refunds` (one row per returned
line, written in the return's transaction); what is still refundable is the line's quantity and
total less the sum of its rows. Returns, their lines and the ledger rows are immutable (triggers
in migration 0015); a return tender's `state` moves (a wallet refund is confirmed after commit).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime

IMMUTABLE_RETURN_TABLES = ("returns", "return_lines", "sale_line_refunds")


class ReturnDoc(Base):
    __tablename__ = "returns"
    __table_args__ = (UniqueConstraint("till_id", "seq"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    return_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # receipt | no_receipt | exchange
    #: The sale returned against: a local `sales.id`, or the platform's sale/order id (remote).
    original_sale_id: Mapped[str | None] = mapped_column(String(32), index=True)
    original_receipt_no: Mapped[str | None] = mapped_column(String(40), index=True)
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    exchange_sale_id: Mapped[str | None] = mapped_column(String(32))
    shift_id: Mapped[str | None] = mapped_column(String(32), index=True)
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    cashier_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    approver_id: Mapped[str | None] = mapped_column(String(32))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    refund_fen: Mapped[int] = mapped_column(Integer)  # sum of the line totals
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0)  # cash rounding of the refund, <= 0
    total_fen: Mapped[int] = mapped_column(Integer)  # refund + rounding = sum of the refund tenders
    tax_fen: Mapped[int] = mapped_column(Integer, default=0)
    to_cash: Mapped[bool] = mapped_column(Boolean, default=False)  # manager override


class ReturnLine(Base):
    __tablename__ = "return_lines"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[str | None] = mapped_column(String(40), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[str] = mapped_column(String(24))
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer)
    tax_rate: Mapped[str] = mapped_column(String(8))
    tax_fen: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(32))
    damaged: Mapped[bool] = mapped_column(Boolean, default=False)
    promotions: Mapped[str] = mapped_column(Text, default="[]")  # [[promotion_id, fen], ...] refunded


class ReturnTender(Base):
    """One part of the refund: ``method`` wallet (``refund_no`` through the payment service),
    instruction (card: refund on the terminal, ``reference`` = the slip), cash."""

    __tablename__ = "return_tenders"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(64), default="")
    refund_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(12), index=True)  # pending | done


class StagedExchange(Base):
    """Returned goods waiting as credit on an open ticket (an exchange): written with the credit
    tender, turned into the return document in the sale's transaction, then deleted."""

    __tablename__ = "staged_exchanges"
    ticket_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40))
    picks: Mapped[str] = mapped_column(Text)  # [[sale line id, quantity, reason], ...]
    credit_fen: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(32))

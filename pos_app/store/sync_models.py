"""Tables filled by the platform's change feeds (members, coupons, pickup orders) and the
conflicts the platform answered, which a manager must see."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class Member(Base):
    __tablename__ = "members"
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    card_no: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(24))
    tier: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer, default=0)
    stored_value_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # migration 0014
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Coupon(Base):
    __tablename__ = "coupons"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    value_fen: Mapped[int] = mapped_column(Integer)
    percent_off: Mapped[int] = mapped_column(Integer)
    min_spend_fen: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean)
    offline_safe: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    stores: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON; empty: all
    #: Set in the transaction of the sale that used it at this till (the platform is told by event).
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redeemed_sale_id: Mapped[str | None] = mapped_column(String(32))


class PickupOrder(Base):
    """A buy-online-pick-up-in-store order. `platform_status` is what the platform last said;
    `status` is the till's own progress (picking, ready, ...) which may be ahead of it."""

    __tablename__ = "pickup_orders"
    order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_no: Mapped[str] = mapped_column(String(64), unique=True)
    customer_name: Mapped[str] = mapped_column(String(200))
    customer_phone: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(24), index=True)
    platform_status: Mapped[str] = mapped_column(String(24))
    payment: Mapped[str] = mapped_column(String(16))
    pickup_deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    wrong_code_attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Till-side progress of the pickup console (migration 0004).
    notified: Mapped[bool] = mapped_column(Boolean, default=False)  # the clerk was told it arrived
    bag_count: Mapped[int] = mapped_column(Integer, default=1)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # code checked, hand-over open
    verified_by: Mapped[str | None] = mapped_column(String(32))
    code_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # final hand-over used the code
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    payment_ticket_id: Mapped[str | None] = mapped_column(String(32), index=True)  # pay at store
    pending_handover: Mapped[str | None] = mapped_column(Text)  # JSON {line_id: qty} being paid
    sale_id: Mapped[str | None] = mapped_column(String(32))
    # The pickup code's Argon2id hash (migration 0006 replaced the salted SHA-256): offline only.
    code_argon2: Mapped[str] = mapped_column(Text, default="")
    # The till picking it, as the platform last said (migration 0013): "being picked at T02 (Li Na)".
    claimed_by_till: Mapped[str | None] = mapped_column(String(64))
    claimed_by_name: Mapped[str | None] = mapped_column(String(200))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Tills that picked it offline while another held the claim ("T02,T03"), and whether this
    #: till has put that double pick in front of its manager yet (`PickupService.reconcile`).
    double_picked_at: Mapped[str] = mapped_column(Text, default="", server_default="")
    double_pick_reported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class PickupOrderLine(Base):
    __tablename__ = "pickup_order_lines"
    order_id: Mapped[str] = mapped_column(ForeignKey("pickup_orders.order_id", ondelete="CASCADE"),
                                          primary_key=True)
    line_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[str] = mapped_column(String(24))
    unit: Mapped[str] = mapped_column(String(8))
    price_fen: Mapped[int] = mapped_column(Integer)
    picked: Mapped[str] = mapped_column(String(24), default="0")
    handed_over: Mapped[str] = mapped_column(String(24), default="0")
    cancelled: Mapped[str] = mapped_column(String(24), default="0")  # not handed over, with a reason
    short_reason: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text, default="")
    order_status: Mapped[str | None] = mapped_column(String(24))
    extra: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(32))


class PlatformKey(Base):
    """A public key of the platform (pairing answer, ``GET /v1/keys``): checks signed pickup QRs."""

    __tablename__ = "platform_keys"
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    algorithm: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PickupCodeGuard(Base):
    """Wrong pickup codes typed with no order selected, per till: they count toward a lock too."""

    __tablename__ = "pickup_code_guards"
    till_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    wrong_attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SnapshotProgress(Base):
    """A 410 snapshot being staged page by page (`store.sync_snapshot`): the cursor it will leave the
    feed at and the token of its next page, so a run after a crash resumes where it stopped."""

    __tablename__ = "snapshot_progress"
    resource: Mapped[str] = mapped_column(String(24), primary_key=True)
    cursor: Mapped[str] = mapped_column(Text)
    next_token: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SnapshotRow(Base):
    """A key of a staged snapshot, with its item (the wire JSON) only when it differs from the
    till's live row: the swap applies those and retires the live keys the snapshot lacks."""

    __tablename__ = "snapshot_rows"
    resource: Mapped[str] = mapped_column(String(24), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str | None] = mapped_column(Text)

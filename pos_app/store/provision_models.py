"""Tables of a store provisioned from the platform: its profile, the devices the platform
assigns to this till, rows held back because they refer to something unknown, and how this
till is paired."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class StoreProfile(Base):
    """The store as the platform describes it; receipts print its header and footer lines."""

    __tablename__ = "store_profile"
    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(24), default="")
    tax_id: Mapped[str] = mapped_column(String(20), default="")
    receipt_header: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of lines
    receipt_footer: Mapped[str] = mapped_column(Text, default="[]")
    currency: Mapped[str] = mapped_column(String(3))
    time_zone: Mapped[str] = mapped_column(String(64))
    business_day_cutoff_hour: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeviceAssignment(Base):
    """Device addresses the platform assigned to a till (JSON of `sync.protocol.DeviceSettings`)."""

    __tablename__ = "device_assignments"
    till_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ParkedRow(Base):
    """A pulled row that refers to something this till does not have (yet): kept with the reason,
    applied as soon as what it needs arrives, replaced by a newer version of the same key."""

    __tablename__ = "parked_rows"
    __table_args__ = (UniqueConstraint("resource", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resource: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    parked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TillPairing(Base):
    """The one platform this till is paired with (one row, id 1). `demo` marks the local demo
    platform of `make run`; `initial_sync_done_at` is set when the first full download finished."""

    __tablename__ = "till_pairing"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform_url: Mapped[str] = mapped_column(String(300))
    store_id: Mapped[str] = mapped_column(String(64))
    till_id: Mapped[str] = mapped_column(String(64))
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    paired_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    initial_sync_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

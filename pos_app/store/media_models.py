"""Slides for the customer screen pulled from the platform (feed ``media``); an image's file is in
`<data dir>/media/<sha256>` once downloaded and checked (``status``: pending, ready or skipped)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class MediaRow(Base):
    __tablename__ = "media_items"
    media_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # image | text
    text: Mapped[str] = mapped_column(String(120), default="")
    text_en: Mapped[str] = mapped_column(String(120), default="")
    content_type: Mapped[str] = mapped_column(String(16), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(8), default="pending")  # pending | ready | skipped
    reason: Mapped[str] = mapped_column(String(200), default="")  # why it was skipped
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

"""Promotions pulled from the platform (feed ``promotions``), kept as the rule body the engine
parses, so a change of the engine never needs a table change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.store.models import Base, UTCDateTime, utcnow


class PromotionRow(Base):
    __tablename__ = "promotions"
    promotion_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)  # the wire JSON of sync.protocol.Promotion
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

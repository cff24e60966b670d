"""Reading the promotions the platform sent (the engine parses the stored wire bodies)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.store.promotion_models import PromotionRow

_VERSION = select(func.count(), func.max(PromotionRow.updated_at))


class PromotionRepository:
    def __init__(self, session: Session):
        self.session = session

    def version(self) -> tuple[int, datetime | None]:
        """Changes whenever a pull adds, changes or removes a promotion. Read on every ticket
        change: a prebuilt statement on the transaction's connection (not the ORM session)."""
        count, latest = self.session.connection().execute(_VERSION).one()
        return int(count), latest

    def bodies(self, now: datetime) -> list[dict[str, Any]]:
        """Wire bodies of the promotions not yet over, in id order."""
        rows = self.session.scalars(
            select(PromotionRow.body).where(PromotionRow.valid_to > now).order_by(PromotionRow.promotion_id)
        )
        return [json.loads(body) for body in rows]

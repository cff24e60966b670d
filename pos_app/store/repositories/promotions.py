"""Reading the promotions the platform sent (the engine parses the stored wire bodies)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.store.prepared import Prepared, raw
from pos_app.store.promotion_models import PromotionRow

_VERSION = Prepared(select(func.count(), func.max(PromotionRow.updated_at)))


class PromotionRepository:
    def __init__(self, session: Session):
        self.session = session

    def version(self) -> tuple[int, str | None]:
        """Changes whenever a pull adds, changes or removes a promotion (the count and the latest
        change's stored time). Read on every ticket change: a prepared statement (prepared.py)."""
        row = _VERSION.one(raw(self.session), {})
        assert row is not None  # an aggregate always gives a row
        return int(row[0]), row[1]

    def bodies(self, now: datetime) -> list[dict[str, Any]]:
        """Wire bodies of the promotions not yet over, in id order."""
        rows = self.session.scalars(
            select(PromotionRow.body).where(PromotionRow.valid_to > now).order_by(PromotionRow.promotion_id)
        )
        return [json.loads(body) for body in rows]

"""Stock: the platform's level plus this till's movements it has not acknowledged yet."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.store.models import StockLevel, StockMovement, utcnow


class StockRepository:
    def __init__(self, session: Session):
        self.s = session

    def add_movement(self, product_id: int, delta: Decimal, reason: str, ref_id: str | None) -> str:
        mid = uuid.uuid4().hex
        self.s.add(StockMovement(id=mid, product_id=product_id, delta=str(delta), reason=reason,
                                 ref_id=ref_id, created_at=utcnow(), acknowledged=False))
        self.s.flush()
        return mid

    def acknowledge(self, ref_id: str) -> None:
        """The platform has applied the movements of `ref_id`: they are in its level now."""
        self.s.execute(update(StockMovement).where(StockMovement.ref_id == ref_id)
                       .values(acknowledged=True))

    def acknowledge_many(self, ref_ids: list[str]) -> None:
        self.s.execute(update(StockMovement).where(StockMovement.ref_id.in_(ref_ids)).values(acknowledged=True))

    def set_level(self, product_id: int, quantity: Decimal, as_of: datetime) -> None:
        self.s.merge(StockLevel(product_id=product_id, quantity=str(quantity), as_of=as_of))

    def level(self, product_id: int) -> Decimal:
        base = self.s.scalar(select(StockLevel.quantity).where(StockLevel.product_id == product_id))
        pending = self.s.scalars(select(StockMovement.delta).where(
            StockMovement.product_id == product_id, StockMovement.acknowledged.is_(False)))
        return Decimal(base or "0") + sum((Decimal(d) for d in pending), Decimal(0))

    def movements(self, ref_id: str) -> list[StockMovement]:
        return list(self.s.scalars(select(StockMovement).where(StockMovement.ref_id == ref_id)))

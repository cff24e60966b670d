"""Coupons at the till: a scanned (or typed) code is checked against the synced coupons table and
put on the ticket; the sale that uses it marks it redeemed in its own transaction and tells the
platform by an outbox event. The platform answers a second use anywhere in the chain with a
conflict, which lands in `sync_conflicts` for the manager (`conflicts()`).

A coupon not marked offline-safe is refused while the till is offline ("needs the network"):
only the platform can tell whether another till used it meanwhile.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from pos_app.config import Config
from pos_app.domain.barcode import RegisteredCode
from pos_app.domain.errors import (
    CouponAlreadyUsed,
    CouponBelowThreshold,
    CouponNeedsNetwork,
    CouponNotForStore,
    CouponNotValid,
    CouponUnknown,
)
from pos_app.domain.money import from_minor, to_minor
from pos_app.domain.promotions import CouponTerms
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.sale_records import SaleContext
from pos_app.store.sync_models import Coupon, SyncConflict
from pos_app.store.uow import Database, UnitOfWork
from sync import protocol as P

KIND = "coupon"
_QR = re.compile(rf"^{P.COUPON_QR_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}})$")
PROMOTION_PREFIX = "coupon:"


def match_coupon(code: str) -> str | None:
    """The coupon code in a coupon QR ("O2OCP:WELCOME10"), else None."""
    found = _QR.match(code.strip())
    return found.group(1) if found else None


@dataclass(frozen=True)
class CouponConflict:
    conflict_id: int
    code: str
    message: str
    created_at: datetime


class CouponService:
    def __init__(self, db: Database, config: Config, online: Callable[[], bool],
                 clock: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.config = config
        self.online = online
        self.clock = clock or (lambda: datetime.now(UTC))

    def attach(self, checkout: Any) -> None:  # CheckoutService: the scanner kind and the sale hook
        checkout.classifier.registry.register(KIND, match_coupon)
        checkout.code_handlers[KIND] = self._present
        checkout.on_complete.append(self.redeem)
        self._checkout = checkout

    def present(self, code: str) -> TicketSnapshot:
        """A coupon code typed by the cashier (the same checks as a scanned one)."""
        snap: TicketSnapshot = self._checkout.scan(f"{P.COUPON_QR_PREFIX}:{code.strip()}")
        return snap

    # -- in the scan's transaction -------------------------------------------------------------
    def _present(self, uow: UnitOfWork, ticket: Ticket, scanned: RegisteredCode) -> None:
        code = str(scanned.parsed)
        row = uow.session.get(Coupon, code)
        if row is None or not row.active:
            raise CouponUnknown(code=code)
        now = self.clock()
        if not row.valid_from <= now < row.valid_to:
            raise CouponNotValid(code=code, start=row.valid_from.date().isoformat(),
                                 end=row.valid_to.date().isoformat())
        stores = json.loads(row.stores)
        if stores and self.config.store_id not in stores:
            raise CouponNotForStore(code=code)
        if row.redeemed_at is not None:
            raise CouponAlreadyUsed(code=code)
        due = to_minor(ticket.snapshot().total, self.config.currency)
        if due < row.min_spend_fen:
            cur = self.config.currency
            raise CouponBelowThreshold(code=code, threshold=from_minor(row.min_spend_fen, cur),
                                       short=from_minor(row.min_spend_fen - due, cur))
        if not row.offline_safe and not self.online():
            raise CouponNeedsNetwork(code=code)
        ticket.add_coupon(CouponTerms(code, row.kind, row.value_fen, row.percent_off, row.min_spend_fen,
                                      row.valid_from, row.valid_to))

    # -- in the sale's transaction -------------------------------------------------------------
    def redeem(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """Mark every coupon the sale used as redeemed and queue its event for the platform."""
        for applied in snap.promotions:
            if not applied.promotion_id.startswith(PROMOTION_PREFIX):
                continue
            code = applied.promotion_id[len(PROMOTION_PREFIX):]
            row = uow.session.get(Coupon, code)
            if row is not None:
                row.redeemed_at, row.redeemed_sale_id = ctx.completed_at, ctx.sale_id
            event = P.CouponRedemption(
                redemption_id=uuid.uuid4().hex, store_id=ctx.store_id, code=code, sale_id=ctx.sale_id,
                receipt_no=ctx.receipt_no, discount_fen=to_minor(applied.amount, snap.currency), at=ctx.completed_at)
            uow.outbox.add("coupon_redemption", event.redemption_id, event.model_dump(mode="json"))

    # -- for the manager -----------------------------------------------------------------------
    def conflicts(self) -> list[CouponConflict]:
        """Coupon uses the platform refused (used elsewhere first): the manager settles them."""
        with self.db.uow(read_only=True) as uow:
            rows = uow.session.scalars(select(SyncConflict).where(
                SyncConflict.kind == "coupon_redemption", SyncConflict.resolved_at.is_(None)
            ).order_by(SyncConflict.id))
            out = []
            for c in rows:
                event = uow.outbox.get(c.event_id)
                code = json.loads(event.payload)["code"] if event is not None else ""
                out.append(CouponConflict(c.id, code, c.message, c.created_at))
            return out

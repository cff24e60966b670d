"""The promotions the till runs: the synced rules as an engine catalog, and the pricer the open
ticket uses on every change.

The catalog is rebuilt only when a pull changed the promotions table (one small query per ticket
change tells), so a scan costs the engine, not a reload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from pos_app.config import Config
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.promotions import (
    CartLine,
    PlanMemo,
    PricingContext,
    PricingResult,
    Promotion,
    PromotionCatalog,
    Reason,
    evaluate,
    parse_promotion,
)
from pos_app.domain.ticket import Pricer
from pos_app.services.auth import StaffSession, authorize
from pos_app.store.repositories.promotions import PromotionRepository
from pos_app.store.uow import UnitOfWork


class PromotionService:
    def __init__(self, config: Config, clock: Callable[[], datetime] | None = None) -> None:
        self.config = config
        self.clock = clock or (lambda: datetime.now(UTC))
        self._version: object = None
        self._catalog = PromotionCatalog()
        self._pricer: Pricer | None = None
        self._member_pricers: dict[tuple[object, str, object], Pricer] = {}
        self._memo = PlanMemo()  # the open ticket's plans, for its next change (see evaluate)

    def attach(self, checkout: Any) -> None:  # CheckoutService; Any keeps the import one-way
        checkout.pricing = self.pricer

    def pricer(self, uow: UnitOfWork) -> Pricer | None:
        """The pricer for the open ticket, the same object while the promotions did not change."""
        repo = PromotionRepository(uow.session)
        version = repo.version()
        if version != self._version:
            now = self.clock()
            self._catalog = PromotionCatalog(parse_promotion(body) for body in repo.bodies(now))
            self._memo = PlanMemo()  # plans of the old catalog's promotions are not this one's
            self._pricer = self._price
            self._version = version
        return self._pricer

    def member_pricer(self, uow: UnitOfWork, tier: str, extra: tuple[Promotion, ...] = (),
                      stamp: object = None) -> Pricer:
        """The pricer for a ticket with a member of ``tier``: member-only and tier rules apply,
        plus ``extra`` promotions (the catalog's member prices). The same object while the
        promotions, the tier and ``stamp`` (what ``extra`` was made from) did not change."""
        self.pricer(uow)
        key = (self._version, tier, stamp)
        cached = self._member_pricers.get(key)
        if cached is None:
            catalog = PromotionCatalog([*self._catalog.promotions.values(), *extra]) if extra else self._catalog

            memo = PlanMemo()

            def price(lines: Sequence[CartLine], coupons: tuple[Promotion, ...], *, spread: bool = True
                      ) -> PricingResult:
                return evaluate(lines, catalog, replace(self.context(coupons), member_tier=tier), spread=spread,
                                memo=memo)

            self._member_pricers = {key: price}  # one member at a time on this till
            cached = price
        return cached

    def context(self, coupons: tuple[Promotion, ...] = ()) -> PricingContext:
        now = self.clock()
        return PricingContext(now=now, local_now=now.astimezone(), store_id=self.config.store_id, coupons=coupons)

    def _price(self, lines: Sequence[CartLine], coupons: tuple[Promotion, ...], *, spread: bool = True) -> PricingResult:
        return evaluate(lines, self._catalog, self.context(coupons), spread=spread, memo=self._memo)

    def why_not(self, session: StaffSession, lines: Sequence[CartLine], line_id: int,
                approval: ManagerApproval | None = None) -> list[tuple[str, str, Reason]]:
        """For a manager (or with a manager's approval): each promotion that looks at the line but
        gives it nothing, with the reason (names in Chinese and English), from pricing ``lines``
        (the open ticket's) again."""
        authorize(session, Permission.PROMOTION_EXPLAIN, approval)
        line = next((ln for ln in lines if ln.line_id == line_id), None)
        if line is None:  # voided, re-priced or discounted by hand: no promotion looks at it
            return [("", "", Reason("", "line_not_promotable", {}))]
        result = evaluate(lines, self._catalog, self.context())
        shares = result.line(line_id)
        given = {pid for pid, _ in shares.shares} if shares else set()
        reasons = {r.promotion_id: r for r in result.reasons}
        out = []
        for promo in self._catalog.for_line(line):
            if promo.promotion_id in given:
                continue
            reason = reasons.get(promo.promotion_id) or Reason(promo.promotion_id, "not_this_line", {})
            out.append((promo.name, promo.name_en, reason))
        return out

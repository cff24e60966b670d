"""The open ticket's running totals: a change costs the lines it changed, not the ticket's length.

While the ticket is an estimate (open, not totalled, unpaid, prices with tax included, no ticket
discount: see ``Ticket.set_pricer``) nothing in its totals needs more than sums: the subtotal, the
line discounts, the lines' totals after their promotions and, per tax class, the sum of its lines
(the class's tax is computed once on that sum; line taxes are split at Total). Each line's part
of those sums is kept, so a change takes the old part off and adds the new one; the lines whose
promotion shares changed (the promotions are priced again on every change, see
``promotions.PlanMemo``) count as changed too. Decimal sums of fen amounts are exact, so the
running sums equal a recomputation from scratch (property-tested against ``Ticket.full_snapshot``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, from_minor, quantum
from .promotions import CartLine, CouponTerms, LinePricing, PricingResult
from .tax import TaxBand, TaxMode, TaxResult, band_tax
from .ticket_pricing import LineCache, LinePromotion, Pricer, line_snapshot, promotable
from .ticket_values import Line, LineSnapshot, PromotionShare


@dataclass(frozen=True)
class _Part:
    """What one line adds to the running sums."""

    live: bool
    amount: Decimal
    discount: Decimal
    total: Decimal
    items: int
    band: tuple[str, Decimal]


class RunningTotals:
    """The sums of one ticket's lines for one pricer and set of coupons (``key``)."""

    def __init__(self, key: tuple[object, ...], currency: str) -> None:
        self.key = key
        self.currency = currency
        self.zero = ZERO.quantize(quantum(currency))
        self.none: LinePromotion = (self.zero, (), ())
        self.lines: list[Line] = []
        self.carts: list[CartLine | None] = []  # per line: what the engine sees (None: not priced)
        self.parts: list[_Part | None] = []
        self.snaps: list[LineSnapshot] = []
        self.position: dict[int, int] = {}  # line id -> index
        self.promos: dict[int, tuple[LinePricing, LinePromotion]] = {}  # lines with promotions only
        self.result: PricingResult | None = None
        self.subtotal = self.line_discounts = self.totals = self.zero
        self.items = self.live = 0
        self.bands: dict[tuple[str, Decimal], tuple[Decimal, int]] = {}  # sum of totals, live lines
        self._yuan: dict[int, Decimal] = {}

    def update(self, lines: list[Line], cached: Callable[[Line], LineCache], pricer: Pricer | None,
               coupons: tuple[CouponTerms, ...]) -> bool:
        """Bring the sums to ``lines``; False when only a fresh start will do (a line was taken
        off or the order changed: an undo)."""
        old = self.lines
        if len(lines) < len(old):
            return False
        changed: set[int] = set()
        for index, line in enumerate(lines):
            if index < len(old):
                if line is old[index]:
                    continue
                if line.line_id != old[index].line_id:
                    return False
            else:
                self.carts.append(None)
                self.parts.append(None)
                self.snaps.append(None)  # type: ignore[arg-type]  # set below: it changed
                self.position[line.line_id] = index
            cache = cached(line)
            self.carts[index] = cache.cart_line(self.currency) if not line.voided and promotable(line) else None
            changed.add(index)
        self.lines = lines
        self._price(pricer, coupons, changed)
        for index in changed:
            self._apply(index, cached(lines[index]))
        return True

    def _price(self, pricer: Pricer | None, coupons: tuple[CouponTerms, ...], changed: set[int]) -> None:
        """Price the lines again; the lines whose promotions changed join ``changed``."""
        carts = [c for c in self.carts if c is not None] if pricer is not None else []
        if pricer is None or not carts:
            self.result = None
            promos: dict[int, tuple[LinePricing, LinePromotion]] = {}
        else:
            self.result = pricer(carts, tuple(c.promotion() for c in coupons), spread=False)
            names = {a.promotion_id: a for a in self.result.applied}
            promos = {}
            for priced in self.result.lines:
                if not priced.discount_fen:
                    continue
                before = self.promos.get(priced.line_id)
                if before is not None and (before[0] is priced or before[0] == priced):
                    promos[priced.line_id] = before
                    continue
                shares = tuple(PromotionShare(pid, names[pid].name, names[pid].name_en, self._money(fen))
                               for pid, fen in priced.shares)
                promos[priced.line_id] = (priced, (self._money(priced.discount_fen), shares, priced.units))
                changed.add(self.position[priced.line_id])
        for line_id in self.promos.keys() - promos.keys():
            changed.add(self.position[line_id])
        self.promos = promos

    def _apply(self, index: int, cache: LineCache) -> None:
        line = cache.line
        promo = self.promos.get(line.line_id)
        promotion = promo[1] if promo is not None else self.none
        total = cache.amount - cache.discount - promotion[0]
        items = 1 if line.by_weight else int(line.quantity)
        part = _Part(not line.voided, cache.amount, cache.discount, total, items,
                     (line.product.tax_class.code, line.product.tax_class.rate))
        self._add(self.parts[index], -1)
        self._add(part, 1)
        self.parts[index] = part
        self.snaps[index] = line_snapshot(cache, total, self.zero, total, self.zero, promotion)

    def _add(self, part: _Part | None, sign: int) -> None:
        if part is None or not part.live:
            return
        self.subtotal += sign * part.amount
        self.line_discounts += sign * part.discount
        self.totals += sign * part.total
        self.items += sign * part.items
        self.live += sign
        summed, count = self.bands.get(part.band, (self.zero, 0))
        if count + sign:
            self.bands[part.band] = (summed + sign * part.total, count + sign)
        else:
            del self.bands[part.band]

    def _money(self, fen: int) -> Decimal:
        found = self._yuan.get(fen)
        if found is None:
            found = self._yuan[fen] = from_minor(fen, self.currency)
        return found

    def tax(self) -> TaxResult:
        """The tax summary of the running sums (no line taxes: they are split at Total)."""
        bands = []
        for (code, rate), (amount, _) in self.bands.items():
            tax = band_tax(amount, rate, TaxMode.INCLUSIVE, self.currency)
            bands.append(TaxBand(code, rate, amount - tax, tax, amount))
        bands.sort(key=lambda b: (-b.rate, b.code))
        return TaxResult(tuple(bands), ())

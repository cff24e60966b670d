"""What the ticket computes per line: the per-line cache that makes a change cost one line, the
line snapshots, and the promotions' shares of each line (see :class:`pos_app.domain.ticket.Ticket`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, from_minor, quantum, to_minor
from .promotions import CartLine, CouponTerms, PricingResult, Promotion
from .ticket_values import Line, LineSnapshot, PromotionShare

#: Prices the live lines with promotions and the ticket's coupons (the service wires the engine,
#: its catalog and clock).
Pricer = Callable[[Sequence[CartLine], tuple[Promotion, ...]], PricingResult]


@dataclass
class LineCache:
    """What one line object gave last time, reused while the ticket still holds that object: a
    change touches one line, so the other lines of a 300-line ticket cost nothing to recompute,
    snapshot or serialise (bench/ui_scan.py)."""

    line: Line
    amount: Decimal  # before discounts
    discount: Decimal  # the line's own discount
    snapshot: LineSnapshot | None = None
    json: str | None = None
    cart: CartLine | None = None

    def cart_line(self, currency: str) -> CartLine:
        """The line as the promotion engine sees it (weighed and labelled lines are one unit)."""
        if self.cart is None:
            line = self.line
            if line.by_weight or line.label_price is not None:
                weight = int(line.quantity * 1000) if line.by_weight else None
                units, price = 1, to_minor(self.amount, currency)
            else:
                weight, units, price = None, int(line.quantity), to_minor(line.unit_price, currency)
            self.cart = CartLine(line.line_id, line.product.sku, line.product.category, units, price, weight)
        return self.cart


def promotable(line: Line) -> bool:
    """A line the cashier re-priced or discounted by hand takes no promotion."""
    return line.override_reason is None and line.discount is None


#: A line's promotions: amount off, the shares, the per-unit discounts (see LineSnapshot).
LinePromotion = tuple[Decimal, tuple[PromotionShare, ...], tuple[tuple[int, int], ...]]


def line_promotions(
    pricer: Pricer | None, coupons: tuple[CouponTerms, ...], currency: str,
    lines: list[Line], cache: list[LineCache], live: list[int],
) -> tuple[PricingResult | None, list[LinePromotion]]:
    """The pricer's result and, per line, (amount off, shares, unit discounts). Lines the cashier
    re-priced or discounted by hand take no promotion (the manual change is the deal)."""
    none: LinePromotion = (ZERO.quantize(quantum(currency)), (), ())
    per_line = [none] * len(lines)
    if pricer is None:
        return None, per_line
    index = {lines[i].line_id: i for i in live if promotable(lines[i])}
    carts = [cache[i].cart_line(currency) for i in index.values()]
    if not carts:
        return None, per_line
    result = pricer(carts, tuple(c.promotion() for c in coupons))
    names = {a.promotion_id: a for a in result.applied}
    amounts: dict[int, Decimal] = {}  # fen -> yuan: most shares repeat across lines

    def yuan(fen: int) -> Decimal:
        found = amounts.get(fen)
        if found is None:
            found = amounts[fen] = from_minor(fen, currency)
        return found

    for priced in result.lines:
        if priced.discount_fen:
            shares = tuple(PromotionShare(pid, names[pid].name, names[pid].name_en, yuan(fen))
                           for pid, fen in priced.shares)
            per_line[index[priced.line_id]] = (yuan(priced.discount_fen), shares, priced.units)
    return result, per_line


def line_snapshot(cached: LineCache, total: Decimal, share: Decimal, net: Decimal, tax: Decimal,
                  promo: LinePromotion) -> LineSnapshot:
    """The line's snapshot, the same object as last time when nothing it shows changed (its
    shares of the ticket discount, the promotions and the tax depend on the other lines)."""
    old = cached.snapshot
    if (old is not None and old.ticket_discount_share == share and old.tax == tax
            and old.promotions == promo[1] and old.unit_discounts == promo[2]):
        return old
    line = cached.line
    cached.snapshot = LineSnapshot(
        line_id=line.line_id,
        sku=line.product.sku,
        name=line.product.name,
        name_en=line.product.name_en,
        quantity=line.quantity,
        unit=line.unit,
        sold_by_weight=line.by_weight,
        unit_price=line.unit_price,
        original_price=line.original_price,
        override_reason=line.override_reason,
        label_price=line.label_price,
        amount=cached.amount,
        discount=cached.discount,
        discount_rule=line.discount,
        total=total,
        ticket_discount_share=share,
        net_total=net,
        tax=tax,
        tax_code=line.product.tax_class.code,
        tax_rate=line.product.tax_class.rate,
        voided=line.voided,
        promotion_discount=promo[0],
        promotions=promo[1],
        unit_discounts=promo[2],
    )
    return cached.snapshot

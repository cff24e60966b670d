"""The open ticket's running totals: a change costs the lines it changed, not the ticket's length.

While the ticket is an estimate (open, not totalled, unpaid, prices with tax included, no ticket
discount: see ``Ticket.set_pricer``) nothing in its totals needs more than sums: the subtotal, the
line discounts, the lines' totals after their promotions and, per tax class, the sum of its lines
(the class's tax is computed once on that sum; line taxes are split at Total). Each line's part
of those sums is kept, so a change takes the old part off and adds the new one; the lines whose
promotion shares changed (the promotions are priced again on every change, see
``promotions.PlanMemo``) count as changed too. Decimal sums of fen amounts are exact, so the
running sums equal a recomputation from scratch (property-tested against ``Ticket.full_snapshot``).

What changed comes from the ticket's recent edits (``Ticket.changed_since``), so a scan does not
walk the ticket's lines: the lines the engine sees are kept as a list too (rebuilt only when a
line leaves it or joins it in the middle: a void, an override, a discount), and the lines the
engine discounted are picked from its result at C speed. Only a fresh start (an undo, another
pricer) walks every line. :class:`SkuIndex` finds the line a repeat scan adds one to the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from operator import attrgetter

from .money import ZERO, from_minor, quantum
from .promotions import AppliedPromotion, CartLine, CouponTerms, LinePricing, PricingResult
from .tax import TaxBand, TaxMode, TaxResult, band_tax
from .ticket_pricing import LineCache, LinePromotion, Pricer, line_snapshot, promotable
from .ticket_values import Line, LineSnapshot, PromotionShare

#: A discounted line's LinePricing fields (line id, fen off, shares, unit runs), see `_KEY`.
_Key = tuple[int, int, tuple[tuple[str, int], ...], tuple[tuple[int, int], ...]]


@dataclass(frozen=True)
class _Part:
    """What one line adds to the running sums."""

    live: bool
    amount: Decimal
    discount: Decimal
    total: Decimal
    items: int
    band: tuple[str, Decimal]


def changed_by_walk(old: list[Line], lines: list[Line]) -> set[int] | None:
    """The indices of ``lines`` changed or added since ``old``, found line by line (when the recent
    edits cannot tell: see ``Ticket.changed_since``); None when a line was taken off or moved."""
    if len(lines) < len(old):
        return None
    changed: set[int] = set()
    for index, line in enumerate(lines):
        if index < len(old) and line is old[index]:
            continue
        if index < len(old) and line.line_id != old[index].line_id:
            return None
        changed.add(index)
    return changed


class RunningTotals:
    """The sums of one ticket's lines for one pricer and set of coupons (``key``)."""

    def __init__(self, key: tuple[object, ...], currency: str) -> None:
        self.key = key
        self.currency = currency
        self.zero = ZERO.quantize(quantum(currency))
        self.none: LinePromotion = (self.zero, (), ())
        self.lines: list[Line] = []
        self.carts: list[CartLine | None] = []  # per line: what the engine sees (None: not priced)
        self.priced: list[CartLine] = []  # the carts that are not None, in line order
        self.slot: dict[int, int] = {}  # line index -> its place in priced
        self.parts: list[_Part | None] = []
        self.snaps: list[LineSnapshot] = []
        self.position: dict[int, int] = {}  # line id -> index
        self.promos: dict[int, LinePromotion] = {}  # line id -> its promotions (discounted lines only)
        self.source: dict[int, _Key] = {}  # line id -> the fields its promotions were made from
        self.held: list[LinePricing] = []  # the engine's discounted lines last time (ids stay theirs)
        self.ids: set[int] = set()  # their ids
        self.result: PricingResult | None = None
        self.subtotal = self.line_discounts = self.totals = self.zero
        self.items = self.live = 0
        self.bands: dict[tuple[str, Decimal], tuple[Decimal, int]] = {}  # sum of totals, live lines
        self._yuan: dict[int, Decimal] = {}
        self._applied: tuple[tuple[AppliedPromotion, ...], tuple[PromotionShare, ...], Decimal] | None = None

    def update(self, lines: list[Line], cached: Callable[[Line], LineCache], pricer: Pricer | None,
               coupons: tuple[CouponTerms, ...], changed: set[int] | None = None) -> bool:
        """Bring the sums to ``lines``; False when only a fresh start will do (a line was taken
        off or the order changed: an undo). ``changed``: the indices changed or added since
        ``self.lines`` (``Ticket.changed_since``); None: find them line by line."""
        old = self.lines
        if len(lines) < len(old):
            return False
        if changed is None:
            changed = changed_by_walk(old, lines)
            if changed is None:
                return False
        whole = False  # the priced list must be rebuilt (a line left it or joined it in the middle)
        for index in sorted(changed):
            line = lines[index]
            if index >= len(old):
                self.carts.append(None)
                self.parts.append(None)
                self.snaps.append(None)  # type: ignore[arg-type]  # set below: it changed
                self.position[line.line_id] = index
            cart = cached(line).cart_line(self.currency) if not line.voided and promotable(line) else None
            before, self.carts[index] = self.carts[index], cart
            if before is not None and cart is not None and not whole:
                self.priced[self.slot[index]] = cart
            elif cart is not None and index >= len(old) and not whole:
                self.slot[index] = len(self.priced)
                self.priced.append(cart)
            elif before is not None or cart is not None:
                whole = True
        if whole:
            self.slot = {}
            self.priced = []
            for index, cart in enumerate(self.carts):
                if cart is not None:
                    self.slot[index] = len(self.priced)
                    self.priced.append(cart)
        self.lines = lines
        self._price(pricer, coupons, changed)
        for index in changed:
            self._apply(index, cached(lines[index]))
        return True

    def _price(self, pricer: Pricer | None, coupons: tuple[CouponTerms, ...], changed: set[int]) -> None:
        """Price the lines again; the lines whose promotions changed join ``changed``. Only the
        lines the engine discounts are looked at, in C: the engine gives an unchanged line's
        ``LinePricing`` object again (its memo), so a set difference of object ids finds the
        new ones (the last ones are held, so their ids stay theirs), and of those only the lines
        whose fields changed get their promotions built again."""
        promos = self.promos
        if pricer is None or not self.priced:
            self.result = None
            discounted: list[LinePricing] = []
            gone: Iterable[int] = list(promos)
            ids: set[int] = set()
            self.source.clear()
        else:
            self.result = pricer(list(self.priced), tuple(c.promotion() for c in coupons), spread=False)
            discounted = list(compress(self.result.lines, map(_DISCOUNT, self.result.lines)))
            ids = set(map(id, discounted))
            fresh = ids - self.ids
            gone = ()
            if fresh or len(ids) != len(self.ids):
                gone = promos.keys() - set(map(_LINE_ID, discounted))
            names = {a.promotion_id: a for a in self.result.applied} if fresh else {}
            by_id = dict(zip(map(id, discounted), discounted, strict=True)) if fresh else {}
            for fresh_id in fresh:
                key = _KEY(by_id[fresh_id])
                line_id, fen, line_shares, units = key
                if self.source.get(line_id) == key:
                    continue
                shares = tuple(PromotionShare(pid, names[pid].name, names[pid].name_en, self._money(part))
                               for pid, part in line_shares)
                promos[line_id] = (self._money(fen), shares, units)
                self.source[line_id] = key
                changed.add(self.position[line_id])
        for line_id in gone:
            del promos[line_id]
            self.source.pop(line_id, None)
            changed.add(self.position[line_id])
        self.held, self.ids = discounted, ids

    def _apply(self, index: int, cache: LineCache) -> None:
        line = cache.line
        promotion = self.promos.get(line.line_id, self.none)
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

    def applied(self) -> tuple[tuple[PromotionShare, ...], Decimal]:
        """The promotions applied as the snapshot lists them, and their total: built again only
        when the engine applied something else."""
        applied = self.result.applied if self.result else ()
        if self._applied is None or self._applied[0] != applied:
            shares = tuple(PromotionShare(a.promotion_id, a.name, a.name_en, self._money(a.discount_fen))
                           for a in applied)
            self._applied = (applied, shares, sum((s.amount for s in shares), self.zero))
        return self._applied[1], self._applied[2]

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


_DISCOUNT = attrgetter("discount_fen")
_LINE_ID = attrgetter("line_id")
#: What a line's promotions are made of (LinePricing's fields): equal keys, equal promotions.
_KEY = attrgetter("line_id", "discount_fen", "shares", "units")


def repeatable(line: Line) -> bool:
    """A line a repeat scan of its SKU may add one to (see ``Ticket.repeat_line``)."""
    return (not line.voided and not line.by_weight and line.label_price is None
            and line.override_reason is None and line.discount is None)


class SkuIndex:
    """Per SKU, the indices of the ticket's lines a repeat scan may add one to (``repeatable``),
    kept with the ticket's line list: brought up to date from the lines changed since, rebuilt
    from every line when those are unknown (an undo, a recalled ticket)."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.by_sku: dict[str, set[int]] = {}

    def update(self, lines: list[Line], changed: set[int] | None) -> None:
        old = self.lines
        if changed is None:
            self.by_sku = {}
            changed = set(range(len(lines)))
            old = []
        for index in changed:
            if index < len(old) and repeatable(old[index]):
                self.by_sku[old[index].product.sku].discard(index)
            if repeatable(lines[index]):
                self.by_sku.setdefault(lines[index].product.sku, set()).add(index)
        self.lines = lines

    def last(self, sku: str) -> Line | None:
        found = self.by_sku.get(sku)
        return self.lines[max(found)] if found else None

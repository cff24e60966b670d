"""Returns: the refundable-quantity ledger of a sale line, the refund of returned units, the
refund's route back to the original tenders.

A return refunds exactly what the sale stored for the units taken back — the unit price less each
unit's promotion shares (line and order promotions, coupons: `unit_discounts`), and a pro-rata part
of the rest of the line (manual discounts, the ticket-discount share, tax added in exclusive mode),
in proportion to what each unit cost after its promotion shares — never a recomputation from today's prices. The refund of the first ``n`` units of a line is a
cumulative function ``C(n)`` with ``C(full quantity) = line total``; a return of ``k`` more units
after ``m`` refunds ``C(m + k) - C(m)``, so any split of the line into returns adds up to the fen to
what the customer paid for it, and a unit can be refunded once only (the ledger keeps ``m``).
Weighed lines are returned by weight, pro rata to the line total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from .errors import (
    ReturnExceedsRefundable,
    ReturnInvalidQuantity,
    ReturnLineNotOnSale,
    ReturnNothingSelected,
    ReturnReasonRequired,
    ReturnUnknownReason,
)
from .promotions.refunds import refund_fen

ZERO = Decimal(0)
#: The prefix of a coupon's promotion id on a sale line (see `domain/promotions`).
COUPON_PREFIX = "coupon:"


def _share(total: int, part: Decimal, whole: Decimal) -> int:
    """``total * part / whole`` rounded half up, in fen (exact at ``part == whole``)."""
    if whole == 0:
        return 0
    value = (Decimal(total) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(value)


@dataclass(frozen=True)
class SoldLine:
    """A line of the original sale as it was stored, and what was already refunded of it.

    ``total_fen`` is what the line charged (after every discount; with tax in exclusive mode);
    ``discount_fen`` everything taken off it, of which ``promotions`` (``(promotion_id, fen)``,
    coupons included) and ``unit_discounts`` (runs of ``(units, fen per unit)``, most discounted
    first) are the promotions' part.
    """

    line_id: str
    sku: str
    name: str
    quantity: Decimal
    by_weight: bool
    unit_price_fen: int
    total_fen: int
    discount_fen: int = 0
    tax_fen: int = 0
    tax_rate: str = "0"
    promotions: tuple[tuple[str, int], ...] = ()
    unit_discounts: tuple[tuple[int, int], ...] = ()
    refunded_quantity: Decimal = ZERO
    refunded_fen: int = 0

    @property
    def refundable_quantity(self) -> Decimal:
        return self.quantity - self.refunded_quantity

    @property
    def refundable_fen(self) -> int:
        return self.total_fen - self.refunded_fen

    @property
    def per_unit(self) -> bool:
        """Refunded unit by unit from the stored per-unit shares (packaged goods in whole pieces);
        otherwise (weighed, or a scale label) pro rata to the line total."""
        if self.by_weight or self.quantity != self.quantity.to_integral_value():
            return False
        units = sum(n for n, _ in self.unit_discounts)
        return not self.unit_discounts or units == int(self.quantity)

    def _runs(self) -> tuple[tuple[int, int], ...]:
        return self.unit_discounts or ((int(self.quantity), 0),)

    def _promo(self, n: Decimal) -> int:
        """The promotions' part (fen) of the first ``n`` units."""
        if not self.per_unit:
            promo_total = sum(f for _, f in self.promotions)
            return _share(promo_total, n, self.quantity)
        paid = refund_fen(self.unit_price_fen, self._runs(), 0, int(n))
        return int(n) * self.unit_price_fen - paid

    def _paid(self, n: Decimal) -> Decimal:
        """What the first ``n`` units cost after their own promotion shares (the refund's weight)."""
        if not self.per_unit:
            return n
        return Decimal(refund_fen(self.unit_price_fen, self._runs(), 0, int(n)))

    def cumulative_fen(self, n: Decimal) -> int:
        """C(n): the refund of the first ``n`` units (or kg) of the line: the line total pro rata to
        what those units cost after their promotion shares (exactly that cost when the line has
        no other discount), so a unit the promotions made free refunds nothing."""
        return _share(self.total_fen, self._paid(n), self._paid(self.quantity))

    def refund(self, quantity: Decimal | int | str) -> LineRefund:
        """What returning ``quantity`` more of the line refunds; refuses more than is left."""
        qty = Decimal(str(quantity))
        # a finite Decimal's exponent is an int (only NaN/Infinity carry 'n'/'N'/'F')
        if qty <= 0 or (not self.by_weight and qty != qty.to_integral_value()) or cast(int, qty.as_tuple().exponent) < -3:
            raise ReturnInvalidQuantity(quantity=qty, name=self.name)
        if qty > self.refundable_quantity:
            raise ReturnExceedsRefundable(name=self.name, quantity=qty, refundable=self.refundable_quantity)
        before, after = self.refunded_quantity, self.refunded_quantity + qty
        amount = self.cumulative_fen(after) - self.cumulative_fen(before)
        promo = self._promo(after) - self._promo(before)
        other = self.discount_fen - sum(f for _, f in self.promotions)
        whole = self._paid(self.quantity)
        discount = promo + _share(other, self._paid(after), whole) - _share(other, self._paid(before), whole)
        tax = (_share(self.tax_fen, Decimal(self.cumulative_fen(after)), Decimal(self.total_fen))
               - _share(self.tax_fen, Decimal(self.cumulative_fen(before)), Decimal(self.total_fen)))
        shares = self._promotion_shares(before, after)
        return LineRefund(self.line_id, self.sku, self.name, qty, self.unit_price_fen, amount, discount, tax,
                          self.tax_rate, shares)

    def _promotion_shares(self, before: Decimal, after: Decimal) -> tuple[tuple[str, int], ...]:
        """Each promotion's part of the refunded promotion discount, cumulative and exact at the end."""
        whole = sum(f for _, f in self.promotions)
        if not whole:
            return ()

        def split(n: Decimal) -> list[int]:
            promo = self._promo(n)
            parts = [_share(f, Decimal(promo), Decimal(whole)) for _, f in self.promotions[:-1]]
            return [*parts, promo - sum(parts)]

        return tuple((pid, b - a) for (pid, _), a, b in zip(self.promotions, split(before), split(after),
                                                             strict=True))

    def after(self, refund: LineRefund) -> SoldLine:
        """The line with ``refund`` recorded in its ledger."""
        return replace(self, refunded_quantity=self.refunded_quantity + refund.quantity,
                       refunded_fen=self.refunded_fen + refund.amount_fen)


@dataclass(frozen=True)
class LineRefund:
    """The refund of some units of a sale line: ``amount_fen`` is what goes back to the customer."""

    sale_line_id: str
    sku: str
    name: str
    quantity: Decimal
    unit_price_fen: int
    amount_fen: int
    discount_fen: int
    tax_fen: int
    tax_rate: str
    promotions: tuple[tuple[str, int], ...] = ()

    @property
    def coupon_fen(self) -> int:
        return sum(f for pid, f in self.promotions if pid.startswith(COUPON_PREFIX))


@dataclass(frozen=True)
class ReturnReason:
    """A configured reason code; ``damaged`` goods go to the damaged location, not back on sale."""

    code: str
    damaged: bool = False


def build_refunds(lines: Sequence[SoldLine], picks: Iterable[tuple[str, Decimal | str | int, str]],
                  reasons: Sequence[ReturnReason]) -> list[tuple[LineRefund, ReturnReason]]:
    """The refunds of the picked lines, checked against the ledger; a line picked twice in one
    return counts both picks."""
    by_code = {r.code: r for r in reasons}
    current = {line.line_id: line for line in lines}
    out: list[tuple[LineRefund, ReturnReason]] = []
    for line_id, quantity, reason_code in picks:
        if not reason_code:
            raise ReturnReasonRequired()
        reason = by_code.get(reason_code)
        if reason is None:
            raise ReturnUnknownReason(reason=reason_code)
        line = current.get(line_id)
        if line is None:
            raise ReturnLineNotOnSale(line_id=line_id)
        refund = line.refund(quantity)
        current[line_id] = line.after(refund)
        out.append((refund, reason))
    if not out:
        raise ReturnNothingSelected()
    return out


# --- refund routes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PaidTender:
    """A tender of the original sale and how much of it is still refundable."""

    kind: str
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class RefundRoute:
    """How money goes back to one kind of tender. ``rank`` orders the routes (lower first);
    ``method`` is what the till does: "wallet" (the payment service refunds it), "instruction"
    (card: the cashier refunds on the terminal with the slip reference), "cash" (from the drawer),
    or a method a later feature registers (stored value, points). A ``pro_rata`` tender (points
    redeemed) is not money: it gets back its own share of each refund, in proportion to what is
    left of it and of the sale, before the ranked routes, and even when a manager sends the money
    to cash (redeemed points are never paid out in cash)."""

    rank: int
    method: str
    pro_rata: bool = False


#: The documented order: QR wallets first, then stored value (issue 16 registers it at 20), then
#: card, then cash. Anything not returned to an original tender is paid in cash.
WALLET_RANK, STORED_VALUE_RANK, CARD_RANK, CASH_RANK = 10, 20, 30, 90


@dataclass
class RefundRoutes:
    """Tender kind -> route; features add theirs (`register`) instead of editing the planner."""

    routes: dict[str, RefundRoute] = field(default_factory=lambda: {
        "card": RefundRoute(CARD_RANK, "instruction"),
        "cash": RefundRoute(CASH_RANK, "cash"),
    })

    def register(self, kind: str, route: RefundRoute) -> None:
        self.routes[kind] = route

    def route(self, kind: str) -> RefundRoute | None:
        return self.routes.get(kind)


@dataclass(frozen=True)
class RefundTender:
    """One part of a refund: ``kind`` and ``reference`` of the original tender, the ``method``."""

    kind: str
    amount_fen: int
    method: str
    reference: str = ""


def plan_refund(amount_fen: int, tenders: Sequence[PaidTender], routes: RefundRoutes, *,
                to_cash: bool = False, cash_rounding: Callable[[int], int] = lambda fen: fen,
                sale_left_fen: int | None = None) -> tuple[list[RefundTender], int]:
    """Split a refund over the original tenders: first each ``pro_rata`` tender its share (what is
    left of it x ``amount_fen`` / ``sale_left_fen``, what was still refundable of the sale before
    this refund: the last return takes all that is left, so the shares add up exactly), then the
    rest in route order, each up to what is left of it; the remainder (and everything when
    ``to_cash``: the manager's override) in cash, rounded by ``cash_rounding``. Returns the parts
    and the cash rounding (<= 0, never in the till's loss)."""
    if amount_fen < 0:
        raise ValueError("a refund is not negative")
    parts: list[RefundTender] = []
    left = amount_fen
    routed = [(routes.route(t.kind), i, t) for i, t in enumerate(tenders)]
    if sale_left_fen:
        for route, _, tender in routed:
            if route is not None and route.pro_rata:
                take = min(left, tender.amount_fen, _share(tender.amount_fen, Decimal(amount_fen),
                                                           Decimal(sale_left_fen)))
                if take > 0:
                    parts.append(RefundTender(tender.kind, take, route.method, tender.reference))
                    left -= take
    if not to_cash:
        ordered = sorted(((r, i, t) for r, i, t in routed if r is not None and r.method != "cash"
                          and not (r.pro_rata and sale_left_fen)),
                         key=lambda x: (x[0].rank, x[1]))
        for route, _, tender in ordered:
            take = min(left, tender.amount_fen)
            if take > 0:
                parts.append(RefundTender(tender.kind, take, route.method, tender.reference))
                left -= take
    rounding = 0
    if left:
        cash = cash_rounding(left)
        rounding = cash - left
        if cash:
            parts.append(RefundTender("cash", cash, "cash"))
    return parts, rounding


def remaining_tenders(tenders: Sequence[PaidTender], refunded: Iterable[tuple[str, str, int]]) -> list[PaidTender]:
    """The original tenders less what earlier returns gave back to them (``(kind, reference, fen)``)."""
    # [tender, fen still left]: a mutable pair, which list typing cannot spell per position
    left: list[list[Any]] = [[t, t.amount_fen] for t in tenders]
    for kind, reference, fen in refunded:
        for entry in left:
            tender = entry[0]
            if fen and tender.kind == kind and tender.reference == reference and entry[1] > 0:
                take = min(fen, entry[1])
                entry[1] -= take
                fen -= take
    return [replace(t, amount_fen=amount) for t, amount in left if amount > 0]


def format_return_number(store: str, till: str, sequence: int) -> str:
    """``STORE-TILL-R000123``: a return's own gapless series per till, apart from sale receipts."""
    if sequence < 1:
        raise ValueError("return numbers start at 1")
    return f"{store}-{till}-R{sequence:06d}"


def lowest_price_fen(current_fen: int, history: Iterable[int]) -> int:
    """The no-receipt rule "lowest of the last N days": the lowest price seen, never above today's."""
    return min([current_fen, *history])

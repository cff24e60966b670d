"""What the customer-facing screen may show, built from the cashier's ticket snapshots.

Privacy is decided here, by what the views carry: names, quantities, amounts and savings of the
lines, the amount due, the change, the member's masked name, and a pickup order's number and
items. Nothing else the till knows (a price override's reason, a tender's reference, anything typed
in a manager dialog, a PIN, another customer's data) has a field to travel in.

`CustomerViews.for_ticket` is called once per ticket change; it reuses the view of every line the
checkout handed back unchanged (the same `LineSnapshot` object), so a scan on a ticket of hundreds
of lines builds one `CustomerLine`, not hundreds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .money import ZERO
from .ticket import LineSnapshot, TicketSnapshot


@dataclass(frozen=True)
class CustomerLine:
    line_id: int
    name: str
    name_en: str
    quantity: Decimal
    unit: str
    sold_by_weight: bool
    amount: Decimal  # before the line's savings
    saved: Decimal  # the line's own discount and its promotions
    total: Decimal  # what the line costs
    deals: tuple[tuple[str, str], ...]  # (name, English name) of the promotions on the line

    @classmethod
    def of(cls, line: LineSnapshot) -> CustomerLine:
        return cls(line.line_id, line.name, line.name_en, line.quantity, line.unit, line.sold_by_weight,
                   line.amount, line.discount + line.promotion_discount, line.total,
                   tuple((p.name, p.name_en) for p in line.promotions))


@dataclass(frozen=True)
class MemberBadge:
    """The member on the ticket as the customer screen shows them: masked name, tier, points."""

    masked_name: str
    tier: str = ""
    points: int | None = None


@dataclass(frozen=True)
class SellingView:
    lines: tuple[CustomerLine, ...]  # live lines only, in scan order
    newest: int | None  # line_id of the line the last scan added or changed
    saved: Decimal  # the whole ticket: line discounts, promotions, ticket discount
    due: Decimal
    item_count: int
    member: MemberBadge | None


@dataclass(frozen=True)
class PayingView:
    due: Decimal  # what is left to pay
    total: Decimal
    paid: Decimal
    saved: Decimal
    member: MemberBadge | None
    qr_url: str = ""  # a dynamic payment QR for the customer to scan (the wallet's URL)
    qr_amount: Decimal = ZERO  # what the QR charges (less than `due` when the payment is split)
    qr_wallet: str = ""  # "wechat_pay" | "alipay": which app the customer scans it with


@dataclass(frozen=True)
class ThanksView:
    total: Decimal
    change: Decimal
    saved: Decimal


@dataclass(frozen=True)
class PickupItem:
    name: str
    quantity: Decimal
    unit: str


@dataclass(frozen=True)
class PickupView:
    order_no: str
    items: tuple[PickupItem, ...]


CustomerView = SellingView | PayingView | ThanksView | PickupView | None  # None: idle


def member_badge(snapshot: Any) -> MemberBadge | None:
    """The slot for the member on the ticket: a snapshot that carries `member` (with
    `masked_name`, and optionally `tier` and `points`) shows it; the full name is never read."""
    member = getattr(snapshot, "member", None)
    if member is None:
        return None
    masked = str(getattr(member, "masked_name", "") or "")
    if not masked:
        return None
    points = getattr(member, "points", None)
    return MemberBadge(masked, str(getattr(member, "tier", "") or ""), int(points) if points is not None else None)


class CustomerViews:
    """Turns each ticket snapshot into the customer's view; keeps the previous one to find the
    newest line and to reuse unchanged lines. One instance per screen, used from one thread."""

    def __init__(self) -> None:
        #: The member the cashier's member panel shows (masked), for snapshots that carry none.
        self.member: MemberBadge | None = None
        self._ticket_id: str | None = None
        self._lines: tuple[LineSnapshot, ...] = ()
        self._views: dict[int, tuple[LineSnapshot, CustomerLine]] = {}
        self._live: tuple[CustomerLine, ...] = ()
        self._live_ids: set[int] = set()
        self._newest: int | None = None

    def for_ticket(self, snap: TicketSnapshot) -> CustomerView:
        same = snap.ticket_id == self._ticket_id
        if not same:
            self._ticket_id, self._lines, self._views, self._newest = snap.ticket_id, (), {}, None
            self._live, self._live_ids = (), set()
        old = self._lines
        fresh = [(row, line) for row, line in enumerate(snap.lines) if row >= len(old) or old[row] is not line]
        for row, line in reversed(fresh):
            if row >= len(old) or old[row].line_id != line.line_id or old[row].quantity != line.quantity:
                self._newest = line.line_id
                break
        if fresh or len(old) != len(snap.lines):
            self._live = tuple(self._line(line) for line in snap.lines if not line.voided)
            self._live_ids = {line.line_id for line in self._live}
        self._lines = snap.lines
        if not self._live:
            return None
        member = member_badge(snap) or self.member
        if snap.tenders or snap.totalled:
            return PayingView(due=max(snap.remaining, ZERO), total=snap.total + snap.rounding, paid=snap.paid,
                              saved=snap.saved, member=member)
        return SellingView(self._live, self._newest if self._newest in self._live_ids else None, snap.saved,
                           snap.total, snap.item_count, member)

    def _line(self, line: LineSnapshot) -> CustomerLine:
        known = self._views.get(line.line_id)
        if known is not None and known[0] is line:
            return known[1]
        view = CustomerLine.of(line)
        self._views[line.line_id] = (line, view)
        return view

    def completed(self, snap: TicketSnapshot, change: Decimal) -> ThanksView:
        """The sale is written: the change and thanks; the next ticket starts fresh."""
        self._ticket_id = None
        return ThanksView(total=snap.total + snap.rounding, change=change, saved=snap.saved)


def pickup_view(order_no: str, lines: Iterable[tuple[str, Decimal, str]]) -> PickupView:
    """`lines`: (name, quantity handed over now, unit); lines with nothing handed over are left out."""
    return PickupView(order_no, tuple(PickupItem(name, qty, unit) for name, qty, unit in lines if qty > 0))

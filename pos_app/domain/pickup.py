"""Pickup (BOPIS, 门店自提) order states and the transitions a clerk or the platform may make.

::

    new ──► picking ──► ready ──► collected
     │  ◄──────┘ (picking stopped: goods back, the order free for any till)
     │         │          │  └──► partially_collected ──► collected
     │         │          │              │ (more partial collections stay here)
     └─────────┴──────────┴──────────────┴──► cancelled
     new, ready, partially_collected ──► expired (not collected in time)

collected, cancelled and expired are final.

`PickupOrderState` is the order aggregate: its lines' quantities and the rules on them (what may be
picked, handed over or cancelled), with no database; the service loads it, calls it, saves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .errors import (
    InvalidPickupTransition,
    InvalidQuantity,
    PickupCodeUsed,
    PickupHandOverTooMany,
    PickupItemNotInOrder,
    PickupLineIncomplete,
    PickupLineInvariant,
    PickupLineNotFound,
    PickupNothingPicked,
    PickupNothingToHandOver,
    PickupNotPicking,
    PickupOrderCancelled,
    PickupOrderExpired,
    PickupOrderNotReady,
    PickupTooMany,
    PickupWrongState,
    QuantityNotWhole,
    ReasonRequired,
    UnknownPickupStatus,
)


class PickupStatus(StrEnum):
    NEW = "new"
    PICKING = "picking"
    READY = "ready"
    PARTIALLY_COLLECTED = "partially_collected"
    COLLECTED = "collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


_S = PickupStatus
TRANSITIONS: dict[PickupStatus, frozenset[PickupStatus]] = {
    _S.NEW: frozenset({_S.PICKING, _S.CANCELLED, _S.EXPIRED}),
    _S.PICKING: frozenset({_S.NEW, _S.READY, _S.CANCELLED}),
    _S.READY: frozenset({_S.COLLECTED, _S.PARTIALLY_COLLECTED, _S.CANCELLED, _S.EXPIRED}),
    _S.PARTIALLY_COLLECTED: frozenset({_S.PARTIALLY_COLLECTED, _S.COLLECTED, _S.CANCELLED, _S.EXPIRED}),
    _S.COLLECTED: frozenset(),
    _S.CANCELLED: frozenset(),
    _S.EXPIRED: frozenset(),
}


def parse_status(value: str) -> PickupStatus:
    try:
        return PickupStatus(value)
    except ValueError:
        raise UnknownPickupStatus(status=value) from None


def is_final(status: PickupStatus) -> bool:
    return not TRANSITIONS[status]


def can_transition(current: PickupStatus, target: PickupStatus) -> bool:
    return target in TRANSITIONS[current]


def transition(current: PickupStatus, target: PickupStatus) -> PickupStatus:
    """Return ``target`` if the move is allowed, else raise InvalidPickupTransition."""
    if not can_transition(current, target):
        raise InvalidPickupTransition(current=current.value, target=target.value)
    return target


# --- the order aggregate -----------------------------------------------------------------------
#
# Quantities live here, not in the service: for each line 0 <= picked <= quantity and
# handed_over + cancelled <= picked, so `outstanding` (picked, not yet handed over or cancelled)
# is never negative. Every change goes through a method that keeps that true or raises.

_OPEN_FOR_HAND_OVER = (PickupStatus.READY, PickupStatus.PARTIALLY_COLLECTED)


def fmt_qty(q: Decimal) -> str:
    """A quantity as stored and shown: "2", "1.25" (no exponent, no trailing zeros)."""
    return format(q.normalize(), "f") if q else "0"


def parse_qty(raw: Decimal | str, unit: str, sku: str) -> Decimal:
    """A clerk's quantity for a line: finite, not negative, at most 3 decimals, whole for pcs."""
    try:
        qty = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidQuantity(value=raw) from None
    exponent = qty.as_tuple().exponent
    if not qty.is_finite() or qty < 0 or (isinstance(exponent, int) and exponent < -3):
        raise InvalidQuantity(value=raw)
    if unit == "pcs" and qty != qty.to_integral_value():
        raise QuantityNotWhole(value=raw, sku=sku)
    return qty


@dataclass
class PickupLine:
    line_id: str
    sku: str
    name: str
    unit: str
    quantity: Decimal
    price_fen: int
    picked: Decimal = Decimal(0)
    handed_over: Decimal = Decimal(0)
    cancelled: Decimal = Decimal(0)
    short_reason: str = ""
    cancel_reason: str = ""

    def __post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if not (0 <= self.picked <= self.quantity and self.handed_over >= 0 and self.cancelled >= 0
                and self.handed_over + self.cancelled <= self.picked):
            raise PickupLineInvariant(line_id=self.line_id, picked=fmt_qty(self.picked),
                                      handed_over=fmt_qty(self.handed_over), cancelled=fmt_qty(self.cancelled),
                                      quantity=fmt_qty(self.quantity))

    @property
    def outstanding(self) -> Decimal:
        """Picked and still to hand over (neither handed over nor cancelled)."""
        return self.picked - self.handed_over - self.cancelled

    @property
    def complete(self) -> bool:
        """Fully picked, or short-picked with a reason."""
        return self.picked >= self.quantity or bool(self.short_reason)

    def can_pick(self, qty: Decimal) -> bool:
        return self.picked + qty <= self.quantity


@dataclass
class PickupOrderState:
    """One order's status and lines, as the clerk's console changes them."""

    order_id: str
    order_no: str
    status: PickupStatus
    platform_status: str
    payment: str
    lines: list[PickupLine] = field(default_factory=list)

    # -- reading --------------------------------------------------------------------------
    def line(self, line_id: str) -> PickupLine:
        found = next((ln for ln in self.lines if ln.line_id == line_id), None)
        if found is None:
            raise PickupLineNotFound(line_id=line_id, order_no=self.order_no)
        return found

    def outstanding(self) -> dict[str, Decimal]:
        """Line id -> quantity still to hand over, for the lines that have some."""
        return {ln.line_id: ln.outstanding for ln in self.lines if ln.outstanding > 0}

    @property
    def fully_handed(self) -> bool:
        return all(ln.outstanding <= 0 for ln in self.lines)

    @property
    def handed_any(self) -> bool:
        return any(ln.handed_over > 0 for ln in self.lines)

    @property
    def pay_at_store(self) -> bool:
        return self.payment == "pay_at_store"

    # -- guards ---------------------------------------------------------------------------
    def check_live(self) -> None:
        """Cancelled online (even if the till had progress) or expired: nothing may move."""
        if self.status is PickupStatus.CANCELLED or self.platform_status == "cancelled":
            raise PickupOrderCancelled(order_no=self.order_no)
        if self.status is PickupStatus.EXPIRED or self.platform_status == "expired":
            raise PickupOrderExpired(order_no=self.order_no)

    def check_collectable(self) -> None:
        """Live, and on the shelf: ready or partly collected."""
        self.check_live()
        if self.status is PickupStatus.COLLECTED:
            raise PickupCodeUsed(order_no=self.order_no)
        if self.status not in _OPEN_FOR_HAND_OVER:
            raise PickupOrderNotReady(order_no=self.order_no, status=self.status.value)

    def check_picking(self) -> None:
        self.check_live()
        if self.status is not PickupStatus.PICKING:
            raise PickupNotPicking(order_no=self.order_no, status=self.status.value)

    # -- changes --------------------------------------------------------------------------
    def move(self, target: PickupStatus) -> PickupStatus:
        """Change status if the state machine allows it; returns the status before."""
        before, self.status = self.status, transition(self.status, target)
        return before

    def start_picking(self, picked_elsewhere: bool = False) -> None:
        """``picked_elsewhere``: the feed says another till is picking it (this till takes it over,
        or picks it too offline): it is picking already, this till starts on its own lines."""
        self.check_live()
        if picked_elsewhere and self.status is PickupStatus.PICKING:
            return
        if self.status is not PickupStatus.NEW:
            raise PickupWrongState(order_no=self.order_no, status=self.status.value, action="start picking")
        self.move(PickupStatus.PICKING)

    def stop_picking(self) -> None:
        """The clerk stops picking: what was picked goes back to the shelf (nothing was reserved
        yet) and the order is new again, for any till to pick."""
        self.check_picking()
        for ln in self.lines:
            ln.picked, ln.short_reason = Decimal(0), ""
        self.move(PickupStatus.NEW)

    def pick(self, sku: str, name: str, qty: Decimal) -> PickupLine:
        """One scanned item: the first line of that SKU with room for `qty`."""
        self.check_picking()
        lines = [ln for ln in self.lines if ln.sku == sku]
        if not lines:
            raise PickupItemNotInOrder(name=name, order_no=self.order_no)
        line = next((ln for ln in lines if ln.can_pick(qty)), None)
        if line is None:
            raise PickupTooMany(order_no=self.order_no, name=name,
                                ordered=fmt_qty(sum((ln.quantity for ln in lines), Decimal(0))),
                                picked=fmt_qty(sum((ln.picked for ln in lines), Decimal(0))))
        line.picked += qty
        return line

    def short_pick(self, line_id: str, reason: str) -> PickupLine:
        self.check_picking()
        if not reason.strip():
            raise ReasonRequired()
        line = self.line(line_id)
        line.short_reason = reason.strip()[:200]
        return line

    def mark_ready(self) -> dict[str, Decimal]:
        """Every line picked or short with a reason, something picked: ready. Returns the picked
        quantity per SKU (what goes to the shelf)."""
        self.check_picking()
        for ln in self.lines:
            if not ln.complete:
                raise PickupLineIncomplete(name=ln.name)
        if not any(ln.picked > 0 for ln in self.lines):
            raise PickupNothingPicked(order_no=self.order_no)
        self.move(PickupStatus.READY)
        picked: dict[str, Decimal] = {}
        for ln in self.lines:
            if ln.picked > 0:
                picked[ln.sku] = picked.get(ln.sku, Decimal(0)) + ln.picked
        return picked

    def hand_over_quantities(self, wanted: Mapping[str, Decimal | str] | None) -> dict[str, Decimal]:
        """Validated quantities to hand over; None means everything outstanding."""
        if wanted is None:
            out = self.outstanding()
        else:
            out = {}
            for line_id, raw in wanted.items():
                line = self.line(line_id)
                qty = parse_qty(raw, line.unit, line.sku)
                if qty > line.outstanding:
                    raise PickupHandOverTooMany(name=line.name, outstanding=fmt_qty(line.outstanding))
                if qty > 0:
                    out[line_id] = qty
        if not out:
            raise PickupNothingToHandOver(order_no=self.order_no)
        return out

    def hand_over(self, given: Mapping[str, Decimal]) -> PickupStatus:
        """Give the customer `given` (validated by `hand_over_quantities`); returns the status the
        order must move to: collected when nothing is outstanding, else partially collected."""
        for line_id, qty in given.items():
            line = self.line(line_id)
            if qty > line.outstanding:
                raise PickupHandOverTooMany(name=line.name, outstanding=fmt_qty(line.outstanding))
        for line_id, qty in given.items():
            self.line(line_id).handed_over += qty
        return self.after_hand_over_status()

    def after_hand_over_status(self) -> PickupStatus:
        return PickupStatus.COLLECTED if self.fully_handed else PickupStatus.PARTIALLY_COLLECTED

    def cancel_outstanding(self, line_id: str, reason: str) -> Decimal:
        """What is left of a line is not handed over (customer refused, damaged): returns it."""
        line = self.line(line_id)
        rest = line.outstanding
        if rest > 0:
            line.cancelled += rest
            line.cancel_reason = reason.strip()[:200]
        return rest

"""What the pickup console shows: read-only views of orders, built from the order aggregate.

Kept apart from the workflow so screens, printed documents and tests depend on plain frozen data,
never on rows. Phone numbers are masked here; the pickup code never appears in a view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.money import from_minor
from pos_app.domain.phone import mask_phone
from pos_app.domain.pickup import PickupOrderState, PickupStatus, is_final
from pos_app.store.sync_models import PickupOrder
from sync import protocol as P


def initials(name: str) -> str:
    """What a bag label shows of the customer: the family name (Chinese) or initials."""
    name = name.strip()
    if not name:
        return "?"
    if not name.isascii():
        return name[0] + "*" * min(len(name) - 1, 2)
    return "".join(part[0].upper() + "." for part in name.split()[:3])


@dataclass(frozen=True)
class PickupLineView:
    line_id: str
    sku: str
    name: str
    unit: str
    quantity: Decimal
    price: Decimal
    picked: Decimal
    handed_over: Decimal
    cancelled: Decimal
    short_reason: str
    cancel_reason: str

    @property
    def outstanding(self) -> Decimal:
        """Picked and still to hand over."""
        return self.picked - self.handed_over - self.cancelled


@dataclass(frozen=True)
class PickupOrderView:
    order_id: str
    order_no: str
    customer_name: str
    phone_masked: str
    status: PickupStatus
    platform_status: str
    payment: str
    pickup_deadline: datetime
    notes: str
    overdue: bool
    locked: bool
    wrong_code_attempts: int
    verified: bool
    bag_count: int
    cancel_reason: str
    received_at: datetime
    lines: tuple[PickupLineView, ...]
    #: "T02 (Li Na)" while another till of the store holds the platform's claim on the order.
    picked_elsewhere: str = ""
    #: Another till claimed it last (its claim may have run out): this till may take it over, not finish it.
    picking_elsewhere: bool = False

    @property
    def customer_initials(self) -> str:
        return initials(self.customer_name)

    @property
    def qr_payload(self) -> str:
        """What a bag label carries: the order number in the customer's QR format, without code."""
        return f"{P.PICKUP_QR_PREFIX}:{self.order_no}"

    @property
    def pay_at_store(self) -> bool:
        return self.payment == "pay_at_store"

    @property
    def amount_due(self) -> Decimal:
        """Pay at the store: what the customer pays for everything still to hand over."""
        if not self.pay_at_store:
            return Decimal(0)
        return sum((ln.price * ln.outstanding for ln in self.lines), Decimal(0))

    def line(self, line_id: str) -> PickupLineView:
        return next(ln for ln in self.lines if ln.line_id == line_id)


@dataclass(frozen=True)
class PickupQueue:
    """`counts` per status plus "overdue"; `orders` sorted by deadline; `bare_codes_locked`: too many
    wrong codes typed without an order (a manager unlocks)."""

    orders: tuple[PickupOrderView, ...]
    counts: Mapping[str, int]
    bare_codes_locked: bool = False


@dataclass(frozen=True)
class ScanOutcome:
    """What a scan on the pickup screen did: `picked` an item (line, quantity) or `verified` a code."""

    kind: str
    order: PickupOrderView
    line_id: str | None = None
    quantity: Decimal | None = None


@dataclass(frozen=True)
class PickupNotice:
    """For the clerk's attention: a `new` order arrived, or one was `cancelled` online."""

    kind: str
    order_id: str
    order_no: str


@dataclass(frozen=True)
class ConflictView:
    conflict_id: int
    event_id: str
    code: str
    message: str
    order_status: str | None
    order_id: str | None
    order_no: str | None
    created_at: datetime


def order_view(row: PickupOrder, state: PickupOrderState, now: datetime, *, currency: str, verified: bool,
               locked: bool, till_id: str = "") -> PickupOrderView:
    status = state.status
    elsewhere = (f"{row.claimed_by_till} ({row.claimed_by_name})" if row.claimed_by_till
                 and row.claimed_by_till != till_id and row.claim_expires_at and row.claim_expires_at > now else "")
    return PickupOrderView(
        order_id=row.order_id, order_no=row.order_no, customer_name=row.customer_name,
        phone_masked=mask_phone(row.customer_phone), status=status, platform_status=row.platform_status,
        payment=row.payment, pickup_deadline=row.pickup_deadline, notes=row.notes,
        overdue=not is_final(status) and now > row.pickup_deadline, locked=locked,
        wrong_code_attempts=row.wrong_code_attempts, verified=verified,
        bag_count=row.bag_count, cancel_reason=row.cancel_reason, received_at=row.received_at,
        lines=tuple(PickupLineView(
            line_id=ln.line_id, sku=ln.sku, name=ln.name, unit=ln.unit, quantity=ln.quantity,
            price=from_minor(ln.price_fen, currency), picked=ln.picked, handed_over=ln.handed_over,
            cancelled=ln.cancelled, short_reason=ln.short_reason, cancel_reason=ln.cancel_reason)
            for ln in state.lines),
        picked_elsewhere=elsewhere,
        picking_elsewhere=row.claimed_by_till not in (None, till_id),
    )

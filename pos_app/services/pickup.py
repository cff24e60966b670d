"""The clerk's pickup console (门店自提): queue, picking, ready, code check (核销) and hand-over.

Orders arrive through the platform's `pickup_orders` feed (see `store.sync_store`); everything here
is local and works offline: each transition is one transaction holding the order change, an outbox
`pickup_event` (aggregate = order id, so one order's events reach the platform in order) and an
audit entry (who, which till). The platform answers later; a refusal (order cancelled online
meanwhile) lands in `sync_conflicts` and is listed for the manager by `conflicts()`.

Stock (see `store.repositories.pickup`): marking an order ready reserves the picked goods with
local movements that lower the shown level, so the counter cannot sell them twice. Cancel, expiry
and line cancellation release them. Handed-over goods of a paid-online order stay counted as
`pickup_collected` until the platform's feed shows the order collected: the platform books the
stock of online orders on collection, the till never pushes it. Goods paid at the store leave
through the counter sale (its own movements are pushed); their reservation is released then.

The pickup code never exists in the till's database: only the platform's salted hash. Wrong codes
are counted per order and lock it at `wrong_code_limit` until a manager unlocks it.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_app.config import Config
from pos_app.domain.barcode import BarcodeClassifier, GtinCode, RegisteredCode
from pos_app.domain.errors import (
    InvalidQuantity,
    PermissionDenied,
    PosError,
    QuantityNotWhole,
    ReasonRequired,
    WeightRequired,
)
from pos_app.domain.money import from_minor
from pos_app.domain.permissions import ManagerApproval, Permission, Role
from pos_app.domain.phone import mask_phone
from pos_app.domain.pickup import PickupStatus, can_transition, is_final, parse_status, transition
from pos_app.domain.text import fit_line
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.auth import StaffSession, is_issued, require_session
from pos_app.services.checkout import CheckoutService, NotLoggedIn, ProductNotFound
from pos_app.services.sale_records import SaleContext
from pos_app.store.repositories.pickup import COLLECTED, RELEASE, RESERVE
from pos_app.store.sync_models import PickupOrder, PickupOrderLine
from pos_app.store.uow import Database, UnitOfWork
from sync import protocol as P

log = logging.getLogger(__name__)

#: Code kinds registered on the classifier: the customer's QR anywhere, the bare 6-digit code only
#: on the pickup screen (on the sale screen six digits are a mistyped item, not a code), and the
#: internal code that puts a pay-at-store order on the checkout ticket.
KIND_QR, KIND_CODE, KIND_PAYMENT = "pickup", "pickup_code", "pickup_payment"
PICKUP_CONTEXT = "pickup"
PAYMENT_PREFIX = "O2OPAY"
_QR = re.compile(rf"^{P.PICKUP_QR_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}}):([0-9]{{6}})$")
_PAY = re.compile(rf"^{PAYMENT_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}})$")
_S = PickupStatus


# --- errors ------------------------------------------------------------------------------------

class PickupOrderNotFound(PosError):
    code = "pickup.not_found"
    template = "Pickup order {order} is not known at this till (sync first?)."


class PickupCodeMalformed(PosError):
    code = "pickup.code_malformed"
    template = "'{code}' looks like a pickup QR code but is damaged; ask for the 6-digit code."


class PickupCodeUnknown(PosError):
    code = "pickup.code_unknown"
    template = "Pickup code {code} matches no order at this till."


class PickupCodeWrong(PosError):
    code = "pickup.code_wrong"
    template = "Wrong pickup code for order {order_no}; {attempts_left} attempts left."


class PickupOrderLocked(PosError):
    code = "pickup.locked"
    template = "Order {order_no} is locked after too many wrong codes; a manager must unlock it."


class PickupCodeUsed(PosError):
    code = "pickup.code_used"
    template = "The code of order {order_no} was already used: the order is collected."


class PickupOrderCancelled(PosError):
    code = "pickup.cancelled"
    template = "Order {order_no} is cancelled; do not hand anything over."


class PickupOrderExpired(PosError):
    code = "pickup.expired"
    template = "Order {order_no} expired; do not hand anything over."


class PickupOrderNotReady(PosError):
    code = "pickup.not_ready"
    template = "Order {order_no} is {status}, not ready for collection yet."


class PickupWrongState(PosError):
    code = "pickup.wrong_state"
    template = "Order {order_no} is {status}; {action} is not possible now."


class PickupNotPicking(PosError):
    code = "pickup.not_picking"
    template = "Order {order_no} is {status}; press Start picking before scanning items."


class PickupNoOrderSelected(PosError):
    code = "pickup.no_order"
    template = "Select an order before scanning items."


class PickupItemNotInOrder(PosError):
    code = "pickup.item_not_in_order"
    template = "{name} is not in order {order_no}; put it back."


class PickupTooMany(PosError):
    code = "pickup.too_many"
    template = "Order {order_no} has {ordered} of {name}; {picked} already picked."


class PickupCodeNotItem(PosError):
    code = "pickup.code_not_item"
    template = "Code {code} is a {kind}, not an item or a pickup code."


class PickupLineNotFound(PosError):
    code = "pickup.line_not_found"
    template = "Line {line_id} is not in order {order_no}."


class PickupLineIncomplete(PosError):
    code = "pickup.line_incomplete"
    template = "{name} is not fully picked; pick it or short-pick it with a reason."


class PickupNothingPicked(PosError):
    code = "pickup.nothing_picked"
    template = "Nothing of order {order_no} is picked; it cannot be ready."


class PickupNotVerified(PosError):
    code = "pickup.not_verified"
    template = "Check the customer's pickup code of order {order_no} first."


class PickupNothingToHandOver(PosError):
    code = "pickup.nothing_to_hand_over"
    template = "Nothing of order {order_no} is selected to hand over."


class PickupHandOverTooMany(PosError):
    code = "pickup.hand_over_too_many"
    template = "Only {outstanding} of {name} can be handed over."


class PickupPaymentRequired(PosError):
    code = "pickup.payment_required"
    template = "Order {order_no} is paid at the store: take the payment at the checkout."


class PickupPaidOnline(PosError):
    code = "pickup.paid_online"
    template = "Order {order_no} is already paid online; hand it over directly."


class PickupTicketNotEmpty(PosError):
    code = "pickup.ticket_not_empty"
    template = "The checkout ticket is not empty; finish or hold it first."


class PickupPaymentNotStarted(PosError):
    code = "pickup.payment_not_started"
    template = "Order {order_no} was not sent to this checkout ticket from the pickup screen."


class PickupNotOverdue(PosError):
    code = "pickup.not_overdue"
    template = "Order {order_no} can be collected until {deadline}; it cannot expire yet."


class PickupManagerRequired(PosError):
    code = "pickup.manager_required"
    template = "A manager must approve this."


class PickupConflictNotFound(PosError):
    code = "pickup.conflict_not_found"
    template = "Conflict {conflict_id} is not open."


class InvalidBagCount(PosError):
    code = "pickup.invalid_bag_count"
    template = "'{value}' is not a bag count from 1 to 99."


# --- results -----------------------------------------------------------------------------------

def initials(name: str) -> str:
    """What a bag label shows of the customer: the family name (Chinese) or initials."""
    name = name.strip()
    if not name:
        return "?"
    if not name.isascii():
        return name[0] + "*" * min(len(name) - 1, 2)
    return "".join(part[0].upper() + "." for part in name.split()[:3])


def _fmt(q: Decimal) -> str:
    return format(q.normalize(), "f") if q else "0"


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

    @property
    def customer_initials(self) -> str:
        return initials(self.customer_name)

    @property
    def qr_payload(self) -> str:
        """What a bag label carries: the order number in the customer's QR format, without code."""
        return f"{P.PICKUP_QR_PREFIX}:{self.order_no}"

    def line(self, line_id: str) -> PickupLineView:
        return next(ln for ln in self.lines if ln.line_id == line_id)


@dataclass(frozen=True)
class PickupQueue:
    """`counts` per status plus "overdue"; `orders` sorted by deadline."""

    orders: tuple[PickupOrderView, ...]
    counts: Mapping[str, int]


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


# --- the service -------------------------------------------------------------------------------

class PickupService:
    def __init__(self, db: Database, config: Config, till_key: str, classifier: BarcodeClassifier, *,
                 checkout: CheckoutService | None = None, clock: Callable[[], datetime] | None = None,
                 wrong_code_limit: int = 5, verify_valid_for: timedelta = timedelta(minutes=15)):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.classifier = classifier
        self.checkout = checkout
        self.clock = clock or (lambda: datetime.now(UTC))
        self.wrong_code_limit = wrong_code_limit
        self.verify_valid_for = verify_valid_for
        self.listeners: list[Callable[[list[PickupNotice]], None]] = []
        self.user: StaffSession | None = None

    # -- wiring ---------------------------------------------------------------------------
    def register_code_kinds(self) -> None:
        """Teach the shared classifier the pickup codes (bootstrap calls this once)."""
        registry = self.classifier.registry
        registry.register(KIND_QR, _match_qr)
        registry.register(KIND_CODE, _match_bare_code, contexts=(PICKUP_CONTEXT,))
        registry.register(KIND_PAYMENT, _match_payment)
        if self.checkout is not None:
            self.checkout.code_handlers[KIND_PAYMENT] = self._put_on_ticket
            self.checkout.sale_links.append(self.link_sale)
            self.checkout.on_complete.append(self.on_sale_complete)

    def set_user(self, session: StaffSession | None) -> None:
        self.user = None if session is None else require_session(session)

    def _require(self) -> StaffSession:
        if self.user is None:
            raise NotLoggedIn()
        if not self.user.can(Permission.PICKUP_MANAGE):
            raise PermissionDenied(role=self.user.role, permission=Permission.PICKUP_MANAGE.value)
        return self.user

    @staticmethod
    def _require_manager(approval: ManagerApproval | None) -> ManagerApproval:
        if (approval is None or approval.permission is not Permission.PICKUP_MANAGE
                or approval.approver_role not in (Role.MANAGER, Role.ADMIN)
                or not is_issued(approval)):  # issued by AuthService, not built by hand
            raise PickupManagerRequired()
        return approval

    # -- feed callback --------------------------------------------------------------------
    def orders_changed(self, order_ids: list[str]) -> None:
        """`TillSyncStorage.on_pickup_changed`: settle what the platform changed, tell the clerk."""
        notices = self.reconcile(order_ids)
        if notices:
            for listener in list(self.listeners):
                try:
                    listener(notices)
                except Exception:
                    log.exception("pickup listener failed")

    def reconcile(self, order_ids: list[str] | None = None) -> list[PickupNotice]:
        """Idempotent follow-up of pulled orders: new ones to announce, cancellations that must
        release reserved stock, collections the platform has booked (stock acknowledged)."""
        notices: list[PickupNotice] = []
        with self.db.uow() as uow:
            for row in uow.pickup.orders(ids=order_ids):
                if row.platform_status in ("collected", "partially_collected"):
                    uow.pickup.acknowledge_collected(row.order_id)
                if row.status in ("cancelled", "expired") and not row.cancel_reason:
                    self._release(uow, row, uow.pickup.reserved(row.order_id))
                    row.cancel_reason = f"{row.status} on the platform"
                    row.verified_at = None
                    uow.audit.add(self.till_key, "pickup.cancelled_online", None, ref_id=row.order_id,
                                  details={"order_no": row.order_no, "status": row.status})
                    if row.notified:
                        notices.append(PickupNotice("cancelled", row.order_id, row.order_no))
                if not row.notified:
                    row.notified = True
                    if row.status == "new":
                        notices.append(PickupNotice("new", row.order_id, row.order_no))
            uow.commit()
        return notices

    # -- reading --------------------------------------------------------------------------
    def queue(self, status: str | None = None) -> PickupQueue:
        """Orders (of one status, "overdue", or all) and the counts the tabs show."""
        now = self.clock()
        with self.db.uow(read_only=True) as uow:
            rows = uow.pickup.orders()
            lines = uow.pickup.lines_of([r.order_id for r in rows])
            views = [self._view(r, lines.get(r.order_id, []), now) for r in rows]
        counts = {s.value: 0 for s in PickupStatus} | {"overdue": 0}
        for v in views:
            counts[v.status.value] += 1
            counts["overdue"] += v.overdue
        if status == "overdue":
            views = [v for v in views if v.overdue]
        elif status is not None:
            wanted = parse_status(status)
            views = [v for v in views if v.status is wanted]
        return PickupQueue(tuple(views), counts)

    def order(self, order_id: str) -> PickupOrderView:
        with self.db.uow(read_only=True) as uow:
            row = self._get(uow, order_id)
            return self._view(row, uow.pickup.lines(order_id), self.clock())

    def _view(self, row: PickupOrder, lines: list[PickupOrderLine], now: datetime) -> PickupOrderView:
        status = parse_status(row.status)
        currency = self.config.currency
        return PickupOrderView(
            order_id=row.order_id, order_no=row.order_no, customer_name=row.customer_name,
            phone_masked=mask_phone(row.customer_phone), status=status, platform_status=row.platform_status,
            payment=row.payment, pickup_deadline=row.pickup_deadline, notes=row.notes,
            overdue=not is_final(status) and now > row.pickup_deadline,
            locked=row.wrong_code_attempts >= self.wrong_code_limit,
            wrong_code_attempts=row.wrong_code_attempts, verified=self._verified(row, now),
            bag_count=row.bag_count, cancel_reason=row.cancel_reason, received_at=row.received_at,
            lines=tuple(PickupLineView(
                line_id=ln.line_id, sku=ln.sku, name=ln.name, unit=ln.unit, quantity=Decimal(ln.quantity),
                price=from_minor(ln.price_fen, currency), picked=Decimal(ln.picked),
                handed_over=Decimal(ln.handed_over), cancelled=Decimal(ln.cancelled),
                short_reason=ln.short_reason, cancel_reason=ln.cancel_reason) for ln in lines),
        )

    def _verified(self, row: PickupOrder, now: datetime) -> bool:
        return row.verified_at is not None and now - row.verified_at <= self.verify_valid_for

    @staticmethod
    def _get(uow: UnitOfWork, order_id: str) -> PickupOrder:
        row = uow.pickup.get(order_id)
        if row is None:
            raise PickupOrderNotFound(order=order_id)
        return row

    # -- one transition -------------------------------------------------------------------
    def _event(self, uow: UnitOfWork, row: PickupOrder, status: str, user_id: str, reason: str = "",
               lines: list[PickupOrderLine] | None = None) -> None:
        """Queue the platform event; the wire model validates it here, not at push time."""
        handed = [P.HandedOverLine(line_id=ln.line_id, quantity=_fmt(Decimal(ln.handed_over)))
                  for ln in (lines or []) if Decimal(ln.handed_over) > 0]
        event_id = uuid.uuid4().hex
        event = P.PickupEvent(event_id=event_id, order_id=row.order_id, store_id=self.config.store_id,
                              status=status, lines=handed, at=self.clock(), till_id=self.config.till_id,
                              user_id=user_id, reason=fit_line(reason))
        uow.outbox.add("pickup_event", row.order_id, event.model_dump(mode="json"), event_id=event_id)

    def _move(self, uow: UnitOfWork, row: PickupOrder, target: PickupStatus, user_id: str, action: str,
              reason: str = "", lines: list[PickupOrderLine] | None = None,
              approval: ManagerApproval | None = None, wire_status: str | None = None) -> None:
        """Status change + outbox event + audit entry, in the caller's transaction."""
        before = row.status
        row.status = transition(parse_status(row.status), target).value
        row.updated_at = self.clock()
        self._event(uow, row, wire_status or target.value, user_id, reason, lines)
        uow.audit.add(self.till_key, action, user_id, approver_id=approval.approver_id if approval else None,
                      ref_id=row.order_id, details={"order_no": row.order_no, "from": before,
                                                    "to": row.status, "reason": reason})

    def _commit_view(self, uow: UnitOfWork, row: PickupOrder) -> PickupOrderView:
        view = self._view(row, uow.pickup.lines(row.order_id), self.clock())
        uow.commit()
        return view

    # -- picking --------------------------------------------------------------------------
    def start_picking(self, order_id: str) -> PickupOrderView:
        user = self._require()
        with self.db.uow() as uow:
            row = self._live(uow, order_id)
            if row.status != "new":
                raise PickupWrongState(order_no=row.order_no, status=row.status, action="start picking")
            self._move(uow, row, _S.PICKING, user.user_id, "pickup.picking")
            return self._commit_view(uow, row)

    def scan(self, code: str, order_id: str | None = None) -> ScanOutcome:
        """The pickup screen's one scan field: a pickup code (QR or 6 digits) or an item to pick."""
        result = self.classifier.classify(code, context=PICKUP_CONTEXT)
        if isinstance(result, RegisteredCode):
            if result.kind not in (KIND_QR, KIND_CODE):
                raise PickupCodeNotItem(code=result.value, kind=result.kind)
            return ScanOutcome("verified", self._verify(result.parsed, order_id))
        if order_id is None:
            self._require()
            raise PickupNoOrderSelected()
        return self._pick(order_id, result)

    def _pick(self, order_id: str, scanned: Any) -> ScanOutcome:
        user = self._require()
        with self.db.uow() as uow:
            row = self._live(uow, order_id)
            if row.status != "picking":
                raise PickupNotPicking(order_no=row.order_no, status=row.status)
            if isinstance(scanned, GtinCode):
                product = uow.catalog.by_code(scanned.scanned)
            else:
                product = uow.catalog.by_plu(scanned.plu)
            if product is None:
                raise ProductNotFound(code=scanned.scanned)
            if product.sold_by_weight:
                weight = None if isinstance(scanned, GtinCode) else scanned.weight_kg
                if weight is None:
                    raise WeightRequired(sku=product.sku)
                qty = weight
            else:
                qty = Decimal(1)
            lines = [ln for ln in uow.pickup.lines(order_id) if ln.sku == product.sku]
            if not lines:
                raise PickupItemNotInOrder(name=product.name, order_no=row.order_no)
            line = next((ln for ln in lines if Decimal(ln.picked) + qty <= Decimal(ln.quantity)), None)
            if line is None:
                raise PickupTooMany(order_no=row.order_no, name=product.name,
                                    ordered=_fmt(sum((Decimal(ln.quantity) for ln in lines), Decimal(0))),
                                    picked=_fmt(sum((Decimal(ln.picked) for ln in lines), Decimal(0))))
            line.picked = _fmt(Decimal(line.picked) + qty)
            row.updated_at = self.clock()
            uow.audit.add(self.till_key, "pickup.item_picked", user.user_id, ref_id=order_id,
                          details={"line_id": line.line_id, "sku": product.sku, "quantity": _fmt(qty),
                                   "code": scanned.scanned})
            view = self._commit_view(uow, row)
        return ScanOutcome("picked", view, line.line_id, qty)

    def short_pick(self, order_id: str, line_id: str, reason: str) -> PickupOrderView:
        """The shelf has less than ordered: the line goes ready with what was picked."""
        user = self._require()
        if not reason.strip():
            raise ReasonRequired()
        with self.db.uow() as uow:
            row = self._live(uow, order_id)
            if row.status != "picking":
                raise PickupNotPicking(order_no=row.order_no, status=row.status)
            line = self._line(uow, row, line_id)
            line.short_reason = reason.strip()[:200]
            uow.audit.add(self.till_key, "pickup.short_picked", user.user_id, ref_id=order_id,
                          details={"line_id": line_id, "picked": line.picked, "ordered": line.quantity,
                                   "reason": line.short_reason})
            return self._commit_view(uow, row)

    def set_bag_count(self, order_id: str, count: int | str) -> PickupOrderView:
        self._require()
        try:
            bags = int(str(count).strip())
        except ValueError:
            raise InvalidBagCount(value=count) from None
        if not 1 <= bags <= 99:
            raise InvalidBagCount(value=count)
        with self.db.uow() as uow:
            row = self._get(uow, order_id)
            row.bag_count = bags
            return self._commit_view(uow, row)

    def mark_ready(self, order_id: str) -> PickupOrderView:
        """Picked goods go to the pickup shelf: reserved locally, the platform told "ready"."""
        user = self._require()
        with self.db.uow() as uow:
            row = self._live(uow, order_id)
            if row.status != "picking":
                raise PickupNotPicking(order_no=row.order_no, status=row.status)
            lines = uow.pickup.lines(order_id)
            for ln in lines:
                if Decimal(ln.picked) < Decimal(ln.quantity) and not ln.short_reason:
                    raise PickupLineIncomplete(name=ln.name)
            if not any(Decimal(ln.picked) > 0 for ln in lines):
                raise PickupNothingPicked(order_no=row.order_no)
            for ln in lines:
                product = uow.catalog.by_sku(ln.sku)
                if product is not None and Decimal(ln.picked) > 0:
                    uow.stock.add_movement(product.id, -Decimal(ln.picked), RESERVE, order_id)
            shorts = "; ".join(f"{ln.sku}: {ln.short_reason}" for ln in lines if ln.short_reason)
            self._move(uow, row, _S.READY, user.user_id, "pickup.ready", reason=shorts)
            row.ready_at = self.clock()
            return self._commit_view(uow, row)

    # -- code check and hand-over ---------------------------------------------------------
    def verify_code(self, text: str, order_id: str | None = None) -> PickupOrderView:
        """A QR payload or the 6-digit code (for the selected order, or searched among all)."""
        result = self.classifier.classify(text, context=PICKUP_CONTEXT)
        if not isinstance(result, RegisteredCode) or result.kind not in (KIND_QR, KIND_CODE):
            raise PickupCodeUnknown(code=text.strip())
        return self._verify(result.parsed, order_id)

    def _verify(self, parsed: tuple[str | None, str], order_id: str | None) -> PickupOrderView:
        user = self._require()
        order_no, code = parsed
        now = self.clock()
        with self.db.uow() as uow:
            if order_no is not None:
                row = uow.pickup.by_order_no(order_no)
                if row is None:
                    raise PickupOrderNotFound(order=order_no)
            elif order_id is not None:
                row = self._get(uow, order_id)
            else:
                row = next((r for r in uow.pickup.orders() if P.pickup_code_hash(r.code_salt, code) == r.code_hash),
                           None)
                if row is None:
                    raise PickupCodeUnknown(code=code)
            if row.wrong_code_attempts >= self.wrong_code_limit:
                raise PickupOrderLocked(order_no=row.order_no)
            if P.pickup_code_hash(row.code_salt, code) != row.code_hash:
                row.wrong_code_attempts += 1
                uow.audit.add(self.till_key, "pickup.wrong_code", user.user_id, ref_id=row.order_id,
                              details={"order_no": row.order_no, "attempts": row.wrong_code_attempts})
                uow.commit()
                left = self.wrong_code_limit - row.wrong_code_attempts
                if left <= 0:
                    raise PickupOrderLocked(order_no=row.order_no)
                raise PickupCodeWrong(order_no=row.order_no, attempts_left=left)
            self._refuse_closed(row)
            if row.code_used_at is not None or row.status == "collected":
                raise PickupCodeUsed(order_no=row.order_no)
            if row.status not in ("ready", "partially_collected"):
                raise PickupOrderNotReady(order_no=row.order_no, status=row.status)
            row.verified_at, row.verified_by, row.wrong_code_attempts = now, user.user_id, 0
            uow.audit.add(self.till_key, "pickup.code_verified", user.user_id, ref_id=row.order_id,
                          details={"order_no": row.order_no})
            return self._commit_view(uow, row)

    @staticmethod
    def _refuse_closed(row: PickupOrder) -> None:
        """Cancelled online (even if the till had progress) or expired: nothing may move."""
        if row.status == "cancelled" or row.platform_status == "cancelled":
            raise PickupOrderCancelled(order_no=row.order_no)
        if row.status == "expired" or row.platform_status == "expired":
            raise PickupOrderExpired(order_no=row.order_no)

    def _live(self, uow: UnitOfWork, order_id: str) -> PickupOrder:
        """The order, if it may still move (not cancelled online, not expired)."""
        row = self._get(uow, order_id)
        self._refuse_closed(row)
        return row

    def _ready_for_hand_over(self, uow: UnitOfWork, order_id: str) -> PickupOrder:
        row = self._live(uow, order_id)
        if row.status == "collected":
            raise PickupCodeUsed(order_no=row.order_no)
        if row.status not in ("ready", "partially_collected"):
            raise PickupOrderNotReady(order_no=row.order_no, status=row.status)
        if not self._verified(row, self.clock()):
            raise PickupNotVerified(order_no=row.order_no)
        return row

    def _quantities(self, row: PickupOrder, lines: list[PickupOrderLine],
                    wanted: Mapping[str, Decimal | str] | None) -> dict[str, Decimal]:
        """Validated hand-over quantities; None means everything outstanding."""
        outstanding = {ln.line_id: Decimal(ln.picked) - Decimal(ln.handed_over) - Decimal(ln.cancelled)
                       for ln in lines}
        if wanted is None:
            out = {lid: q for lid, q in outstanding.items() if q > 0}
        else:
            by_id = {ln.line_id: ln for ln in lines}
            out = {}
            for line_id, raw in wanted.items():
                if line_id not in by_id:
                    raise PickupLineNotFound(line_id=line_id, order_no=row.order_no)
                qty = _parse_qty(raw, by_id[line_id])
                if qty > outstanding[line_id]:
                    raise PickupHandOverTooMany(name=by_id[line_id].name, outstanding=_fmt(outstanding[line_id]))
                if qty > 0:
                    out[line_id] = qty
        if not out:
            raise PickupNothingToHandOver(order_no=row.order_no)
        return out

    def hand_over(self, order_id: str, quantities: Mapping[str, Decimal | str] | None = None,
                  cancel_rest_reason: str | None = None) -> PickupOrderView:
        """Give the customer all (None) or some lines; the rest stays ready or is cancelled."""
        user = self._require()
        with self.db.uow() as uow:
            row = self._ready_for_hand_over(uow, order_id)
            if row.payment == "pay_at_store":
                raise PickupPaymentRequired(order_no=row.order_no)
            lines = uow.pickup.lines(order_id)
            given = self._quantities(row, lines, quantities)
            if cancel_rest_reason is not None and not cancel_rest_reason.strip():
                raise ReasonRequired()
            for ln in lines:
                qty = given.get(ln.line_id)
                if qty:
                    ln.handed_over = _fmt(Decimal(ln.handed_over) + qty)
                    product = uow.catalog.by_sku(ln.sku)
                    if product is not None:  # reserved -> gone, until the platform books it
                        uow.stock.add_movement(product.id, qty, RELEASE, order_id)
                        uow.stock.add_movement(product.id, -qty, COLLECTED, order_id)
            if cancel_rest_reason:
                for ln in lines:
                    self._cancel_outstanding(uow, ln, cancel_rest_reason, order_id)
            self._after_hand_over(uow, row, lines, user.user_id, cancel_rest_reason or "")
            return self._commit_view(uow, row)

    def _after_hand_over(self, uow: UnitOfWork, row: PickupOrder, lines: list[PickupOrderLine], user_id: str,
                         reason: str) -> None:
        done = all(Decimal(ln.picked) - Decimal(ln.handed_over) - Decimal(ln.cancelled) <= 0 for ln in lines)
        target = _S.COLLECTED if done else _S.PARTIALLY_COLLECTED
        self._move(uow, row, target, user_id, "pickup.handed_over", reason=reason, lines=lines)
        row.verified_at = None  # the next hand-over needs the code again
        if done:
            row.code_used_at = self.clock()

    def _cancel_outstanding(self, uow: UnitOfWork, ln: PickupOrderLine, reason: str, order_id: str) -> None:
        rest = Decimal(ln.picked) - Decimal(ln.handed_over) - Decimal(ln.cancelled)
        if rest <= 0:
            return
        ln.cancelled = _fmt(Decimal(ln.cancelled) + rest)
        ln.cancel_reason = reason.strip()[:200]
        product = uow.catalog.by_sku(ln.sku)
        if product is not None:
            uow.stock.add_movement(product.id, rest, RELEASE, order_id)

    def cancel_line(self, order_id: str, line_id: str, reason: str) -> PickupOrderView:
        """The customer does not want a line (or it is damaged): its goods go back to stock."""
        user = self._require()
        if not reason.strip():
            raise ReasonRequired()
        with self.db.uow() as uow:
            row = self._live(uow, order_id)
            if row.status not in ("ready", "partially_collected"):
                raise PickupWrongState(order_no=row.order_no, status=row.status, action="cancel a line")
            lines = uow.pickup.lines(order_id)
            line = self._line(uow, row, line_id, lines)
            if Decimal(line.picked) - Decimal(line.handed_over) - Decimal(line.cancelled) <= 0:
                raise PickupNothingToHandOver(order_no=row.order_no)
            self._cancel_outstanding(uow, line, reason, order_id)
            uow.audit.add(self.till_key, "pickup.line_cancelled", user.user_id, ref_id=order_id,
                          details={"line_id": line_id, "quantity": line.cancelled, "reason": reason.strip()})
            if all(Decimal(ln.picked) - Decimal(ln.handed_over) - Decimal(ln.cancelled) <= 0 for ln in lines):
                if any(Decimal(ln.handed_over) > 0 for ln in lines):
                    self._move(uow, row, _S.COLLECTED, user.user_id, "pickup.handed_over", reason, lines)
                    row.code_used_at = self.clock()
                else:
                    self._move(uow, row, _S.CANCELLED, user.user_id, "pickup.cancelled", reason)
                    row.cancel_reason = reason.strip()[:200]
                row.verified_at = None
            return self._commit_view(uow, row)

    @staticmethod
    def _line(uow: UnitOfWork, row: PickupOrder, line_id: str,
              lines: list[PickupOrderLine] | None = None) -> PickupOrderLine:
        found = next((ln for ln in (lines or uow.pickup.lines(row.order_id)) if ln.line_id == line_id), None)
        if found is None:
            raise PickupLineNotFound(line_id=line_id, order_no=row.order_no)
        return found

    # -- pay at the store -----------------------------------------------------------------
    def start_payment(self, order_id: str, quantities: Mapping[str, Decimal | str] | None = None) -> TicketSnapshot:
        """Put the lines to hand over on the (empty) checkout ticket at the order's prices; the
        order is collected in the sale's own transaction (`on_sale_complete`)."""
        self._require()
        if self.checkout is None:
            raise PickupPaymentRequired(order_no=order_id)
        current = self.checkout.current()
        if any(not ln.voided for ln in current.lines) or current.tenders:
            raise PickupTicketNotEmpty()
        with self.db.uow() as uow:
            row = self._ready_for_hand_over(uow, order_id)
            if row.payment != "pay_at_store":
                raise PickupPaidOnline(order_no=row.order_no)
            given = self._quantities(row, uow.pickup.lines(order_id), quantities)
            row.pending_handover = json.dumps({k: _fmt(v) for k, v in given.items()})
            row.payment_ticket_id = current.ticket_id
            order_no = row.order_no
            uow.commit()
        return self.checkout.scan(f"{PAYMENT_PREFIX}:{order_no}")

    def _put_on_ticket(self, uow: UnitOfWork, ticket: Ticket, code: RegisteredCode) -> None:
        """Checkout code handler: adds the pending hand-over lines of the order to `ticket`."""
        row = uow.pickup.by_order_no(code.parsed)
        if row is None or row.payment_ticket_id != ticket.ticket_id or not row.pending_handover:
            raise PickupPaymentNotStarted(order_no=code.parsed)
        if any(not ln.voided for ln in ticket.snapshot().lines):
            raise PickupTicketNotEmpty()
        pending = json.loads(row.pending_handover)
        for ln in uow.pickup.lines(row.order_id):
            if ln.line_id not in pending:
                continue
            p = uow.catalog.by_sku(ln.sku)
            if p is None:
                raise ProductNotFound(code=ln.sku)
            ticket.add_item(p.ticket_ref(), from_minor(ln.price_fen, self.config.currency), Decimal(pending[ln.line_id]))

    def link_sale(self, uow: UnitOfWork, snap: TicketSnapshot) -> dict[str, str]:
        """The pay-at-store sale records which order it paid for (`sales.pickup_order_id`)."""
        row = uow.pickup.by_payment_ticket(snap.ticket_id)
        return {"pickup_order_id": row.order_id} if row is not None and row.pending_handover else {}

    def on_sale_complete(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """Checkout hook inside the sale transaction: the paid lines are handed over."""
        row = uow.pickup.by_payment_ticket(snap.ticket_id)
        if row is None or not row.pending_handover:
            return
        sold: dict[str, Decimal] = {}
        for sl in snap.lines:
            if not sl.voided:
                sold[sl.sku] = sold.get(sl.sku, Decimal(0)) + sl.quantity
        pending = {k: Decimal(v) for k, v in json.loads(row.pending_handover).items()}
        lines = uow.pickup.lines(row.order_id)
        for ln in lines:
            qty = min(pending.get(ln.line_id, Decimal(0)), sold.get(ln.sku, Decimal(0)))
            if qty <= 0:
                continue
            sold[ln.sku] -= qty
            ln.handed_over = _fmt(Decimal(ln.handed_over) + qty)
            product = uow.catalog.by_sku(ln.sku)
            if product is not None:  # the sale's own movement takes the goods out of stock
                uow.stock.add_movement(product.id, qty, RELEASE, row.order_id)
        row.sale_id, row.payment_ticket_id, row.pending_handover = ctx.sale_id, None, None
        uow.audit.add(self.till_key, "pickup.paid", ctx.cashier_id, ref_id=row.order_id,
                      details={"order_no": row.order_no, "receipt_no": ctx.receipt_no})
        done = all(Decimal(ln.picked) - Decimal(ln.handed_over) - Decimal(ln.cancelled) <= 0 for ln in lines)
        target = _S.COLLECTED if done else _S.PARTIALLY_COLLECTED
        if can_transition(parse_status(row.status), target):
            self._after_hand_over(uow, row, lines, ctx.cashier_id, f"paid at the store, receipt {ctx.receipt_no}")
        else:  # cancelled online while the customer paid: the platform will answer a conflict
            log.warning("order %s paid at the till while %s", row.order_no, row.status)
            self._event(uow, row, target.value, ctx.cashier_id, f"paid, receipt {ctx.receipt_no}", lines)

    # -- manager actions ------------------------------------------------------------------
    def expire(self, order_id: str, approval: ManagerApproval | None) -> PickupOrderView:
        """Not collected by the deadline: goods back to stock. The platform is told "expired", or
        "collected" with what was handed over when part of the order already left the store."""
        user = self._require()
        approval = self._require_manager(approval)
        with self.db.uow() as uow:
            row = self._get(uow, order_id)
            if self.clock() <= row.pickup_deadline:
                raise PickupNotOverdue(order_no=row.order_no, deadline=row.pickup_deadline.isoformat())
            lines = uow.pickup.lines(order_id)
            handed = any(Decimal(ln.handed_over) > 0 for ln in lines)
            self._release(uow, row, uow.pickup.reserved(order_id))
            self._move(uow, row, _S.EXPIRED, user.user_id, "pickup.expired", reason="expired: not collected in time",
                       lines=lines if handed else None, approval=approval,
                       wire_status="collected" if handed else None)
            row.cancel_reason, row.verified_at = "expired", None
            return self._commit_view(uow, row)

    def _release(self, uow: UnitOfWork, row: PickupOrder, reserved: dict[int, Decimal]) -> None:
        for product_id, qty in reserved.items():
            uow.stock.add_movement(product_id, qty, RELEASE, row.order_id)

    def unlock(self, order_id: str, approval: ManagerApproval | None) -> PickupOrderView:
        user = self._require()
        approval = self._require_manager(approval)
        with self.db.uow() as uow:
            row = self._get(uow, order_id)
            before, row.wrong_code_attempts = row.wrong_code_attempts, 0
            uow.audit.add(self.till_key, "pickup.unlocked", user.user_id, approver_id=approval.approver_id,
                          ref_id=order_id, details={"order_no": row.order_no, "attempts": before})
            return self._commit_view(uow, row)

    def conflicts(self) -> list[ConflictView]:
        """Pickup events the platform refused (e.g. cancelled online while the till collected)."""
        with self.db.uow(read_only=True) as uow:
            out = []
            for c in uow.pickup.conflicts():
                event = uow.outbox.get(c.event_id)
                order_id = json.loads(event.payload)["order_id"] if event is not None else None
                row = uow.pickup.get(order_id) if order_id else None
                out.append(ConflictView(c.id, c.event_id, c.code, c.message, c.order_status, order_id,
                                        row.order_no if row else None, c.created_at))
            return out

    def resolve_conflict(self, conflict_id: int, approval: ManagerApproval | None, note: str) -> None:
        user = self._require()
        approval = self._require_manager(approval)
        if not note.strip():
            raise ReasonRequired()
        with self.db.uow() as uow:
            c = uow.pickup.conflict(conflict_id)
            if c is None or c.resolved_at is not None:
                raise PickupConflictNotFound(conflict_id=conflict_id)
            c.resolved_at, c.resolved_by = self.clock(), approval.approver_id
            uow.audit.add(self.till_key, "pickup.conflict_resolved", user.user_id, approver_id=approval.approver_id,
                          ref_id=c.event_id, details={"code": c.code, "note": note.strip()})
            uow.commit()


# --- code kinds --------------------------------------------------------------------------------

def _match_qr(code: str) -> tuple[str, str] | None:
    if not code.startswith(P.PICKUP_QR_PREFIX + ":"):
        return None
    m = _QR.match(code)
    if m is None:
        raise PickupCodeMalformed(code=code)
    return m.group(1), m.group(2)


def _match_bare_code(code: str) -> tuple[None, str] | None:
    return (None, code) if len(code) == 6 and code.isascii() and code.isdigit() else None


def _match_payment(code: str) -> str | None:
    m = _PAY.match(code)
    return m.group(1) if m else None


def _parse_qty(raw: Decimal | str, line: PickupOrderLine) -> Decimal:
    try:
        qty = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidQuantity(value=raw) from None
    if not qty.is_finite() or qty < 0 or qty.as_tuple().exponent < -3:  # type: ignore[operator]
        raise InvalidQuantity(value=raw)
    if line.unit == "pcs" and qty != qty.to_integral_value():
        raise QuantityNotWhole(value=raw, sku=line.sku)
    return qty

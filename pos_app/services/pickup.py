"""The clerk's pickup console (门店自提): queue, picking, ready, code check (核销) and hand-over.

Orders arrive through the platform's `pickup_orders` feed (see `store.sync_store`); everything here
is local and works offline: each transition is one transaction holding the order change, an outbox
`pickup_event` (aggregate = order id, so one order's events reach the platform in order) and an
audit entry (who, which till). The platform answers later; a refusal (order cancelled online
meanwhile) lands in `sync_conflicts` and is listed for the manager by `conflicts()`.

The rules on quantities and states are the order aggregate's (`domain.pickup.PickupOrderState`);
this module orchestrates: load, call the aggregate, save, record. Pay-at-store orders go through
`pickup_payment`; what screens show is built in `pickup_views`.

Stock (see `store.repositories.pickup`): marking an order ready reserves the picked goods with
local movements that lower the shown level, so the counter cannot sell them twice. Cancel, expiry
and line cancellation release them. Handed-over goods of a paid-online order stay counted as
`pickup_collected` until the platform's feed shows the order collected: the platform books the
stock of online orders on collection, the till never pushes it. Goods paid at the store leave
through the counter sale (its own movements are pushed); their reservation is released then.

The pickup code never exists in the till's database: only its Argon2id hash, used offline; the QR
is checked with the platform's public key (see `pickup_codes`). Wrong codes are counted per order
(and per till when no order is selected) and lock at `wrong_code_limit` until a manager unlocks.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pos_app.config import Config
from pos_app.domain.barcode import BarcodeClassifier, GtinCode, RegisteredCode
from pos_app.domain.errors import (
    InvalidBagCount,
    PermissionDenied,
    PickupClaimedElsewhere,
    PickupCodeNotItem,
    PickupCodeUnknown,
    PickupConflictNotFound,
    PickupManagerRequired,
    PickupNoOrderSelected,
    PickupNothingToHandOver,
    PickupNotOverdue,
    PickupNotVerified,
    PickupOrderNotFound,
    PickupPaymentRequired,
    PickupWrongState,
    ReasonRequired,
    WeightRequired,
)
from pos_app.domain.permissions import ManagerApproval, Permission, Role
from pos_app.domain.pickup import PickupOrderState, PickupStatus, fmt_qty, parse_status
from pos_app.domain.text import fit_line
from pos_app.services.auth import StaffSession, is_issued, require_session
from pos_app.services.checkout import CheckoutService, NotLoggedIn, ProductNotFound
from pos_app.services.pickup_codes import KIND_CODE, KIND_QR, PickupClaims, match_bare_code, match_qr
from pos_app.services.pickup_views import (
    ConflictView,
    PickupNotice,
    PickupOrderView,
    PickupQueue,
    ScanOutcome,
    order_view,
)
from pos_app.store.repositories.pickup import COLLECTED, RELEASE, RESERVE
from pos_app.store.sync_models import PickupOrder, SyncConflict
from pos_app.store.uow import Database, UnitOfWork
from sync import protocol as P

log = logging.getLogger(__name__)

#: The customer's QR is a code kind anywhere, the bare 6-digit code only on the pickup screen (on
#: the sale screen six digits are a mistyped item, not a code); see `pickup_codes`.
PICKUP_CONTEXT = "pickup"
_S = PickupStatus


class PickupService:
    def __init__(self, db: Database, config: Config, till_key: str, classifier: BarcodeClassifier, *,
                 checkout: CheckoutService | None = None, clock: Callable[[], datetime] | None = None,
                 wrong_code_limit: int = 5, verify_valid_for: timedelta = timedelta(minutes=15)):
        from pos_app.services.pickup_codes import PickupCodeChecker  # the parts know each other
        from pos_app.services.pickup_payment import PickupPayments

        self.db = db
        self.config = config
        self.till_key = till_key
        self.classifier = classifier
        self.checkout = checkout
        self.clock = clock or (lambda: datetime.now(UTC))
        self.wrong_code_limit = wrong_code_limit
        self.verify_valid_for = verify_valid_for
        self.listeners: list[Callable[[list[PickupNotice]], None]] = []
        #: Called after a hand-over is committed with the order's view and {line id: quantity given}
        #: (the customer screen shows them); on the caller's thread.
        self.hand_over_listeners: list[Callable[[PickupOrderView, Mapping[str, Decimal]], None]] = []
        self.user: StaffSession | None = None
        self.payments = PickupPayments(self)
        self.codes = PickupCodeChecker(self)
        #: The platform's pickup claims (`SyncService.claim_pickup`); None: a till on its own.
        self.claims: PickupClaims | None = None

    # -- wiring ---------------------------------------------------------------------------
    def register_code_kinds(self) -> None:
        """Teach the shared classifier the pickup codes (bootstrap calls this once)."""
        registry = self.classifier.registry
        registry.register(KIND_QR, match_qr)
        registry.register(KIND_CODE, match_bare_code, contexts=(PICKUP_CONTEXT,))
        self.payments.register(registry)

    def set_user(self, session: StaffSession | None) -> None:
        self.user = None if session is None else require_session(session)

    def require(self) -> StaffSession:
        if self.user is None:
            raise NotLoggedIn()
        if not self.user.can(Permission.PICKUP_MANAGE):
            raise PermissionDenied(role=self.user.role, permission=Permission.PICKUP_MANAGE.value)
        return self.user

    @staticmethod
    def require_manager(approval: ManagerApproval | None) -> ManagerApproval:
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
                    self.release(uow, row)
                    row.cancel_reason = f"{row.status} on the platform"
                    row.verified_at = None
                    uow.audit.add(self.till_key, "pickup.cancelled_online", None, ref_id=row.order_id,
                                  details={"order_no": row.order_no, "status": row.status})
                    if row.notified:
                        notices.append(PickupNotice("cancelled", row.order_id, row.order_no))
                if row.double_picked_at and not row.double_pick_reported:
                    self._report_double_pick(uow, row)
                if not row.notified:
                    row.notified = True
                    if row.status == "new":
                        notices.append(PickupNotice("new", row.order_id, row.order_no))
            uow.commit()
        return notices

    def _report_double_pick(self, uow: UnitOfWork, row: PickupOrder) -> None:
        """Another till picked this order offline while this one held it: the platform told that
        till (a conflict there); the feed tells this one, and its manager sees it here too."""
        row.double_pick_reported = True
        others = [t for t in row.double_picked_at.split(",") if t and t != self.config.till_id]
        mine = [e for e in uow.outbox.for_aggregate(row.order_id) if e.kind == "pickup_event"]
        if not others or not mine:
            return
        uow.session.add(SyncConflict(
            event_id=mine[-1].id, kind="pickup_event", code="picked_elsewhere", order_status=row.platform_status,
            message=(f"order {row.order_no} was also picked at till {', '.join(others)} while offline, "
                     f"while this till held it: check the goods with that till"),
            extra="{}", created_at=self.clock()))

    # -- reading --------------------------------------------------------------------------
    def queue(self, status: str | None = None) -> PickupQueue:
        """Orders (of one status, "overdue", or all) and the counts the tabs show."""
        now = self.clock()
        with self.db.uow(read_only=True) as uow:
            rows = uow.pickup.orders()
            lines = uow.pickup.lines_of([r.order_id for r in rows])
            views = [self._view(r, uow.pickup.state(r, lines.get(r.order_id, [])), now) for r in rows]
            bare_locked = self.codes.bare_codes_locked(uow)
        counts = {s.value: 0 for s in PickupStatus} | {"overdue": 0}
        for v in views:
            counts[v.status.value] += 1
            counts["overdue"] += v.overdue
        if status == "overdue":
            views = [v for v in views if v.overdue]
        elif status is not None:
            wanted = parse_status(status)
            views = [v for v in views if v.status is wanted]
        return PickupQueue(tuple(views), counts, bare_codes_locked=bare_locked)

    def order(self, order_id: str) -> PickupOrderView:
        with self.db.uow(read_only=True) as uow:
            row = self.get(uow, order_id)
            return self._view(row, uow.pickup.state(row), self.clock())

    def _view(self, row: PickupOrder, state: PickupOrderState, now: datetime) -> PickupOrderView:
        return order_view(row, state, now, currency=self.config.currency, verified=self.verified(row, now),
                          locked=row.wrong_code_attempts >= self.wrong_code_limit, till_id=self.config.till_id)

    def verified(self, row: PickupOrder, now: datetime) -> bool:
        return row.verified_at is not None and now - row.verified_at <= self.verify_valid_for

    @staticmethod
    def get(uow: UnitOfWork, order_id: str) -> PickupOrder:
        row = uow.pickup.get(order_id)
        if row is None:
            raise PickupOrderNotFound(order=order_id)
        return row

    # -- recording (shared with pay-at-store) ---------------------------------------------
    def event(self, uow: UnitOfWork, row: PickupOrder, state: PickupOrderState, status: str, user_id: str,
              reason: str = "", with_lines: bool = False) -> None:
        """Queue the platform event; the wire model validates it here, not at push time."""
        handed = [P.HandedOverLine(line_id=ln.line_id, quantity=fmt_qty(ln.handed_over))
                  for ln in state.lines if with_lines and ln.handed_over > 0]
        event_id = uuid.uuid4().hex
        event = P.PickupEvent(event_id=event_id, order_id=row.order_id, store_id=self.config.store_id,
                              status=status, lines=handed, at=self.clock(), till_id=self.config.till_id,
                              user_id=user_id, reason=fit_line(reason))
        uow.outbox.add("pickup_event", row.order_id, event.model_dump(mode="json"), event_id=event_id)

    def record(self, uow: UnitOfWork, row: PickupOrder, state: PickupOrderState, before: PickupStatus,
               user_id: str, action: str, reason: str = "", with_lines: bool = False,
               approval: ManagerApproval | None = None, wire_status: str | None = None) -> None:
        """Save the aggregate after a status change, with its outbox event and audit entry, in the
        caller's transaction."""
        uow.pickup.save_state(row, state)
        row.updated_at = self.clock()
        self.event(uow, row, state, wire_status or state.status.value, user_id, reason, with_lines)
        uow.audit.add(self.till_key, action, user_id, approver_id=approval.approver_id if approval else None,
                      ref_id=row.order_id, details={"order_no": row.order_no, "from": before.value,
                                                    "to": row.status, "reason": reason})

    def handed_over(self, uow: UnitOfWork, row: PickupOrder, state: PickupOrderState, target: PickupStatus,
                    user_id: str, reason: str) -> None:
        """After goods left the shelf: the order is (partly) collected; the next hand-over needs the
        code again."""
        before = state.move(target)
        self.record(uow, row, state, before, user_id, "pickup.handed_over", reason=reason, with_lines=True)
        row.verified_at = None
        if target is _S.COLLECTED:
            row.code_used_at = self.clock()

    def release(self, uow: UnitOfWork, row: PickupOrder) -> None:
        """Everything still reserved for the order goes back to the shelf."""
        for product_id, qty in uow.pickup.reserved(row.order_id).items():
            uow.stock.add_movement(product_id, qty, RELEASE, row.order_id)

    def commit_view(self, uow: UnitOfWork, row: PickupOrder) -> PickupOrderView:
        view = self._view(row, uow.pickup.state(row), self.clock())
        uow.commit()
        return view

    def live(self, uow: UnitOfWork, order_id: str) -> tuple[PickupOrder, PickupOrderState]:
        """The order, if it may still move (not cancelled online, not expired)."""
        row = self.get(uow, order_id)
        state = uow.pickup.state(row)
        state.check_live()
        return row, state

    def ready_for_hand_over(self, uow: UnitOfWork, order_id: str) -> tuple[PickupOrder, PickupOrderState]:
        row = self.get(uow, order_id)
        state = uow.pickup.state(row)
        state.check_collectable()
        if not self.verified(row, self.clock()):
            raise PickupNotVerified(order_no=row.order_no)
        return row, state

    # -- picking --------------------------------------------------------------------------
    def start_picking(self, order_id: str, approval: ManagerApproval | None = None) -> PickupOrderView:
        """Online, the platform's claim first: another till picking it refuses (a manager's
        ``approval`` takes it over). Offline the clerk picks anyway; a double pick comes back from
        the platform as a conflict the manager sees."""
        user = self.require()
        if approval is not None:
            self.require_manager(approval)
        answer = None
        if self.claims is not None:
            with self.db.uow(read_only=True) as uow:
                order_no = self.get(uow, order_id).order_no
            answer = self.claims.claim_pickup(self.config.store_id, order_id, user.name, approval is not None)
            if answer is not None and not answer.granted:
                raise PickupClaimedElsewhere(order_no=order_no, till=answer.claim.till_id,
                                             name=answer.claim.staff_name)
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            before = state.status
            state.start_picking(picked_elsewhere=row.claimed_by_till not in (None, self.config.till_id))
            self.record(uow, row, state, before, user.user_id, "pickup.picking", approval=approval)
            # This till's claim as far as it knows (the platform's, or none offline); the feed corrects it.
            row.claimed_by_till, row.claimed_by_name = self.config.till_id, user.name
            row.claim_expires_at = answer.claim.expires_at if answer is not None else None
            return self.commit_view(uow, row)

    def stop_picking(self, order_id: str) -> PickupOrderView:
        """The clerk stops picking (goods back on the shelf): the order is new again here, and its
        outbox event ("new", after this till's own picking events) releases the platform's claim, so
        the other tills see it free after their next pull."""
        user = self.require()
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            state.stop_picking()
            self.record(uow, row, state, _S.PICKING, user.user_id, "pickup.picking_stopped")
            if row.claimed_by_till == self.config.till_id:  # released as far as this till knows
                row.claimed_by_till = row.claimed_by_name = row.claim_expires_at = None
            return self.commit_view(uow, row)

    def scan(self, code: str, order_id: str | None = None) -> ScanOutcome:
        """The pickup screen's one scan field: a pickup code (QR or 6 digits) or an item to pick."""
        result = self.classifier.classify(code, context=PICKUP_CONTEXT)
        if isinstance(result, RegisteredCode):
            if result.kind not in (KIND_QR, KIND_CODE):
                raise PickupCodeNotItem(code=result.value, kind=result.kind)
            return ScanOutcome("verified", self.codes.verify(result.parsed, order_id))
        if order_id is None:
            self.require()
            raise PickupNoOrderSelected()
        return self._pick(order_id, result)

    def _pick(self, order_id: str, scanned: Any) -> ScanOutcome:
        user = self.require()
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            state.check_picking()
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
            line = state.pick(product.sku, product.name, qty)
            uow.pickup.save_state(row, state)
            row.updated_at = self.clock()
            uow.audit.add(self.till_key, "pickup.item_picked", user.user_id, ref_id=order_id,
                          details={"line_id": line.line_id, "sku": product.sku, "quantity": fmt_qty(qty),
                                   "code": scanned.scanned})
            view = self.commit_view(uow, row)
        return ScanOutcome("picked", view, line.line_id, qty)

    def short_pick(self, order_id: str, line_id: str, reason: str) -> PickupOrderView:
        """The shelf has less than ordered: the line goes ready with what was picked."""
        user = self.require()
        if not reason.strip():
            raise ReasonRequired()
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            line = state.short_pick(line_id, reason)
            uow.pickup.save_state(row, state)
            uow.audit.add(self.till_key, "pickup.short_picked", user.user_id, ref_id=order_id,
                          details={"line_id": line_id, "picked": fmt_qty(line.picked),
                                   "ordered": fmt_qty(line.quantity), "reason": line.short_reason})
            return self.commit_view(uow, row)

    def set_bag_count(self, order_id: str, count: int | str) -> PickupOrderView:
        self.require()
        try:
            bags = int(str(count).strip())
        except ValueError:
            raise InvalidBagCount(value=count) from None
        if not 1 <= bags <= 99:
            raise InvalidBagCount(value=count)
        with self.db.uow() as uow:
            row = self.get(uow, order_id)
            row.bag_count = bags
            return self.commit_view(uow, row)

    def mark_ready(self, order_id: str) -> PickupOrderView:
        """Picked goods go to the pickup shelf: reserved locally, the platform told "ready"."""
        user = self.require()
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            picked = state.mark_ready()
            for sku, qty in picked.items():
                product = uow.catalog.by_sku(sku)
                if product is not None:
                    uow.stock.add_movement(product.id, -qty, RESERVE, order_id)
            shorts = "; ".join(f"{ln.sku}: {ln.short_reason}" for ln in state.lines if ln.short_reason)
            self.record(uow, row, state, _S.PICKING, user.user_id, "pickup.ready", reason=shorts)
            row.ready_at = self.clock()
            return self.commit_view(uow, row)

    # -- code check and hand-over ---------------------------------------------------------
    def verify_code(self, text: str, order_id: str | None = None) -> PickupOrderView:
        """A QR payload or the 6-digit code (for the selected order, or searched among all)."""
        result = self.classifier.classify(text, context=PICKUP_CONTEXT)
        if not isinstance(result, RegisteredCode) or result.kind not in (KIND_QR, KIND_CODE):
            raise PickupCodeUnknown(code=text.strip())
        return self.codes.verify(result.parsed, order_id)

    def hand_over(self, order_id: str, quantities: Mapping[str, Decimal | str] | None = None,
                  cancel_rest_reason: str | None = None) -> PickupOrderView:
        """Give the customer all (None) or some lines; the rest stays ready or is cancelled."""
        user = self.require()
        with self.db.uow() as uow:
            row, state = self.ready_for_hand_over(uow, order_id)
            if state.pay_at_store:
                raise PickupPaymentRequired(order_no=row.order_no)
            given = state.hand_over_quantities(quantities)
            if cancel_rest_reason is not None and not cancel_rest_reason.strip():
                raise ReasonRequired()
            state.hand_over(given)
            for line_id, qty in given.items():
                product = uow.catalog.by_sku(state.line(line_id).sku)
                if product is not None:  # reserved -> gone, until the platform books it
                    uow.stock.add_movement(product.id, qty, RELEASE, order_id)
                    uow.stock.add_movement(product.id, -qty, COLLECTED, order_id)
            if cancel_rest_reason:
                for ln in state.lines:
                    self._cancel_outstanding(uow, state, ln.line_id, cancel_rest_reason)
            self.handed_over(uow, row, state, state.after_hand_over_status(), user.user_id,
                             cancel_rest_reason or "")
            view = self.commit_view(uow, row)
        for listener in list(self.hand_over_listeners):
            try:
                listener(view, given)
            except Exception:  # the hand-over is committed; a screen must not fail it
                log.exception("hand-over listener failed")
        return view

    @staticmethod
    def _cancel_outstanding(uow: UnitOfWork, state: PickupOrderState, line_id: str, reason: str) -> None:
        rest = state.cancel_outstanding(line_id, reason)
        product = uow.catalog.by_sku(state.line(line_id).sku) if rest > 0 else None
        if product is not None:
            uow.stock.add_movement(product.id, rest, RELEASE, state.order_id)

    def cancel_line(self, order_id: str, line_id: str, reason: str) -> PickupOrderView:
        """The customer does not want a line (or it is damaged): its goods go back to stock."""
        user = self.require()
        if not reason.strip():
            raise ReasonRequired()
        with self.db.uow() as uow:
            row, state = self.live(uow, order_id)
            if state.status not in (_S.READY, _S.PARTIALLY_COLLECTED):
                raise PickupWrongState(order_no=row.order_no, status=row.status, action="cancel a line")
            line = state.line(line_id)
            if line.outstanding <= 0:
                raise PickupNothingToHandOver(order_no=row.order_no)
            self._cancel_outstanding(uow, state, line_id, reason)
            uow.pickup.save_state(row, state)
            uow.audit.add(self.till_key, "pickup.line_cancelled", user.user_id, ref_id=order_id,
                          details={"line_id": line_id, "quantity": fmt_qty(line.cancelled),
                                   "reason": reason.strip()})
            if state.fully_handed:
                if state.handed_any:
                    self.handed_over(uow, row, state, _S.COLLECTED, user.user_id, reason)
                else:
                    before = state.move(_S.CANCELLED)
                    self.record(uow, row, state, before, user.user_id, "pickup.cancelled", reason)
                    row.cancel_reason = reason.strip()[:200]
                    row.verified_at = None
            return self.commit_view(uow, row)

    # -- pay at the store (see pickup_payment) --------------------------------------------
    def start_payment(self, order_id: str, quantities: Mapping[str, Decimal | str] | None = None) -> Any:
        """Put the lines to hand over on the (empty) checkout ticket; see `PickupPayments`."""
        return self.payments.start_payment(order_id, quantities)

    # -- manager actions ------------------------------------------------------------------
    def expire(self, order_id: str, approval: ManagerApproval | None) -> PickupOrderView:
        """Not collected by the deadline: goods back to stock. The platform is told "expired", or
        "collected" with what was handed over when part of the order already left the store."""
        user = self.require()
        approval = self.require_manager(approval)
        with self.db.uow() as uow:
            row = self.get(uow, order_id)
            if self.clock() <= row.pickup_deadline:
                raise PickupNotOverdue(order_no=row.order_no, deadline=row.pickup_deadline.isoformat())
            state = uow.pickup.state(row)
            handed = state.handed_any
            self.release(uow, row)
            before = state.move(_S.EXPIRED)
            self.record(uow, row, state, before, user.user_id, "pickup.expired",
                        reason="expired: not collected in time", with_lines=handed, approval=approval,
                        wire_status="collected" if handed else None)
            row.cancel_reason, row.verified_at = "expired", None
            return self.commit_view(uow, row)

    def unlock(self, order_id: str, approval: ManagerApproval | None) -> PickupOrderView:
        user = self.require()
        approval = self.require_manager(approval)
        with self.db.uow() as uow:
            row = self.get(uow, order_id)
            before, row.wrong_code_attempts = row.wrong_code_attempts, 0
            uow.audit.add(self.till_key, "pickup.unlocked", user.user_id, approver_id=approval.approver_id,
                          ref_id=order_id, details={"order_no": row.order_no, "attempts": before})
            return self.commit_view(uow, row)

    def unlock_bare_codes(self, approval: ManagerApproval | None) -> None:
        """Typed codes without an order were locked after wrong ones; a manager opens them again."""
        self.codes.unlock_bare_codes(approval)

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
        user = self.require()
        approval = self.require_manager(approval)
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

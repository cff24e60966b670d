"""Pickup orders as the clerk's console works them, their local stock reservation and conflicts.

The reservation is made of local stock movements (never pushed) with `ref_id` = the order id:
``pickup_reserve`` (negative) when the order is ready, ``pickup_release`` (positive) when goods go
back to the shelf or into a counter sale, ``pickup_collected`` (negative) for goods handed over
until the platform's pickup feed says it booked the collection (then they are acknowledged).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import delete, func, literal_column, select, update
from sqlalchemy.orm import Session

from pos_app.domain.pickup import PickupLine, PickupOrderState, fmt_qty, parse_status
from pos_app.store.models import StockMovement
from pos_app.store.sync_models import PickupCodeGuard, PickupOrder, PickupOrderLine, PlatformKey, SyncConflict

RESERVE, RELEASE, COLLECTED = "pickup_reserve", "pickup_release", "pickup_collected"


class PickupRepository:
    def __init__(self, session: Session):
        self.s = session

    # -- orders ---------------------------------------------------------------------------
    def get(self, order_id: str) -> PickupOrder | None:
        return self.s.get(PickupOrder, order_id)

    def by_order_no(self, order_no: str) -> PickupOrder | None:
        return self.s.scalars(select(PickupOrder).where(PickupOrder.order_no == order_no)).first()

    def by_payment_ticket(self, ticket_id: str) -> PickupOrder | None:
        return self.s.scalars(select(PickupOrder).where(PickupOrder.payment_ticket_id == ticket_id)).first()

    def orders(self, statuses: tuple[str, ...] | None = None, ids: list[str] | None = None) -> list[PickupOrder]:
        stmt = select(PickupOrder).order_by(PickupOrder.pickup_deadline, PickupOrder.order_no)
        if statuses is not None:
            stmt = stmt.where(PickupOrder.status.in_(statuses))
        if ids is not None:
            stmt = stmt.where(PickupOrder.order_id.in_(ids))
        return list(self.s.scalars(stmt))

    def lines(self, order_id: str) -> list[PickupOrderLine]:
        """In the order the platform listed them (insertion order)."""
        return list(self.s.scalars(select(PickupOrderLine).where(PickupOrderLine.order_id == order_id)
                                   .order_by(literal_column("pickup_order_lines.rowid"))))

    def lines_of(self, order_ids: list[str]) -> dict[str, list[PickupOrderLine]]:
        out: dict[str, list[PickupOrderLine]] = defaultdict(list)
        for line in self.s.scalars(select(PickupOrderLine).where(PickupOrderLine.order_id.in_(order_ids))
                                   .order_by(literal_column("pickup_order_lines.rowid"))):
            out[line.order_id].append(line)
        return out

    def counts(self) -> dict[str, int]:
        rows = self.s.execute(select(PickupOrder.status, func.count()).group_by(PickupOrder.status))
        return {status: n for status, n in rows}

    # -- reservation ----------------------------------------------------------------------
    def reserved(self, order_id: str) -> dict[int, Decimal]:
        """Product id -> quantity still held for the order (reserve minus release)."""
        held: dict[int, Decimal] = defaultdict(Decimal)
        for product_id, delta in self.s.execute(
            select(StockMovement.product_id, StockMovement.delta).where(
                StockMovement.ref_id == order_id, StockMovement.reason.in_((RESERVE, RELEASE)))
        ):
            held[product_id] -= Decimal(delta)
        return {pid: qty for pid, qty in held.items() if qty}

    def acknowledge_collected(self, order_id: str) -> None:
        """The platform booked the collection: its stock level carries these goods now."""
        self.s.execute(update(StockMovement).where(StockMovement.ref_id == order_id,
                                                   StockMovement.reason == COLLECTED)
                       .values(acknowledged=True))

    # -- conflicts ------------------------------------------------------------------------
    def conflicts(self, kind: str = "pickup_event", open_only: bool = True) -> list[SyncConflict]:
        stmt = select(SyncConflict).where(SyncConflict.kind == kind).order_by(SyncConflict.id)
        if open_only:
            stmt = stmt.where(SyncConflict.resolved_at.is_(None))
        return list(self.s.scalars(stmt))

    def conflict(self, conflict_id: int) -> SyncConflict | None:
        return self.s.get(SyncConflict, conflict_id)

    # -- the aggregate --------------------------------------------------------------------
    def state(self, row: PickupOrder, lines: list[PickupOrderLine] | None = None) -> PickupOrderState:
        """The domain order of a row: quantities parsed once, here, from their text columns."""
        return PickupOrderState(
            order_id=row.order_id, order_no=row.order_no, status=parse_status(row.status),
            platform_status=row.platform_status, payment=row.payment,
            lines=[PickupLine(line_id=ln.line_id, sku=ln.sku, name=ln.name, unit=ln.unit,
                              quantity=Decimal(ln.quantity), price_fen=ln.price_fen, picked=Decimal(ln.picked),
                              handed_over=Decimal(ln.handed_over), cancelled=Decimal(ln.cancelled),
                              short_reason=ln.short_reason, cancel_reason=ln.cancel_reason)
                   for ln in (lines if lines is not None else self.lines(row.order_id))])

    def save_state(self, row: PickupOrder, state: PickupOrderState) -> None:
        """Write what the aggregate changed (status, line progress) back to the rows."""
        row.status = state.status.value
        by_id = {ln.line_id: ln for ln in state.lines}
        for ln in self.lines(row.order_id):
            new = by_id[ln.line_id]
            ln.picked, ln.handed_over, ln.cancelled = fmt_qty(new.picked), fmt_qty(new.handed_over), \
                fmt_qty(new.cancelled)
            ln.short_reason, ln.cancel_reason = new.short_reason, new.cancel_reason

    # -- what proves a pickup code (see sync.pickup_codes) --------------------------------
    def platform_keys(self, purpose: str = "pickup_qr") -> dict[str, str]:
        """Key id -> base64 public key, for checking signed QR codes offline."""
        rows = self.s.scalars(select(PlatformKey).where(PlatformKey.purpose == purpose))
        return {k.key_id: k.public_key for k in rows}

    def save_platform_keys(self, keys: list[tuple[str, str, str, str]]) -> None:
        """(key_id, purpose, algorithm, public_key) as the platform listed them; a key id the
        platform no longer lists is dropped (rotation)."""
        self.s.execute(delete(PlatformKey))
        for key_id, purpose, algorithm, public_key in keys:
            self.s.add(PlatformKey(key_id=key_id, purpose=purpose, algorithm=algorithm, public_key=public_key))

    def code_guard(self, till_id: str) -> PickupCodeGuard:
        """The till's counter of wrong codes typed with no order selected (created at 0)."""
        guard = self.s.get(PickupCodeGuard, till_id)
        if guard is None:
            guard = PickupCodeGuard(till_id=till_id, wrong_attempts=0)
            self.s.add(guard)
        return guard

    def bare_code_attempts(self, till_id: str) -> int:
        guard = self.s.get(PickupCodeGuard, till_id)
        return guard.wrong_attempts if guard is not None else 0

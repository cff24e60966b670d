"""Pickup orders paid at the store (到店付): the order's lines go on the checkout ticket, and the
sale that pays them hands them over, inside the sale's own transaction.

Arming the order (which lines, which ticket) happens in the checkout scan's transaction, through
the `pickup_payment` code handler: if the scan is refused (no shift open, ticket not empty, ...)
nothing is armed, so a later unrelated sale on the same ticket can never collect the order.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from pos_app.domain.barcode import CodeKindRegistry, RegisteredCode
from pos_app.domain.errors import (
    PickupPaidOnline,
    PickupPaymentNotStarted,
    PickupPaymentRequired,
    PickupTicketNotEmpty,
)
from pos_app.domain.money import from_minor
from pos_app.domain.pickup import can_transition, fmt_qty
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.checkout import ProductNotFound
from pos_app.services.sale_records import SaleContext
from pos_app.store.repositories.pickup import RELEASE
from pos_app.store.uow import UnitOfWork

if TYPE_CHECKING:
    from pos_app.services.pickup import PickupService

log = logging.getLogger(__name__)

KIND_PAYMENT = "pickup_payment"
PAYMENT_PREFIX = "O2OPAY"
_PAY = re.compile(rf"^{PAYMENT_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}})$")


class PickupPayments:
    """The pay-at-store half of the pickup console; records through its `PickupService`."""

    def __init__(self, pickup: PickupService):
        self.pickup = pickup
        #: order_no -> quantities being put on the ticket by the scan in progress (this thread's
        #: `start_payment` call); written to the order only inside that scan's transaction.
        self._arming: dict[str, dict[str, Decimal]] = {}

    def register(self, registry: CodeKindRegistry) -> None:
        registry.register(KIND_PAYMENT, _match_payment)
        checkout = self.pickup.checkout
        if checkout is not None:
            checkout.code_handlers[KIND_PAYMENT] = self.put_on_ticket
            checkout.sale_links.append(self.link_sale)
            checkout.on_complete.append(self.on_sale_complete)

    def start_payment(self, order_id: str, quantities: Mapping[str, Decimal | str] | None = None) -> TicketSnapshot:
        """Put the lines to hand over on the (empty) checkout ticket at the order's prices; the
        order is collected in the sale's own transaction (`on_sale_complete`)."""
        pk = self.pickup
        pk.require()
        checkout = pk.checkout
        if checkout is None:
            raise PickupPaymentRequired(order_no=order_id)
        current = checkout.current()
        if any(not ln.voided for ln in current.lines) or current.tenders:
            raise PickupTicketNotEmpty()
        with pk.db.uow(read_only=True) as uow:  # refusals before touching the ticket
            row, state = pk.ready_for_hand_over(uow, order_id)
            if not state.pay_at_store:
                raise PickupPaidOnline(order_no=row.order_no)
            given = state.hand_over_quantities(quantities)
            order_no = row.order_no
        self._arming[order_no] = given
        try:
            return checkout.scan(f"{PAYMENT_PREFIX}:{order_no}")
        finally:
            self._arming.pop(order_no, None)

    def put_on_ticket(self, uow: UnitOfWork, ticket: Ticket, code: RegisteredCode) -> None:
        """Checkout code handler, in the scan's transaction: arms the order for this ticket and
        adds its lines; a refusal anywhere in the scan rolls both back."""
        given = self._arming.get(code.parsed)
        row = uow.pickup.by_order_no(code.parsed)
        if row is None or given is None:
            raise PickupPaymentNotStarted(order_no=code.parsed)
        if any(not ln.voided for ln in ticket.snapshot().lines):
            raise PickupTicketNotEmpty()
        pk = self.pickup
        row_, state = pk.ready_for_hand_over(uow, row.order_id)  # still so, in this transaction
        given = state.hand_over_quantities(given)
        for line_id, qty in given.items():
            ln = state.line(line_id)
            p = uow.catalog.by_sku(ln.sku)
            if p is None:
                raise ProductNotFound(code=ln.sku)
            ticket.add_item(p.ticket_ref(), from_minor(ln.price_fen, pk.config.currency), qty)
        ticket.take_no_promotions(f"pickup:{row.order_no}")  # the online order's prices hold its discounts
        row_.pending_handover = json.dumps({k: fmt_qty(v) for k, v in given.items()})
        row_.payment_ticket_id = ticket.ticket_id

    def link_sale(self, uow: UnitOfWork, snap: TicketSnapshot) -> dict[str, str]:
        """The pay-at-store sale records which order it paid for (`sales.pickup_order_id`)."""
        row = uow.pickup.by_payment_ticket(snap.ticket_id)
        return {"pickup_order_id": row.order_id} if row is not None and row.pending_handover else {}

    def on_sale_complete(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """Checkout hook inside the sale transaction: the paid lines are handed over."""
        row = uow.pickup.by_payment_ticket(snap.ticket_id)
        if row is None or not row.pending_handover:
            return
        pk = self.pickup
        sold: dict[str, Decimal] = {}
        for sl in snap.lines:
            if not sl.voided:
                sold[sl.sku] = sold.get(sl.sku, Decimal(0)) + sl.quantity
        pending = {k: Decimal(v) for k, v in json.loads(row.pending_handover).items()}
        state = uow.pickup.state(row)
        given: dict[str, Decimal] = {}
        for ln in state.lines:
            qty = min(pending.get(ln.line_id, Decimal(0)), sold.get(ln.sku, Decimal(0)), ln.outstanding)
            if qty <= 0:
                continue
            sold[ln.sku] -= qty
            given[ln.line_id] = qty
            product = uow.catalog.by_sku(ln.sku)
            if product is not None:  # the sale's own movement takes the goods out of stock
                uow.stock.add_movement(product.id, qty, RELEASE, row.order_id)
        target = state.hand_over(given)
        row.sale_id, row.payment_ticket_id, row.pending_handover = ctx.sale_id, None, None
        uow.audit.add(pk.till_key, "pickup.paid", ctx.cashier_id, ref_id=row.order_id,
                      details={"order_no": row.order_no, "receipt_no": ctx.receipt_no})
        reason = f"paid at the store, receipt {ctx.receipt_no}"
        if can_transition(state.status, target):
            pk.handed_over(uow, row, state, target, ctx.cashier_id, reason)
        else:  # cancelled online while the customer paid: the platform will answer a conflict
            log.warning("order %s paid at the till while %s", row.order_no, row.status)
            uow.pickup.save_state(row, state)
            pk.event(uow, row, state, target.value, ctx.cashier_id, f"paid, receipt {ctx.receipt_no}",
                     with_lines=True)


def _match_payment(code: str) -> str | None:
    m = _PAY.match(code)
    return m.group(1) if m else None


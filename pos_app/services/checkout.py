"""The cashier's use cases: ring up, change, hold, pay and complete a ticket.

Every change to the open ticket is saved before the call returns, so a crash loses nothing the
cashier entered; after a restart `current()` gives the same ticket back. Items rung up before Total
are appended to the ticket's journal without an fsync (see `pos_app/store/db.py`): a power cut may
take back the last of them, never a payment or a sale (those, and everything else, are synced). Completing is
one transaction (sale, lines, tenders, stock movements, audit entry, outbox event, print job) with
the receipt number taken inside it, so numbers have no gaps and a sale is never half written.

Over 500 lines because each cashier action is a short unit of work around the ticket and the
extension points need one owner; the sale records and receipts are in their own modules.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pos_app.config import Config
from pos_app.domain.barcode import BarcodeClassifier, GtinCode, RegisteredCode, VariableMeasureCode
from pos_app.domain.errors import PosError
from pos_app.domain.money import CashRounding, from_minor, parse_amount, to_decimal
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.promotions import CartLine
from pos_app.domain.receipt_numbers import format_receipt_number
from pos_app.domain.tax import TaxMode
from pos_app.domain.tenders import TenderKindRegistry
from pos_app.domain.text import clean_line, fit_line
from pos_app.domain.ticket import Discount, Pricer, Ticket, TicketConfig, TicketSnapshot
from pos_app.services.auth import ApprovalRequired as ApprovalRequired  # re-exported: callers import it here
from pos_app.services.auth import StaffSession, authorize, require_session
from pos_app.services.sale_records import SaleContext, build_rows, sale_event
from pos_app.store.records import ProductRecord
from pos_app.store.uow import Database, UnitOfWork

log = logging.getLogger(__name__)

#: Journal entries of the open ticket before it is saved whole again, at the least (see
#: `_save_open`); the appends past it commit with an fsync every that many entries.
JOURNAL_LIMIT = 100


class ProductNotFound(PosError):
    code = "catalog.not_found"
    template = "No product has the code {code}."


class ProductInactive(PosError):
    code = "catalog.inactive"
    template = "{name} is no longer sold."


class NotLoggedIn(PosError):
    code = "auth.no_user"
    template = "Log in first."


class HoldWithPayments(PosError):
    code = "ticket.hold_with_payments"
    template = "A ticket with payments cannot be held; remove the payments first."


class HeldTicketNotFound(PosError):
    code = "ticket.held_not_found"
    template = "That held ticket is no longer there."


class CodeNotForSale(PosError):
    code = "scan.not_for_sale"
    template = "Code {code} is a {kind}, not an item."


class NothingToUndo(PosError):
    code = "ticket.nothing_to_undo"
    template = "There is nothing to undo on this ticket."


class UndoWithPayments(PosError):
    code = "ticket.undo_with_payments"
    template = "The ticket has payments; remove them before undoing a change."


class SaleAlreadyCompleted(PosError):
    code = "ticket.already_completed"
    template = "This ticket was already completed as receipt {receipt_no}."


@dataclass(frozen=True)
class HeldTicket:
    ticket_id: str
    label: str
    held_at: datetime
    item_count: int
    total: Decimal


@dataclass(frozen=True)
class CompletedSale:
    sale_id: str
    receipt_no: str
    snapshot: TicketSnapshot
    change: Decimal
    opens_drawer: bool


#: Called inside the completing transaction (e.g. to queue the receipt print job).
CompleteHook = Callable[[UnitOfWork, SaleContext, TicketSnapshot], object]  # what it returns is not used
#: Called inside the completing transaction before the sale row is written (it is immutable then):
#: returns fields of `SaleContext` that link the sale to something, e.g. {"pickup_order_id": ...}.
#: Values are str or int (the member's balances after the sale), as the field's type says.
SaleLink = Callable[[UnitOfWork, TicketSnapshot], dict[str, Any]]
#: Called after the sale is committed (e.g. to kick the drawer, wake the sync worker).
AfterCompleteHook = Callable[[CompletedSale], None]
#: Called with the new ticket after every change the cashier makes (e.g. the customer display).
AfterChangeHook = Callable[[TicketSnapshot], None]
#: Refuses an action on the ticket ("complete", "hold", "recall", "void_line", "remove_tender") by
#: raising, e.g. while a wallet payment for it waits for an answer; gets the action's target id.
TicketGuard = Callable[[str, TicketSnapshot, Any], None]
#: Handles a registered code kind scanned on the sale screen; may change the ticket. It runs in
#: the scan's transaction (`uow`), which also saves the ticket.
CodeHandler = Callable[[UnitOfWork, Ticket, RegisteredCode], None]


def config_classifier(config: Config) -> BarcodeClassifier:
    """The code classifier with the store's variable-measure label layouts from the config."""
    return BarcodeClassifier(layouts=tuple(layout.to_domain() for layout in config.barcode_layouts))


class CheckoutService:
    def __init__(self, db: Database, config: Config, till_key: str, *,
                 classifier: BarcodeClassifier | None = None,
                 tender_kinds: TenderKindRegistry | None = None,
                 clock: Callable[[], datetime] | None = None,
                 business_date: Callable[[], date] | None = None,
                 shift_id: Callable[[], str | None] | None = None):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.classifier = classifier or config_classifier(config)
        self.tender_kinds = tender_kinds or TenderKindRegistry()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.business_date = business_date or (lambda: datetime.now().astimezone().date())
        #: Raises when the till may not sell now (the shift service: no open shift); checked in the
        #: transaction that looks each item up, so the cashier hears it before ringing up a basket.
        self.sale_guard: Callable[[UnitOfWork], None] = lambda uow: None
        self.shift_id = shift_id or (lambda: None)  # the shift service's guard: raises with no open shift
        self.ticket_config = TicketConfig(
            currency=config.currency,
            tax_mode=TaxMode.INCLUSIVE if config.prices_include_tax else TaxMode.EXCLUSIVE,
            cash_rounding=CashRounding(config.cash_rounding),
            max_quantity=Decimal(config.max_quantity),
        )
        self.max_amount = from_minor(config.max_amount_fen, config.currency)
        self.on_complete: list[CompleteHook] = []
        self.sale_links: list[SaleLink] = []
        self.after_complete: list[AfterCompleteHook] = []
        self.after_change: list[AfterChangeHook] = []
        self.code_handlers: dict[str, CodeHandler] = {}
        self.ticket_guards: list[TicketGuard] = []
        #: The promotions pricer for the open ticket, read in each change's transaction (the
        #: promotions service; none by default).
        self.pricing: Callable[[UnitOfWork], Pricer | None] = lambda uow: None
        self.user: StaffSession | None = None
        self._ticket: Ticket | None = None
        self._last: CompletedSale | None = None
        #: (ticket id, state before, action) of the last line action, for `undo` (Ctrl+Z).
        self._undo: tuple[str, tuple[Any, ...], str] | None = None
        self._journaled = 0  # entries in the open ticket's journal since its last whole save
        self._fold_at = 0  # the journal's length that makes the next save whole (see _save_open)

    # -- session ----------------------------------------------------------------------------
    def set_user(self, session: StaffSession | None) -> None:
        self.user = None if session is None else require_session(session)

    def _require_user(self) -> StaffSession:
        if self.user is None:
            raise NotLoggedIn()
        return self.user

    # -- the open ticket ------------------------------------------------------------------------
    def _load(self) -> Ticket:
        if self._ticket is None:
            with self.db.uow(read_only=True) as uow:
                row = uow.tickets.open_for(self.till_key)
                data = json.loads(uow.tickets.data(row)) if row else None
                self._ticket = (Ticket.from_dict(data, self.tender_kinds) if data
                                else Ticket(self.ticket_config, self.tender_kinds))
                self._ticket.set_pricer(self.pricing(uow), estimates=True)
        return self._ticket

    def _change(self, action: Callable[[Ticket], object], audit: tuple[str, dict[str, Any]] | None = None,
                approval: ManagerApproval | None = None, undoable: str | None = None,
                item_edit: bool = False) -> TicketSnapshot:
        """Apply `action` and save the ticket in one transaction; on any failure nothing changes."""
        return self._change_in(lambda _uow, ticket: action(ticket), audit, approval, undoable, item_edit)

    def _change_in(self, step: Callable[[UnitOfWork, Ticket], object],
                   audit: tuple[str, dict[str, Any]] | None = None,
                   approval: ManagerApproval | None = None, undoable: str | None = None,
                   item_edit: bool = False) -> TicketSnapshot:
        """`_change` for steps that read too (the scanned product, the shift): reading, changing
        and saving are one transaction, which keeps a scan to one round of BEGIN and commit.
        ``item_edit``: the step only adds items or changes a quantity (it writes no row of its
        own); saved as a journal entry, it commits without an fsync (see the module docstring)."""
        user = self._require_user()
        ticket = self._load()
        before = ticket.memento()
        entries = self._journaled  # an append past each JOURNAL_LIMIT entries is durable: see _save_open
        durable = not (item_edit and self._appends(ticket)) or (entries > 0 and entries % JOURNAL_LIMIT == 0)
        try:
            with self.db.uow(durable=durable) as uow:
                ticket.set_pricer(self.pricing(uow), estimates=True)
                step(uow, ticket)
                journaled = self._save_open(uow, ticket, user.user_id)
                if audit:
                    uow.audit.add(self.till_key, audit[0], user.user_id, ref_id=ticket.ticket_id,
                                  approver_id=approval.approver_id if approval else None,
                                  details={**audit[1], **({"reason": approval.reason} if approval else {})})
                uow.commit()
        except BaseException:
            ticket.restore(before)
            raise
        ticket.mark_saved()
        if journaled is None:
            self._fold_at = max(JOURNAL_LIMIT, len(ticket.snapshot().lines))
        self._journaled = journaled or 0
        if undoable is not None:
            self._undo = (ticket.ticket_id, before, undoable)
        return self._changed(ticket.snapshot())

    def _save_open(self, uow: UnitOfWork, ticket: Ticket, user_id: str) -> int | None:
        """Save the open ticket in the change's transaction: the change alone appended to its
        journal (a scan costs what it changed, not the ticket's length), or the whole ticket,
        which folds the journal in: the first save, once Total is pressed or a payment is on (the
        ticket then stays as the sale will be written), and when the journal is as long as the
        ticket's lines were at its last whole save, `JOURNAL_LIMIT` at the least. So a fold,
        which writes every line, comes once per that many changes: O(1) lines per change on
        average whatever the ticket's length (a 1,000-line ticket folds every 1,000 changes, not
        every 100), and reopening replays at most as many entries as the ticket has lines.
        Durability is kept as it was with a fold every `JOURNAL_LIMIT` entries: an append that
        takes the journal past a multiple of it commits with an fsync (see `_change_in`), so a
        power cut takes back at most `JOURNAL_LIMIT` items rung up (db.py). Returns the
        journal's length after it, None when the ticket was saved whole."""
        entry = ticket.journal_entry() if self._appends(ticket) else None
        if entry is None:
            uow.tickets.save(ticket.ticket_id, self.till_key, user_id, "open", ticket.to_json())
            return None
        if entry:
            uow.tickets.append(ticket.ticket_id, entry)
            return self._journaled + 1
        return self._journaled

    def _appends(self, ticket: Ticket) -> bool:
        """The ticket's next save may be a journal entry (see `_save_open`): it was saved whole
        before, its journal is shorter than the fold's length, and it is neither totalled nor
        paid."""
        return (ticket.saved and self._journaled < self._fold_at and not ticket.totalled
                and not ticket.snapshot().tenders)

    def _changed(self, snap: TicketSnapshot) -> TicketSnapshot:
        for hook in self.after_change:
            try:
                hook(snap)
            except Exception:  # the change is saved; a follow-up (display) must not fail the scan
                log.exception("after-change hook failed")
        return snap

    def current(self) -> TicketSnapshot:
        return self._load().snapshot()

    def _guard(self, action: str, target: Any = None) -> None:
        if self.ticket_guards:
            snap = self._load().snapshot()
            for guard in self.ticket_guards:
                guard(action, snap, target)

    def change_with(self, step: Callable[[UnitOfWork, Ticket], None],
                    audit: tuple[str, dict[str, Any]] | None = None) -> TicketSnapshot:
        """Extension point: a feature changes the open ticket and writes its own rows (e.g. a paid
        wallet payment and its tender) in the one transaction that saves the ticket."""
        return self._change_in(step, audit)

    def promotion_lines(self) -> list[CartLine]:
        """The open ticket's lines as the promotion engine sees them."""
        return self._load().promotion_lines()

    # -- items ----------------------------------------------------------------------------------
    def scan(self, code: str) -> TicketSnapshot:
        """A scanned or typed code: an item (GTIN, scale label) or a registered kind."""
        self._require_user()
        result = self.classifier.classify(code, context="sale")
        if isinstance(result, RegisteredCode):
            handler = self.code_handlers.get(result.kind)
            if handler is None:
                raise CodeNotForSale(code=result.value, kind=result.kind)
            return self._sell(lambda uow, ticket: handler(uow, ticket, result), item_edit=False)

        def item(uow: UnitOfWork, ticket: Ticket) -> None:
            if isinstance(result, GtinCode):
                product = uow.catalog.by_code(result.scanned)
            else:
                product = uow.catalog.by_plu(result.plu)
            if product is None:
                raise ProductNotFound(code=result.scanned)
            self._add(ticket, product, result)

        return self._sell(item)

    def add_product(self, sku: str, quantity: str | Decimal | None = None) -> TicketSnapshot:
        """From the search dialog; weighed items need `quantity` (kg)."""
        self._require_user()

        def item(uow: UnitOfWork, ticket: Ticket) -> None:
            product = uow.catalog.by_sku(sku)
            if product is None:
                raise ProductNotFound(code=sku)
            self._add(ticket, product, None, quantity)

        return self._sell(item)

    def _sell(self, step: Callable[[UnitOfWork, Ticket], None], item_edit: bool = True) -> TicketSnapshot:
        """`_change_in` for a step that puts goods on the ticket: only while the till may sell.
        A registered code kind's handler (``item_edit=False``) may write rows of its own."""

        def guarded(uow: UnitOfWork, ticket: Ticket) -> None:
            self.sale_guard(uow)
            step(uow, ticket)

        return self._change_in(guarded, undoable="add", item_edit=item_edit)

    def _add(self, ticket: Ticket, p: ProductRecord, scanned: GtinCode | VariableMeasureCode | None,
             quantity: str | Decimal | None = None) -> None:
        if not p.active:
            raise ProductInactive(name=p.name)
        ref = p.ticket_ref()
        price = from_minor(p.price_fen, self.config.currency)
        if isinstance(scanned, VariableMeasureCode):
            qty = scanned.weight_kg if p.sold_by_weight else None
            ticket.add_item(ref, price, qty, label_price=scanned.price)
        elif not self._add_one_more(ticket, ref.sku, quantity):
            ticket.add_item(ref, price, quantity)

    def _add_one_more(self, ticket: Ticket, sku: str, quantity: str | Decimal | None) -> bool:
        """A repeat scan of a packaged item: one more on its line (the last live line of that SKU
        that the cashier did not re-price or discount). Weighed and labelled items never merge."""
        if not self.config.merge_repeat_scans or quantity is not None:
            return False
        line = ticket.repeat_line(sku)  # kept with the lines: a scan does not walk the ticket
        if line is None:
            return False
        ticket.set_quantity(line.line_id, line.quantity + 1)
        return True

    def set_quantity(self, line_id: int, quantity: str | Decimal) -> TicketSnapshot:
        return self._change(lambda t: t.set_quantity(line_id, quantity), undoable="quantity", item_edit=True)

    def void_line(self, line_id: int, approval: ManagerApproval | None = None) -> TicketSnapshot:
        self._guard("void_line", line_id)
        ticket = self._load()
        approval = self._check(Permission.VOID_AFTER_TOTAL, approval) if ticket.totalled else None
        return self._change(lambda t: t.void_line(line_id), ("line.void", {"line_id": line_id}), approval,
                            undoable="void")

    def void_ticket(self, approval: ManagerApproval | None = None) -> TicketSnapshot:
        """Void every live line of the open ticket in one unit of work (e.g. at the shift's close):
        all of them or, on any refusal, none. A totalled ticket needs the void-after-total approval."""
        self._guard("void_line")
        ticket = self._load()
        approval = self._check(Permission.VOID_AFTER_TOTAL, approval) if ticket.totalled else None
        live = [line.line_id for line in ticket.snapshot().lines if not line.voided]

        def void_all(t: Ticket) -> None:
            for line_id in live:
                t.void_line(line_id)

        return self._change(void_all, ("ticket.void", {"line_ids": live}), approval)

    def override_price(self, line_id: int, price: str, reason: str,
                       approval: ManagerApproval | None = None) -> TicketSnapshot:
        value = parse_amount(price, self.config.currency, maximum=self.max_amount)
        approval = self._check(Permission.PRICE_OVERRIDE, approval)
        line = next((ln for ln in self.current().lines if ln.line_id == line_id), None)
        old = str(line.unit_price) if line else None
        reason = clean_line(reason, "reason")  # the audit keeps the reason the line keeps
        return self._change(lambda t: t.override_price(line_id, value, reason),
                            ("price.override", {"line_id": line_id, "from": old, "to": str(value),
                                                "why": reason}), approval, undoable="price")

    def set_ticket_discount(self, text: str | None, approval: ManagerApproval | None = None) -> TicketSnapshot:
        """`"10%"` or an amount like `"5.00"`; above the configured limit needs a manager."""
        if not text:
            return self._change(lambda t: t.set_ticket_discount(None), ("discount.cleared", {}))
        text = text.strip()
        if text.endswith("%"):
            discount = Discount.percent(to_decimal(text[:-1].strip() or "x"))
            percent = discount.value
        else:
            discount = Discount.amount(parse_amount(text, self.config.currency, maximum=self.max_amount))
            subtotal = self.current().subtotal
            percent = discount.value * 100 / subtotal if subtotal else Decimal(100)
        approval = (self._check(Permission.DISCOUNT_ABOVE_LIMIT, approval)
                    if percent > self.config.ticket_discount_limit_percent else None)
        return self._change(lambda t: t.set_ticket_discount(discount),
                            ("discount.ticket", {"value": text}), approval, undoable="discount")

    def undo(self, approval: ManagerApproval | None = None) -> TicketSnapshot:
        """Ctrl+Z: the ticket as it was before the last line action (add, quantity, void, price,
        discount); one step, audited. Refused once payments are on; after Total, taking an item
        off is a void after total and needs that permission."""
        ticket = self._load()
        if self._undo is None or self._undo[0] != ticket.ticket_id:
            raise NothingToUndo()
        if ticket.snapshot().tenders:
            raise UndoWithPayments()
        approval = self._check(Permission.VOID_AFTER_TOTAL, approval) if ticket.totalled else None
        _, before, action = self._undo
        snap = self._change(lambda t: t.restore(before), ("ticket.undo", {"action": action}), approval)
        self._undo = None
        return snap

    def _check(self, permission: Permission, approval: ManagerApproval | None) -> ManagerApproval | None:
        """The approval to record (verified: issued by AuthService), or None when the user may."""
        return authorize(self._require_user(), permission, approval)

    # -- hold and recall ------------------------------------------------------------------------
    def hold(self, label: str = "") -> TicketSnapshot:
        """Park the ticket (it survives restarts) and start a new one."""
        user = self._require_user()
        self._guard("hold")
        ticket = self._load()
        snap = ticket.snapshot()
        if snap.tenders:
            raise HoldWithPayments()
        if not any(not ln.voided for ln in snap.lines):
            return snap
        with self.db.uow() as uow:
            uow.tickets.save(ticket.ticket_id, self.till_key, user.user_id, "held",
                             ticket.to_json(), label=fit_line(label, 64))
            uow.audit.add(self.till_key, "ticket.held", user.user_id, ref_id=ticket.ticket_id)
            uow.commit()
        self._ticket = Ticket(self.ticket_config, self.tender_kinds)
        return self._changed(self._ticket.snapshot())

    def held(self) -> list[HeldTicket]:
        with self.db.uow(read_only=True) as uow:
            rows = uow.tickets.held(self.till_key)
            out = []
            for row in rows:
                snap = Ticket.from_dict(json.loads(uow.tickets.data(row)), self.tender_kinds).snapshot()
                out.append(HeldTicket(row.id, row.label, row.updated_at, snap.item_count, snap.total))
            return out

    def recall(self, ticket_id: str) -> TicketSnapshot:
        """Bring a held ticket back; a non-empty current ticket is held in its place."""
        user = self._require_user()
        self._guard("recall", ticket_id)
        current = self._load()
        cur = current.snapshot()
        if cur.tenders:
            raise HoldWithPayments()
        with self.db.uow() as uow:
            row = uow.tickets.get(ticket_id)
            if row is None or row.status != "held":
                raise HeldTicketNotFound()
            data = uow.tickets.data(row)
            recalled = Ticket.from_dict(json.loads(data), self.tender_kinds)
            recalled.set_pricer(self.pricing(uow), estimates=True)
            if any(not ln.voided for ln in cur.lines):
                uow.tickets.save(current.ticket_id, self.till_key, user.user_id, "held",
                                 current.to_json())
            else:
                uow.tickets.delete(current.ticket_id)
            uow.tickets.save(ticket_id, self.till_key, user.user_id, "open", data, label=row.label)
            uow.audit.add(self.till_key, "ticket.recalled", user.user_id, ref_id=ticket_id)
            uow.commit()
        self._ticket = recalled
        return self._changed(recalled.snapshot())

    # -- payment --------------------------------------------------------------------------------
    def total(self) -> TicketSnapshot:
        """The cashier pressed Pay: later voids need `void_after_total`."""
        return self._change(lambda t: t.mark_totalled())

    def add_tender(self, kind: str, amount: str, reference: str | None = None) -> TicketSnapshot:
        value = parse_amount(amount, self.config.currency, maximum=self.max_amount)
        return self._change(lambda t: t.add_tender(kind, value, reference),
                            ("tender.added", {"kind": kind, "amount": str(value)}))

    def remove_tender(self, tender_id: int) -> TicketSnapshot:
        self._guard("remove_tender", tender_id)
        return self._change(lambda t: t.remove_tender(tender_id), ("tender.removed", {"tender_id": tender_id}))

    def complete(self, ticket_id: str | None = None) -> CompletedSale:
        """Write the sale; calling again for the same ticket returns the same sale (double click)."""
        user = self._require_user()
        ticket = self._load()
        if ticket_id and ticket_id != ticket.ticket_id:
            done = self._already_completed(ticket_id)
            if done:
                return done
        self._guard("complete")
        work = Ticket.from_dict(ticket.to_dict(), self.tender_kinds)
        work.set_pricer(ticket.pricer)
        work.complete()
        snap = work.snapshot()
        now = self.clock()
        with self.db.uow() as uow:
            seq = uow.tills.next_receipt_seq(self.till_key)
            links: dict[str, Any] = {}  # keyword arguments of SaleContext, of several field types
            for link in self.sale_links:
                links.update(link(uow, snap))
            ctx = SaleContext(
                sale_id=uuid.uuid4().hex,
                receipt_no=format_receipt_number(self.config.store_id, self.config.till_id, seq),
                store_id=self.config.store_id, till_id=self.config.till_id, till_key=self.till_key, seq=seq,
                business_date=self.business_date(), completed_at=now, cashier_id=user.user_id,
                shift_id=self.shift_id(), **links,
            )
            product_ids = {}
            movements = []
            for ln in snap.lines:
                if ln.voided:
                    continue
                product = uow.catalog.by_sku(ln.sku)
                if product is None:
                    continue
                product_ids[ln.sku] = product.id
                mid = uow.stock.add_movement(product.id, -ln.quantity, "sale", ctx.sale_id)
                movements.append((mid, ln.sku, str(-ln.quantity)))
            sale, lines, tenders = build_rows(ctx, snap, product_ids)
            uow.sales.add(sale, lines, tenders)
            uow.audit.add(self.till_key, "sale.completed", user.user_id, ref_id=ctx.receipt_no,
                          details={"total_fen": sale.total_fen, "lines": len(lines)})
            uow.outbox.add("sale", ctx.sale_id, sale_event(ctx, snap, movements))
            for hook in self.on_complete:
                hook(uow, ctx, snap)
            uow.tickets.delete(ticket.ticket_id)
            uow.commit()
        done = CompletedSale(ctx.sale_id, ctx.receipt_no, snap, snap.change,
                             any(self.tender_kinds.get(t.kind).opens_drawer for t in snap.tenders))
        self._ticket = Ticket(self.ticket_config, self.tender_kinds)
        self._last = done
        for after in self.after_complete:
            try:
                after(done)
            except Exception:  # the sale is committed; a failing follow-up must not undo the UI state
                log.exception("after-complete hook failed for %s", done.receipt_no)
        return done

    def _already_completed(self, ticket_id: str) -> CompletedSale | None:
        if self._last is not None and self._last.snapshot.ticket_id == ticket_id:
            return self._last
        with self.db.uow(read_only=True) as uow:
            sale = uow.sales.by_ticket(ticket_id)
        if sale is None:
            return None
        raise SaleAlreadyCompleted(receipt_no=sale.receipt_no)



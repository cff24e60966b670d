"""The open ticket: a mutable aggregate of lines, discounts and payments with a frozen snapshot.

Rules kept here (services add permissions and persistence around them):

* Every change is validated against the whole ticket before it is applied: a refused change
  raises a PosError and leaves the ticket exactly as it was.
* Line amount = quantity x unit price, rounded half-up to the fen (or the scale label's printed
  price). Line discount applies to that; the ticket discount applies to the sum of lines after
  their discounts and is allocated to the lines pro rata (largest remainder) for tax.
* Voided lines stay on the ticket (for the audit trail and the receipt) but count as nothing.
* Once a payment is recorded the items are locked: remove the payments to change them.
* Cash rounding applies only to the part settled in cash (see :meth:`Ticket.add_tender`).

The frozen value types (lines, snapshots) are in ``ticket_values``, the per-line cache, line
snapshots and promotion shares in ``ticket_pricing``, the JSON codec in ``ticket_codec``; the
names importers use are re-exported here (``__all__``). Every change to the lines is a new list and
is recorded with the index it changed (:meth:`Ticket.changed_since`), so the running totals, the
journal entry and the repeat-scan index (:meth:`Ticket.repeat_line`) cost what changed, not the
ticket's length (issue 15).

Over 500 lines because the ticket's invariants hold across lines, discounts and tenders at once
(every change is checked against the whole ticket); the values, pricing cache and codec are
already out.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import (
    CouponAlreadyOnTicket,
    EmptyTicket,
    InvalidAmount,
    InvalidQuantity,
    InvalidTenderAmount,
    InvalidTicketData,
    LineNotFound,
    LineVoided,
    NegativePrice,
    NonCashOverpay,
    OverrideReasonRequired,
    PosError,
    QuantityNotPositive,
    QuantityNotWhole,
    QuantityTooLarge,
    QuantityTooPrecise,
    ReferenceRequired,
    TenderNotFound,
    TicketAlreadyPaid,
    TicketLockedByTenders,
    TicketNotOpen,
    TicketNotPaid,
    WeightRequired,
)
from .money import (
    ZERO,
    CashRounding,
    allocate,
    decimal_places,
    from_minor,
    money,
    quantum,
    to_decimal,
)
from .promotions import CartLine, CouponTerms
from .tax import TaxMode, compute_tax
from .tenders import Tender, TenderKindRegistry
from .text import clean_line
from .ticket_codec import (
    DATA_VERSION,
    discount_from_dict,
    discount_to_dict,
    journal_entry,
    line_from_dict,
    line_json,
    line_to_dict,
    tender_from_dict,
    tender_to_dict,
    ticket_json,
)
from .ticket_pricing import (
    LineCache,
    Pricer,
    estimated_tax,
    line_promotions,
    line_snapshot,
    promotable,
    unspread_fen,
)
from .ticket_running import RunningTotals, SkuIndex, changed_by_walk
from .ticket_values import (
    Discount,
    DiscountKind,
    Line,
    LineSnapshot,
    ProductRef,
    PromotionShare,
    TicketConfig,
    TicketSnapshot,
    TicketStatus,
)

#: The ticket's names importers use (the value types live in ticket_values, re-exported here).
__all__ = [
    "Discount",
    "DiscountKind",
    "Line",
    "LineSnapshot",
    "Pricer",
    "ProductRef",
    "PromotionShare",
    "Ticket",
    "TicketConfig",
    "TicketSnapshot",
    "TicketStatus",
]

MAX_REFERENCE_LENGTH = 64
WEIGHT_STEP = Decimal("0.001")
#: Recent line edits the ticket keeps (see `Ticket.changed_since`): more than one change makes.
MAX_EDITS = 16




# --- the aggregate -----------------------------------------------------------------------------


class Ticket:
    def __init__(
        self,
        config: TicketConfig | None = None,
        tender_kinds: TenderKindRegistry | None = None,
        ticket_id: str | None = None,
    ) -> None:
        self.config = config or TicketConfig()
        self.tender_kinds = tender_kinds or TenderKindRegistry()
        self.ticket_id = ticket_id or uuid.uuid4().hex
        self._status = TicketStatus.OPEN
        self._totalled = False
        self._lines: list[Line] = []
        self._memo: tuple[list[Line], tuple[Any, ...], TicketSnapshot] | None = None
        # Per line id, what the line object last gave (see LineCache and _cached).
        self._line_cache: dict[int, LineCache] = {}
        self._tenders: list[Tender] = []
        self._discount: Discount | None = None
        self._next_line_id = 1
        self._next_tender_id = 1
        #: Promotions (see `Pricer`); None: no promotions. Set by the service, never serialised.
        self.pricer: Pricer | None = None
        self._estimates = False  # see set_pricer
        self._coupons: tuple[CouponTerms, ...] = ()
        self._no_promotions: str | None = None  # see take_no_promotions
        #: (lines, head text) as last saved, for journal_entry; None: never saved whole.
        self._saved: tuple[list[Line], str] | None = None
        self._running: RunningTotals | None = None  # the estimate's sums, see _running_totals
        #: (lines before, lines after, indices changed or added) of the recent edits, oldest first.
        self._edits: list[tuple[list[Line], list[Line], tuple[int, ...]]] = []
        self._head: tuple[tuple[Any, ...], tuple[Any, ...], str] | None = None  # see _head_text
        self._repeats = SkuIndex()  # see repeat_line

    def set_pricer(self, pricer: Pricer | None, *, estimates: bool = False) -> None:
        """``estimates``: while the ticket is open, not totalled and unpaid, the order and coupon
        discounts are one amount off the total, spread over the lines (and their tax) only at Total
        or the first payment: a scan then costs what it changes, not the whole ticket. The amount
        to pay is the same either way (the spread only divides it)."""
        if pricer is not self.pricer or estimates != self._estimates:
            self.pricer = pricer
            self._estimates = estimates
            self._memo = None

    @property
    def status(self) -> TicketStatus:
        return self._status

    @property
    def totalled(self) -> bool:
        return self._totalled

    # -- items ---------------------------------------------------------------------------------

    def add_item(
        self,
        product: ProductRef,
        unit_price: Decimal | int | str,
        quantity: Decimal | int | str | None = None,
        *,
        label_price: Decimal | int | str | None = None,
    ) -> int:
        """Add a line and return its id. Weighed products need ``quantity`` (kg) unless a scale
        label gives ``label_price``; a price-only label becomes one labelled pack."""
        self._require_editable()
        price = self._price(unit_price)
        label = None if label_price is None else self._price(label_price)
        by_weight = product.sold_by_weight
        if quantity is None and label is not None:
            by_weight, price = False, label
        if quantity is None and by_weight:
            raise WeightRequired(sku=product.sku)
        qty = Decimal(1) if quantity is None else self._quantity(quantity, by_weight, product.sku)
        line = Line(
            line_id=self._next_line_id,
            product=product,
            quantity=qty,
            unit=product.unit if by_weight == product.sold_by_weight else "pcs",
            by_weight=by_weight,
            unit_price=price,
            original_price=price,
            label_price=label,
        )
        self._commit_lines([*self._lines, line], len(self._lines))
        self._next_line_id += 1
        self._totalled = False
        return line.line_id

    def set_quantity(self, line_id: int, quantity: Decimal | int | str) -> None:
        """Change a line's quantity; a scale-label line is then repriced from its unit price."""
        line = self._live_line(line_id)
        qty = self._quantity(quantity, line.by_weight, line.product.sku)
        self._replace_line(replace(line, quantity=qty, label_price=None))

    def override_price(self, line_id: int, unit_price: Decimal | int | str, reason: str) -> None:
        line = self._live_line(line_id)
        reason = clean_line(reason, "reason")
        if not reason:
            raise OverrideReasonRequired()
        price = self._price(unit_price)
        self._replace_line(replace(line, unit_price=price, override_reason=reason, label_price=None))

    def set_line_discount(self, line_id: int, discount: Discount | None) -> None:
        line = self._live_line(line_id)
        self._replace_line(replace(line, discount=discount))

    def void_line(self, line_id: int) -> None:
        line = self._live_line(line_id)
        self._replace_line(replace(line, voided=True))

    def set_ticket_discount(self, discount: Discount | None) -> None:
        self._require_editable()
        self._compute(self._lines, discount)
        self._discount = discount

    @property
    def coupons(self) -> tuple[CouponTerms, ...]:
        return self._coupons

    def add_coupon(self, coupon: CouponTerms) -> None:
        """Present a coupon; the engine applies it when it is part of the cheapest combination."""
        self._require_editable()
        if any(c.code == coupon.code for c in self._coupons):
            raise CouponAlreadyOnTicket(code=coupon.code)
        self._coupons = (*self._coupons, coupon)

    def take_no_promotions(self, reason: str) -> None:
        """The lines are priced elsewhere, discounts included (a pickup order paid at the store
        carries the online order's prices): no till promotion or coupon on top of them."""
        self._no_promotions = reason
        self._memo = None

    def mark_totalled(self) -> None:
        """The cashier pressed Total: later voids need ``void_after_total``; a new item clears it."""
        self._require_open()
        if not self._has_live_lines():
            raise EmptyTicket()
        self._totalled = True

    # -- payments ------------------------------------------------------------------------------

    def add_tender(self, kind: str, amount: Decimal | int | str, reference: str | None = None) -> Tender:
        """Record a payment of ``amount`` handed over.

        Cash that covers ``cash_due`` settles the ticket: the difference between the remaining
        amount and ``cash_due`` is recorded as this tender's rounding, the rest is change. Less
        cash is a partial payment, not rounded. Non-cash kinds may not exceed what remains unless
        the kind allows change.
        """
        self._require_open()
        tender_kind = self.tender_kinds.get(kind)
        if not self._has_live_lines():
            raise EmptyTicket()
        totals = self._compute(self._lines, self._discount)
        if totals.is_paid:
            raise TicketAlreadyPaid(ticket_id=self.ticket_id)
        value = to_decimal(amount)
        if value < 0:
            raise InvalidTenderAmount(value=value)
        tendered = money(value, self.config.currency)
        ref = clean_line(reference, "reference")  # a scanned slip's GS or a pasted tab: gone
        if (tender_kind.needs_reference and not ref) or len(ref) > MAX_REFERENCE_LENGTH:
            raise ReferenceRequired(kind=tender_kind.name)
        remaining = totals.remaining
        zero = ZERO.quantize(quantum(self.config.currency))
        rounding = change = zero
        if tender_kind.is_cash and tendered >= totals.cash_due:
            applied = totals.cash_due
            rounding = totals.cash_due - remaining
            change = tendered - applied
        elif tendered == 0:
            raise InvalidTenderAmount(value=tendered)
        elif tendered > remaining:
            if not tender_kind.allows_change:
                raise NonCashOverpay(kind=tender_kind.name, value=tendered, remaining=remaining)
            applied, change = remaining, tendered - remaining
        else:
            applied = tendered
        tender = Tender(
            self._next_tender_id, tender_kind.code, applied, tendered, change, rounding, ref or None
        )
        self._tenders.append(tender)
        self._next_tender_id += 1
        return tender

    def remove_tender(self, tender_id: int) -> None:
        self._require_open()
        for index, tender in enumerate(self._tenders):
            if tender.tender_id == tender_id:
                del self._tenders[index]
                return
        raise TenderNotFound(tender_id=tender_id)

    # -- lifecycle -----------------------------------------------------------------------------

    def complete(self) -> None:
        self._require_open()
        totals = self._compute(self._lines, self._discount)
        if not totals.is_paid:
            raise TicketNotPaid(ticket_id=self.ticket_id, remaining=totals.remaining)
        self._status = TicketStatus.COMPLETED

    def cancel(self) -> None:
        """Abandon the sale; payments must be removed (refunded) first."""
        self._require_editable()
        self._status = TicketStatus.CANCELLED

    # -- undo --------------------------------------------------------------------------------

    def memento(self) -> tuple[Any, ...]:
        """The state as it is now, for :meth:`restore` if saving a change fails. Cheap: line lists
        are never changed in place, so keeping the list is enough."""
        return (self._lines, list(self._tenders), self._discount, self._status, self._totalled,
                self._next_line_id, self._next_tender_id, self._coupons, self._no_promotions)

    def restore(self, memento: tuple[Any, ...]) -> None:
        (self._lines, tenders, self._discount, self._status, self._totalled,
         self._next_line_id, self._next_tender_id, self._coupons, self._no_promotions) = memento
        self._tenders = list(tenders)

    # -- reading -------------------------------------------------------------------------------

    def snapshot(self) -> TicketSnapshot:
        return self._compute(self._lines, self._discount)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe state (Decimals as strings) for persisting the open ticket after each change."""
        return {**self._head_dict(), "lines": [line_to_dict(line) for line in self._lines]}

    def to_json(self) -> str:
        """`json.dumps(self.to_dict())`, reusing the text of lines that did not change."""
        parts = []
        for line in self._lines:
            cached = self._cached(line)
            if cached.json is None:
                cached.json = line_json(line)
            parts.append(cached.json)
        return ticket_json(self._head_text(), parts)

    def journal_entry(self) -> str | None:
        """What changed since the last save (:meth:`mark_saved`) as one journal entry's text
        (`ticket_codec.journal_entry`), "" when nothing did, None when only a whole save
        (:meth:`to_json`) will do: never saved, or a line was taken off (undo). Costs the lines
        that changed (found from the recent edits, else by one identity check per line)."""
        if self._saved is None:
            return None
        old, old_head = self._saved
        lines = self._lines
        if len(lines) < len(old):
            return None
        changed = self.changed_since(old, lines)
        if changed is None:
            changed = changed_by_walk(old, lines)
            if changed is None:
                return None
        texts = []
        for index in sorted(changed):
            cached = self._cached(lines[index])
            if cached.json is None:
                cached.json = line_json(lines[index])
            texts.append(cached.json)
        head = self._head_text()
        new_head = head if head != old_head else None
        return journal_entry(new_head, texts) if texts or new_head is not None else ""

    def changed_since(self, old: list[Line], lines: list[Line]) -> set[int] | None:
        """The indices of ``lines`` changed or added since the ticket held ``old``, from the recent
        edits (O(what changed)); None when the edits do not lead from ``old`` to ``lines`` (an
        undo, a restored or rebuilt ticket, a refused change): then compare line by line. Line
        lists are never changed in place, and every edit is a new list, so identity tells."""
        changed: set[int] = set()
        edits = self._edits
        k = len(edits) - 1
        current = lines
        while current is not old:
            while k >= 0 and edits[k][1] is not current:
                k -= 1
            if k < 0:
                return None
            current = edits[k][0]
            changed.update(edits[k][2])
            k -= 1
        return changed

    @property
    def saved(self) -> bool:
        """Saved whole at least once (:meth:`mark_saved`): a change can be a journal entry."""
        return self._saved is not None

    def mark_saved(self) -> None:
        """The ticket as it is now is in the database (the change's transaction committed)."""
        self._saved = (self._lines, self._head_text())

    def _head_text(self) -> str:
        """``json.dumps(self._head_dict())``, encoded again only when a field of it changed: the
        numbers by value, the rest by identity (two equal Decimals may print differently)."""
        numbers = (self._totalled, self._next_line_id, self._next_tender_id)
        objects = (self._status, self._discount, self._coupons, self._no_promotions, *self._tenders)
        head = self._head
        if (head is None or head[0] != numbers or len(head[1]) != len(objects)
                or any(a is not b for a, b in zip(head[1], objects, strict=True))):
            head = self._head = (numbers, objects, json.dumps(self._head_dict()))
        return head[2]

    def _head_dict(self) -> dict[str, Any]:
        return {
            "version": DATA_VERSION,
            "ticket_id": self.ticket_id,
            "status": self.status.value,
            "currency": self.config.currency,
            "tax_mode": self.config.tax_mode.value,
            "cash_rounding": self.config.cash_rounding.value,
            "max_quantity": str(self.config.max_quantity),
            "totalled": self.totalled,
            "next_line_id": self._next_line_id,
            "next_tender_id": self._next_tender_id,
            "discount": discount_to_dict(self._discount),
            "tenders": [tender_to_dict(t) for t in self._tenders],
            "coupons": [c.to_dict() for c in self._coupons],
            "no_promotions": self._no_promotions,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], tender_kinds: TenderKindRegistry | None = None) -> Ticket:
        """Rebuild a ticket saved by :meth:`to_dict`; unreadable data raises InvalidTicketData."""
        try:
            if data["version"] != DATA_VERSION:
                raise ValueError(f"unsupported version {data['version']!r}")
            config = TicketConfig(
                currency=str(data["currency"]),
                tax_mode=TaxMode(data["tax_mode"]),
                cash_rounding=CashRounding(data["cash_rounding"]),
                max_quantity=Decimal(data["max_quantity"]),
            )
            ticket = cls(config, tender_kinds, str(data["ticket_id"]))
            ticket._status = TicketStatus(data["status"])
            ticket._totalled = bool(data["totalled"])
            ticket._next_line_id = int(data["next_line_id"])
            ticket._next_tender_id = int(data["next_tender_id"])
            ticket._discount = discount_from_dict(data["discount"])
            ticket._lines = [line_from_dict(d) for d in data["lines"]]
            ticket._tenders = [tender_from_dict(d) for d in data["tenders"]]
            ticket._coupons = tuple(CouponTerms.from_dict(d) for d in data.get("coupons", ()))
            ticket._no_promotions = data.get("no_promotions")  # absent in tickets saved before
            ticket._check_restored()
            ticket._compute(ticket._lines, ticket._discount)
        except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError, PosError) as exc:
            raise InvalidTicketData(reason=str(exc) or type(exc).__name__) from None
        return ticket

    def _check_restored(self) -> None:
        """Re-apply the input rules to restored state so corrupt data cannot slip past them."""
        ids = [line.line_id for line in self._lines]
        if len(set(ids)) != len(ids) or any(i >= self._next_line_id for i in ids):
            raise ValueError("line ids are duplicated or ahead of the counter")
        for line in self._lines:
            self._quantity(line.quantity, line.by_weight, line.product.sku)
            for price in (line.unit_price, line.original_price, line.label_price):
                if price is not None:
                    self._price(price)
        for tender in self._tenders:
            self.tender_kinds.get(tender.kind)
            if tender.tender_id >= self._next_tender_id:
                raise ValueError("tender id is ahead of the counter")
        snap = self._compute(self._lines, self._discount)
        if snap.remaining < 0:
            raise ValueError("payments exceed the total")

    # -- internals -----------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.status is not TicketStatus.OPEN:
            raise TicketNotOpen(ticket_id=self.ticket_id, status=self.status.value)

    def _require_editable(self) -> None:
        self._require_open()
        if self._tenders:
            raise TicketLockedByTenders(ticket_id=self.ticket_id)

    def _has_live_lines(self) -> bool:
        return any(not line.voided for line in self._lines)

    def _live_line(self, line_id: int) -> Line:
        self._require_editable()
        index = self._index(line_id)
        if index is None:
            raise LineNotFound(line_id=line_id)
        line = self._lines[index]
        if line.voided:
            raise LineVoided(line_id=line_id)
        return line

    def _index(self, line_id: int) -> int | None:
        """Where the line is: line ids count from 1 in the order lines are added (an undo also
        takes the counter back), so it is found at once; a ticket saved otherwise is searched."""
        lines = self._lines
        guess = line_id - 1
        if 0 <= guess < len(lines) and lines[guess].line_id == line_id:
            return guess
        return next((i for i, line in enumerate(lines) if line.line_id == line_id), None)

    def _replace_line(self, new: Line) -> None:
        index = self._index(new.line_id)
        assert index is not None  # _live_line found it
        lines = self._lines.copy()
        lines[index] = new
        self._commit_lines(lines, index)

    def _commit_lines(self, lines: list[Line], changed: int) -> None:
        """Make ``lines`` (a new list: the old one with ``changed`` replaced or added) the ticket's."""
        self._edits.append((self._lines, lines, (changed,)))
        if len(self._edits) > MAX_EDITS:
            del self._edits[0]
        self._compute(lines, self._discount)  # raises before anything changes
        self._lines = lines

    def repeat_line(self, sku: str) -> Line | None:
        """The line a repeat scan of ``sku`` adds one to: the last live line of that SKU sold by
        the piece that no scale label priced and the cashier did not re-price or discount; None
        when there is none. Costs the lines changed since the last call (see `SkuIndex`)."""
        index = self._repeats
        lines = self._lines
        if index.lines is not lines:
            index.update(lines, self.changed_since(index.lines, lines))
        return index.last(sku)

    def _price(self, value: Decimal | int | str) -> Decimal:
        price = to_decimal(value)
        if price < 0:
            raise NegativePrice(value=price)
        return money(price, self.config.currency)

    def _quantity(self, value: Decimal | int | str, by_weight: bool, sku: str) -> Decimal:
        try:
            qty = to_decimal(value)
        except InvalidAmount:
            raise InvalidQuantity(value=value) from None
        if qty <= 0:
            raise QuantityNotPositive(value=qty)
        if qty > self.config.max_quantity:
            raise QuantityTooLarge(value=qty, maximum=self.config.max_quantity)
        if by_weight:
            if decimal_places(qty) > 3:
                raise QuantityTooPrecise(value=qty, sku=sku)
            return qty.quantize(WEIGHT_STEP)
        if qty != qty.to_integral_value():
            raise QuantityNotWhole(value=qty, sku=sku)
        return qty.quantize(Decimal(1))

    def _compute(self, lines: list[Line], discount: Discount | None) -> TicketSnapshot:
        """Totals of `lines`, remembered while nothing changed: a service saves and returns the
        snapshot right after the change validated it, and a 300-line ticket costs ~3 ms each time.
        Line lists are never changed in place (every change builds a new list), so identity is a
        safe key for them."""
        key = (discount, tuple(self._tenders), self._status, self._totalled, self._coupons, self._no_promotions)
        if self._memo is not None and self._memo[0] is lines and self._memo[1] == key:
            return self._memo[2]
        snap = self._compute_totals(lines, discount)
        self._memo = (lines, key, snap)
        return snap

    def full_snapshot(self) -> TicketSnapshot:
        """The snapshot computed from every line, without the running totals (what
        :meth:`snapshot` must always equal; the property tests compare them)."""
        return self._compute_totals(self._lines, self._discount, running=False)

    def _estimate(self) -> bool:
        """Order and coupon discounts stay one amount, line taxes unsplit (see set_pricer). Added
        tax (exclusive) depends on how the discounts split over tax rates: spread at once."""
        return (self._estimates and not self._totalled and not self._tenders
                and self._status is TicketStatus.OPEN and self.config.tax_mode is TaxMode.INCLUSIVE)

    def _compute_totals(self, lines: list[Line], discount: Discount | None, running: bool = True) -> TicketSnapshot:
        if running and discount is None and self._estimate():
            return self._running_totals(lines)
        currency = self.config.currency
        zero = ZERO.quantize(quantum(currency))
        cache = [self._cached(line) for line in lines]
        amounts = [c.amount for c in cache]
        line_discounts = [c.discount for c in cache]
        live = [i for i, line in enumerate(lines) if not line.voided]
        estimate = self._estimate()
        pricer = None if self._no_promotions else self.pricer
        pricing, promo_of = line_promotions(pricer, self._coupons, self.config.currency, lines, cache, live,
                                            spread=not estimate)
        unspread = from_minor(unspread_fen(pricing), currency) if estimate else zero
        totals = [c.amount - c.discount - promo_of[i][0] for i, c in enumerate(cache)]
        after_lines = sum((totals[i] for i in live), zero) - unspread
        ticket_discount = discount.off(after_lines, currency) if discount else zero
        shares = [zero] * len(lines)
        for i, share in zip(
            live, allocate(ticket_discount, [totals[i] for i in live], currency), strict=True
        ):
            shares[i] = share
        nets = [t - s for t, s in zip(totals, shares, strict=True)]
        tax = compute_tax(
            [(lines[i].product.tax_class, nets[i]) for i in live], self.config.tax_mode, currency
        )
        if unspread:
            tax = estimated_tax(tax, unspread, self.config.tax_mode, currency)
        line_tax = [zero] * len(lines)
        for i, t in zip(live, tax.line_taxes if not estimate else [zero] * len(live), strict=True):
            line_tax[i] = t  # an estimate's line taxes are split at Total, as its discounts
        net_sum = sum((nets[i] for i in live), zero) - unspread
        total = net_sum + (tax.tax_total if self.config.tax_mode is TaxMode.EXCLUSIVE else zero)
        paid = sum((t.amount for t in self._tenders), zero)
        rounding = sum((t.rounding for t in self._tenders), zero)
        remaining = total + rounding - paid
        snapshot_lines = tuple(
            line_snapshot(cache[i], totals[i], shares[i], nets[i], line_tax[i], promo_of[i])
            for i in range(len(lines))
        )
        promotions = tuple(
            PromotionShare(a.promotion_id, a.name, a.name_en, from_minor(a.discount_fen, currency))
            for a in (pricing.applied if pricing else ())
        )
        promotion_total = sum((p.amount for p in promotions), zero)
        return TicketSnapshot(
            ticket_id=self.ticket_id,
            status=self.status,
            currency=currency,
            tax_mode=self.config.tax_mode,
            cash_rounding=self.config.cash_rounding,
            lines=snapshot_lines,
            item_count=sum(1 if lines[i].by_weight else int(lines[i].quantity) for i in live),
            subtotal=sum((amounts[i] for i in live), zero),
            ticket_discount=ticket_discount,
            discount_total=sum((line_discounts[i] for i in live), zero) + ticket_discount + promotion_total,
            tax_total=tax.tax_total,
            total=total,
            tax_summary=tax.bands,
            tenders=tuple(self._tenders),
            paid=paid,
            rounding=rounding,
            remaining=remaining,
            cash_due=self.config.cash_rounding.apply(remaining, self.config.currency),
            change=sum((t.change for t in self._tenders), zero),
            is_paid=bool(live) and remaining == 0,
            totalled=self.totalled,
            promotions=promotions,
            saved=sum((line_discounts[i] for i in live), zero) + ticket_discount + promotion_total,
            estimate=bool(unspread),
        )

    def _running_totals(self, lines: list[Line]) -> TicketSnapshot:
        """The estimate's snapshot from the running sums (``ticket_running``): a change costs the
        lines it changed and the promotions it touched, not the ticket's length."""
        currency = self.config.currency
        pricer = None if self._no_promotions else self.pricer
        key = (pricer, self._coupons)
        running = self._running
        try:
            if (running is None or running.key != key
                    or not running.update(lines, self._cached, pricer, self._coupons,
                                          self.changed_since(running.lines, lines))):
                running = RunningTotals(key, currency)
                running.update(lines, self._cached, pricer, self._coupons)
        except BaseException:
            self._running = None  # half brought up to date: start again next time
            raise
        self._running = running
        zero = running.zero
        unspread = from_minor(unspread_fen(running.result), currency)
        tax = running.tax()
        if unspread:
            tax = estimated_tax(tax, unspread, TaxMode.INCLUSIVE, currency)
        total = running.totals - unspread
        promotions, promotion_total = running.applied()
        return TicketSnapshot(
            ticket_id=self.ticket_id,
            status=self.status,
            currency=currency,
            tax_mode=self.config.tax_mode,
            cash_rounding=self.config.cash_rounding,
            lines=tuple(running.snaps),
            item_count=running.items,
            subtotal=running.subtotal,
            ticket_discount=zero,
            discount_total=running.line_discounts + promotion_total,
            tax_total=tax.tax_total,
            total=total,
            tax_summary=tax.bands,
            tenders=(),
            paid=zero,
            rounding=zero,
            remaining=total,
            cash_due=self.config.cash_rounding.apply(total, currency),
            change=zero,
            is_paid=bool(running.live) and total == 0,
            totalled=False,
            promotions=promotions,
            saved=running.line_discounts + promotion_total,
            estimate=bool(unspread),
        )

    def promotion_lines(self) -> list[CartLine]:
        """The live lines as the promotion engine sees them (for explaining what did not apply)."""
        currency = self.config.currency
        return [self._cached(line).cart_line(currency) for line in self._lines
                if not line.voided and promotable(line)]

    def _cached(self, line: Line) -> LineCache:
        """The line's cache entry, new when the ticket holds a different object for that line id
        (lines are frozen: any change to a line is a new object)."""
        cached = self._line_cache.get(line.line_id)
        if cached is None or cached.line is not line:
            currency = self.config.currency
            amount = line.amount(currency)
            discount = line.discount.off(amount, currency) if line.discount else ZERO.quantize(quantum(currency))
            cached = self._line_cache[line.line_id] = LineCache(line, amount, discount)
        return cached

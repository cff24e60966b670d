"""Property tests: whatever the cashier does, the ticket's numbers reconcile."""

import json
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pos_app.domain.errors import PosError
from pos_app.domain.money import CashRounding
from pos_app.domain.tax import TaxMode
from pos_app.domain.ticket import Discount, Ticket, TicketConfig

from .samples import APPLES, BOOK, BREAD, COLA

prices = st.decimals(min_value=0, max_value=Decimal("999.99"), places=2)
pieces = st.integers(1, 20)
weights = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("5"), places=3)
discounts = st.one_of(
    st.none(),
    st.builds(Discount.percent, st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)),
    st.builds(Discount.amount, st.decimals(min_value=Decimal("0.01"), max_value=50, places=2)),
)
items = st.one_of(
    st.tuples(st.sampled_from([COLA, BREAD, BOOK]), prices, pieces, st.none()),
    st.tuples(st.just(APPLES), prices, weights, st.none()),
    st.tuples(st.just(APPLES), prices, st.none(), prices),  # price-only scale label
)
line_edits = st.lists(
    st.tuples(st.sampled_from(["discount", "void", "quantity"]), st.integers(1, 8), discounts)
)
configs = st.builds(
    TicketConfig, tax_mode=st.sampled_from(list(TaxMode)), cash_rounding=st.sampled_from(list(CashRounding))
)


def build(config, item_list, edits, ticket_discount) -> Ticket:
    ticket = Ticket(config, ticket_id="prop")
    for product, price, qty, label in item_list:
        ticket.add_item(product, price, qty, label_price=label)
    for edit, line_id, discount in edits:
        before = ticket.to_dict()
        try:
            if edit == "discount":
                ticket.set_line_discount(line_id, discount)
            elif edit == "void":
                ticket.void_line(line_id)
            else:
                ticket.set_quantity(line_id, 2)
        except PosError:
            assert ticket.to_dict() == before
    try:
        ticket.set_ticket_discount(ticket_discount)
    except PosError:
        pass
    return ticket


tickets = st.builds(build, configs, st.lists(items, min_size=1, max_size=8), line_edits, discounts)


@settings(max_examples=150)
@given(tickets)
def test_totals_reconcile(ticket):
    snap = ticket.snapshot()
    live = [line for line in snap.lines if not line.voided]
    extra_tax = snap.tax_total if snap.tax_mode is TaxMode.EXCLUSIVE else 0
    assert snap.subtotal == sum(line.amount for line in live)
    assert snap.total == sum(line.net_total for line in live) + extra_tax
    assert snap.total == snap.subtotal - snap.discount_total + extra_tax
    assert snap.discount_total == sum(line.discount for line in live) + snap.ticket_discount
    assert sum(line.ticket_discount_share for line in live) == snap.ticket_discount
    assert all(line.net_total >= 0 for line in snap.lines)
    assert sum(b.gross for b in snap.tax_summary) == snap.total
    assert sum(b.tax for b in snap.tax_summary) == snap.tax_total == sum(line.tax for line in live)
    assert all(b.net + b.tax == b.gross for b in snap.tax_summary)


@settings(max_examples=100)
@given(configs, st.lists(items, min_size=1, max_size=6), st.lists(items, min_size=1, max_size=4), discounts)
def test_voided_lines_change_nothing(config, kept, voided, ticket_discount):
    plain = build(config, kept, [], ticket_discount)
    with_voids = Ticket(config, ticket_id="prop")
    for product, price, qty, label in kept + voided:
        with_voids.add_item(product, price, qty, label_price=label)
    for line_id in range(len(kept) + 1, len(kept) + len(voided) + 1):
        with_voids.void_line(line_id)
    if plain.snapshot().ticket_discount or ticket_discount is None:
        with_voids.set_ticket_discount(ticket_discount)
    a, b = plain.snapshot(), with_voids.snapshot()
    assert (a.subtotal, a.discount_total, a.tax_total, a.total, a.tax_summary, a.item_count) == (
        b.subtotal,
        b.discount_total,
        b.tax_total,
        b.total,
        b.tax_summary,
        b.item_count,
    )
    assert b.lines[: len(kept)] == a.lines


payments = st.lists(
    st.tuples(
        st.sampled_from(["cash", "card"]), st.decimals(min_value=0, max_value=Decimal("3000"), places=2)
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150)
@given(tickets, payments)
def test_tenders_reconcile_and_change_is_never_negative(ticket, pays):
    for kind, amount in pays:
        try:
            ticket.add_tender(kind, amount, reference="R")
        except PosError:
            pass
    snap = ticket.snapshot()
    assert snap.remaining >= 0
    assert snap.total + snap.rounding - snap.paid == snap.remaining
    has_items = any(not line.voided for line in snap.lines)
    assert snap.is_paid == (has_items and snap.remaining == 0)
    for tender in snap.tenders:
        assert tender.change >= 0
        assert tender.change == tender.tendered - tender.amount
        if tender.kind == "card":
            assert tender.change == 0 and tender.rounding == 0
    assert snap.change == sum(t.tendered for t in snap.tenders) - snap.paid
    assert abs(snap.rounding) <= Decimal("0.09")


@settings(max_examples=100)
@given(tickets, payments)
def test_cash_settles_at_the_rounded_amount(ticket, pays):
    before = ticket.snapshot()
    assume(not before.is_paid and any(not line.voided for line in before.lines))
    due = before.cash_due
    tendered = due + pays[0][1]
    tender = ticket.add_tender("cash", tendered)
    snap = ticket.snapshot()
    assert snap.is_paid
    assert tender.change == tendered - due
    assert tender.amount == due


@settings(max_examples=100)
@given(tickets, payments)
def test_to_dict_from_dict_round_trip(ticket, pays):
    for kind, amount in pays[:2]:
        try:
            ticket.add_tender(kind, amount, reference="R")
        except PosError:
            pass
    if any(not line.voided for line in ticket.snapshot().lines):
        ticket.mark_totalled()
    data = json.loads(json.dumps(ticket.to_dict()))
    restored = Ticket.from_dict(data)
    assert restored.snapshot() == ticket.snapshot()
    assert restored.to_dict() == ticket.to_dict()

"""Property tests: the open ticket's running totals and remembered plans (what makes a scan cost
what it changed) give exactly what a full recomputation gives, after any sequence of changes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.promotions import CartLine, PlanMemo, PromotionCatalog, evaluate
from pos_app.domain.tax import VAT_9, VAT_13
from pos_app.domain.ticket import ProductRef, Ticket

from .test_domain_promotions_properties import CONTEXT, SKUS, promotion_sets

CATEGORIES = {"A": "x", "B": "x", "C": "y", "D": None, "E": "y"}
TAXES = {"A": VAT_13, "B": VAT_9, "C": VAT_13, "D": VAT_9, "E": VAT_13}

changes = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(SKUS), st.integers(0, 20000), st.integers(1, 4)),
    st.tuples(st.just("quantity"), st.integers(0, 30), st.integers(1, 6)),
    st.tuples(st.just("void"), st.integers(0, 30)),
    st.tuples(st.just("undo"),),
), min_size=1, max_size=25)


def pricer(catalog: PromotionCatalog, memo: PlanMemo | None):
    def price(lines, coupons, *, spread=True):
        return evaluate(lines, catalog, CONTEXT, spread=spread, memo=memo)
    return price


def apply(ticket: Ticket, change: tuple, before: list) -> None:
    live = [ln.line_id for ln in ticket.snapshot().lines if not ln.voided]
    kind = change[0]
    if kind == "add":
        _, sku, price_fen, quantity = change
        product = ProductRef(sku, f"item {sku}", TAXES[sku], category=CATEGORIES[sku])
        ticket.add_item(product, Decimal(price_fen) / 100, quantity)
    elif kind == "quantity" and live:
        ticket.set_quantity(live[change[1] % len(live)], change[2])
    elif kind == "void" and live:
        ticket.void_line(live[change[1] % len(live)])
    elif kind == "undo" and before:
        ticket.restore(before.pop())


@settings(max_examples=80, deadline=None)
@given(promotion_sets, changes)
def test_running_totals_equal_a_full_recomputation_after_every_change(promos, steps):
    catalog = PromotionCatalog(promos)
    ticket = Ticket()
    ticket.set_pricer(pricer(catalog, PlanMemo()), estimates=True)
    before: list = []
    for change in steps:
        memento = ticket.memento()
        apply(ticket, change, before)
        before.append(memento)
        snap = ticket.snapshot()
        fresh = Ticket.from_dict(ticket.to_dict())
        fresh.set_pricer(pricer(catalog, None), estimates=True)  # no remembered plans, no running sums
        assert snap == fresh.full_snapshot()
        assert sum((b.gross for b in snap.tax_summary), Decimal(0)) == snap.total
    if any(not ln.voided for ln in ticket.snapshot().lines):
        due = ticket.snapshot().total
        ticket.mark_totalled()  # the discounts spread over the lines: the amount to pay stays
        assert ticket.snapshot().total == due and not ticket.snapshot().estimate


edits = st.lists(st.tuples(
    st.sampled_from(["append", "append", "replace", "remove"]), st.integers(0, 30), st.sampled_from(SKUS),
    st.integers(1, 5), st.integers(0, 20000), st.booleans(),
), min_size=1, max_size=25)


@settings(max_examples=80, deadline=None)
@given(promotion_sets, edits)
def test_remembered_plans_give_what_a_fresh_evaluation_gives(promos, steps):
    """Carts edited the way a ticket edits them (a line added, replaced in place, taken off): the
    engine with the memo of the earlier carts prices each one as a fresh evaluation does."""
    catalog = PromotionCatalog(promos)
    memo = PlanMemo()
    cart: list[CartLine] = []
    for n, (kind, where, sku, units, price, spread) in enumerate(steps):
        line = CartLine(n + 1, sku, CATEGORIES[sku], units, price)
        if kind == "append" or not cart:
            cart = [*cart, line]
        elif kind == "replace":
            cart = [line if i == where % len(cart) else c for i, c in enumerate(cart)]
        else:
            cart = [c for i, c in enumerate(cart) if i != where % len(cart)]
        assert (evaluate(cart, catalog, CONTEXT, spread=spread, memo=memo)
                == evaluate(cart, catalog, CONTEXT, spread=spread))

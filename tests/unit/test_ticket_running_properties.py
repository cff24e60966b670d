"""Property tests: the open ticket's running totals and remembered plans (what makes a scan cost
what it changed) give exactly what a full recomputation gives, after any sequence of changes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.promotions import (
    CartLine,
    PlanMemo,
    PromotionCatalog,
    coupon_promotion,
    evaluate,
    parse_promotion,
    pricing,
)
from pos_app.domain.tax import VAT_9, VAT_13
from pos_app.domain.ticket import Discount, ProductRef, Ticket
from pos_app.domain.ticket_codec import replay_journal

from .test_domain_promotions_properties import CONTEXT, SKUS, promotion_sets

CATEGORIES = {"A": "x", "B": "x", "C": "y", "D": None, "E": "y"}
TAXES = {"A": VAT_13, "B": VAT_9, "C": VAT_13, "D": VAT_9, "E": VAT_13}

changes = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(SKUS), st.integers(0, 20000), st.integers(1, 4)),
    st.tuples(st.just("quantity"), st.integers(0, 30), st.integers(1, 6)),
    st.tuples(st.just("void"), st.integers(0, 30)),
    st.tuples(st.just("undo"),),
    st.tuples(st.just("price"), st.integers(0, 30), st.integers(0, 20000)),
    st.tuples(st.just("discount"), st.integers(0, 30), st.sampled_from([None, "10"])),
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
    elif kind == "price" and live:
        ticket.override_price(live[change[1] % len(live)], Decimal(change[2]) / 100, "damaged")
    elif kind == "discount" and live:
        rule = None if change[2] is None else Discount.percent(Decimal(change[2]))
        ticket.set_line_discount(live[change[1] % len(live)], rule)


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
    check_remembered(promos, steps)


@settings(max_examples=80, deadline=None)
@given(promotion_sets, edits)
def test_plans_priced_by_line_groups_of_any_size_give_the_fresh_result(promos, steps):
    """A plan of several price/item promotions is remembered by line groups, lines alone in
    theirs taken `SOLO_GROUP` at a time: two here, so these short carts merge and split such
    groups as lines come and go; the result is still a fresh evaluation's."""
    previous, pricing.SOLO_GROUP = pricing.SOLO_GROUP, 2
    try:
        check_remembered(promos, steps)
    finally:
        pricing.SOLO_GROUP = previous


def check_remembered(promos, steps) -> None:
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


def test_a_capped_price_promotion_and_a_multi_buy_couple_their_lines():
    """Lines only these promotions see still price together: a price cut capped at one unit per
    ticket (the cap is used in line order) and a 第二件半价 over two lines. Priced apart, each line
    would take the cut and neither half price would be found."""
    def promo(pid: str, rule: dict, cap: int | None = None):
        return parse_promotion({"promotion_id": pid, "name": pid, "valid_from": "2026-01-01T00:00:00Z",
                                "valid_to": "2027-01-01T00:00:00Z", "rule": rule, "per_ticket_cap": cap,
                                "combines_with": ["price", "item", "order", "coupon"]})

    catalog = PromotionCatalog([
        promo("cut", {"type": "fixed_price", "targets": {"skus": ["A"]}, "price_fen": 100}, cap=1),
        promo("half", {"type": "nth_discount", "targets": {"skus": ["C"]}, "n": 2, "percent": "50"}),
        promo("deal", {"type": "percent_off", "targets": {"skus": ["D"]}, "percent": "10"}),
    ])
    previous, pricing.SOLO_GROUP = pricing.SOLO_GROUP, 1
    memo = PlanMemo()
    cart: list[CartLine] = []
    try:
        for n, sku in enumerate(["A", "C", "D", "A", "D", "C", "A"]):
            cart = [*cart, CartLine(n + 1, sku, None, 1, 1000)]
            assert (evaluate(cart, catalog, CONTEXT, spread=False, memo=memo)
                    == evaluate(cart, catalog, CONTEXT, spread=False))
    finally:
        pricing.SOLO_GROUP = previous
    shares = {lp.line_id: lp.shares for lp in evaluate(cart, catalog, CONTEXT, spread=False, memo=memo).lines}
    assert shares == {1: (("cut", 900),), 2: (("half", 250),), 3: (("deal", 100),), 5: (("deal", 100),),
                      6: (("half", 250),)}


def _local_promo(pid: str, kind: str):
    rule = ({"type": "nth_discount", "targets": {"skus": ["A"]}, "n": 2, "percent": "50"} if kind == "multi"
            else {"type": "percent_off", "targets": {"skus": ["A"]}, "percent": "10"})
    return parse_promotion({"promotion_id": pid, "name": pid, "valid_from": "2026-01-01T00:00:00Z",
                            "valid_to": "2027-01-01T00:00:00Z", "rule": rule,
                            "per_ticket_cap": 2 if kind == "capped" else None,
                            "combines_with": ["price", "item", "order", "coupon"]})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["multi", "capped", "cut", "cut"]),
                          st.frozensets(st.integers(0, 24), min_size=1, max_size=8)), min_size=1, max_size=8),
       st.integers(1, 4))
def test_line_groups_are_the_coupled_components_and_solo_chunks(promos, solo):
    """`_Lines.groups`: the lines a multi-buy or a capped price cut looks at are one group with every
    line such a promotion links them to (connected through shared lines), each keyed by its first
    line; the other lines (each alone) go `SOLO_GROUP` at a time in cart order."""
    local = [_local_promo(f"P{n}", kind) for n, (kind, _) in enumerate(promos)]
    matches = {f"P{n}": lines for n, (_, lines) in enumerate(promos)}
    previous, pricing.SOLO_GROUP = pricing.SOLO_GROUP, solo
    try:
        groups = pricing._Lines([], matches, local).groups()
    finally:
        pricing.SOLO_GROUP = previous
    # The components by a walk over lines (linked when one coupling promotion looks at both).
    links: dict[int, set[int]] = {}
    for (kind, lines) in promos:
        for i in lines:
            links.setdefault(i, set()).update(lines if kind != "cut" else ())
    seen: set[int] = set()
    components = []
    for start in sorted(links):
        if start not in seen:
            todo, part = [start], set()
            while todo:
                i = todo.pop()
                if i not in part:
                    part.add(i)
                    todo.extend(links[i] - part)
            seen |= part
            components.append(part)
    coupled = [frozenset(c) for c in components if len(c) > 1]
    alone = sorted(i for c in components if len(c) == 1 for i in c)
    chunks = [frozenset(alone[k:k + solo]) for k in range(0, len(alone), solo)]
    assert sorted(groups.values(), key=min) == sorted([*coupled, *chunks], key=min)
    assert all(key == min(lines) for key, lines in groups.items())
    assert list(groups) == sorted(groups)


cart_changes = st.lists(st.tuples(
    st.sampled_from(["append", "append", "append", "quantity", "replace", "remove", "swap", "same", "coupon"]),
    st.integers(0, 30), st.integers(0, 30), st.sampled_from([*SKUS, "Z", "Z"]), st.integers(1, 5), st.integers(0, 20000),
    st.sampled_from([False, False, False, True]),  # mostly the open ticket's estimate (the memo's use)
), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(promotion_sets, cart_changes)
def test_a_kept_view_of_the_promoted_lines_gives_the_fresh_result(promos, steps):
    """The memo keeps its view of the promoted lines (``pricing._View``) while no promoted line
    changed: carts changed by appends (mostly, ``Z``: an item no promotion names), quantity
    changes, replacements, removals, two lines swapped, no change at all and a coupon presented or
    taken off, each priced with the memo equal a fresh evaluation."""
    catalog = PromotionCatalog(promos)
    memo = PlanMemo()
    cart: list[CartLine] = []
    coupon = coupon_promotion("C1", "amount_off", 500, 0, 3000, datetime(2026, 1, 1, tzinfo=UTC),
                              datetime(2027, 1, 1, tzinfo=UTC))
    context = CONTEXT
    for n, (kind, where, other, sku, units, price, spread) in enumerate(steps):
        if cart:
            i, j = where % len(cart), other % len(cart)
        if kind == "append" or not cart:
            cart = [*cart, CartLine(n + 1, sku, CATEGORIES.get(sku), units, price)]
        elif kind == "quantity":
            old = cart[i]
            cart = [*cart[:i], CartLine(old.line_id, old.sku, old.category, units, old.unit_price_fen), *cart[i + 1:]]
        elif kind == "replace":
            cart = [*cart[:i], CartLine(n + 1, sku, CATEGORIES.get(sku), units, price), *cart[i + 1:]]
        elif kind == "remove":
            cart = [*cart[:i], *cart[i + 1:]]
        elif kind == "swap":
            cart = list(cart)
            cart[i], cart[j] = cart[j], cart[i]
        elif kind == "coupon":
            context = replace(context, coupons=() if context.coupons else (coupon,))
        else:
            cart = list(cart)
        assert (evaluate(cart, catalog, context, spread=spread, memo=memo)
                == evaluate(cart, catalog, context, spread=spread))


@settings(max_examples=150, deadline=None)
@given(promotion_sets, st.lists(st.tuples(st.sampled_from([*SKUS, "Z"]), st.integers(1, 3), st.integers(0, 5000),
                                          st.sampled_from(["add", "add", "quantity"]), st.integers(0, 30)),
                                min_size=1, max_size=30), st.integers(1, 3))
def test_a_view_extended_line_by_line_has_the_groups_of_a_fresh_one(promos, steps, solo):
    """A view extended by one promoted line at a time or by a line's new quantity
    (``_Lines.carry``) has the line groups, promotion groups and group keys a view made afresh
    over the same lines has."""
    catalog = PromotionCatalog(promos)
    memo = PlanMemo()
    cart: list[CartLine] = []
    previous, pricing.SOLO_GROUP = pricing.SOLO_GROUP, solo
    try:
        for n, (sku, units, price, kind, where) in enumerate(steps):
            if kind == "add" or not cart:
                cart = [*cart, CartLine(n + 1, sku, CATEGORIES.get(sku), units, price)]
            else:
                i = where % len(cart)
                old = cart[i]
                cart = [*cart[:i], CartLine(old.line_id, old.sku, old.category, units, old.unit_price_fen),
                        *cart[i + 1:]]
            evaluate(cart, catalog, CONTEXT, spread=False, memo=memo)
            view = memo.view
            if view is None:
                continue
            fresh = pricing._Lines(view.lines, view.matches, view.local)
            assert view.keys.groups() == fresh.groups()
            assert list(view.keys.groups()) == list(fresh.groups())
            assert view.keys._coupled == fresh._coupled
            for promo in view.local:
                pid = promo.promotion_id
                assert view.keys.promo_groups(pid) == fresh.promo_groups(pid)
                assert view.keys.of(pid) == fresh.of(pid)
            for group in fresh.groups():
                assert view.keys.group_key(group) == fresh.group_key(group)
    finally:
        pricing.SOLO_GROUP = previous


def repeat_line_by_walk(ticket: Ticket, sku: str):
    """What `Ticket.repeat_line` must give, from every line (the checkout walked them so before)."""
    for line in reversed(ticket.to_dict()["lines"]):
        if (line["product"]["sku"] == sku and not line["voided"] and not line["by_weight"]
                and line["label_price"] is None and line["override_reason"] is None and line["discount"] is None):
            return line["line_id"]
    return None


@settings(max_examples=80, deadline=None)
@given(promotion_sets, changes, st.lists(st.integers(0, 24), max_size=4), st.data())
def test_journal_entries_and_the_repeat_scan_index_follow_every_change(promos, steps, reopen_at, data):
    """After any sequence of changes (adds of repeated SKUs, quantities, voids, overrides,
    discounts, undos, the ticket saved and loaded again as a recall does): the whole save plus the
    journal entries replayed is the ticket, and the line a repeat scan adds one to is the one a
    walk over every line finds; the running totals still equal a full recomputation."""
    catalog = PromotionCatalog(promos)
    seen: list = []  # the lines the engine was given, call by call

    def recording(lines, coupons, *, spread=True):
        seen.append(list(lines))
        return evaluate(lines, catalog, CONTEXT, spread=spread, memo=memo)

    memo = PlanMemo()
    ticket = Ticket()
    ticket.set_pricer(recording, estimates=True)
    stored = ticket.to_dict()
    ticket.mark_saved()
    before: list = []
    for n, change in enumerate(steps):
        if n in reopen_at:  # a recall: the ticket rebuilt from its saved data, no edits known
            ticket = Ticket.from_dict(ticket.to_dict())
            ticket.set_pricer(recording, estimates=True)
            before = []
            stored = ticket.to_dict()
            ticket.mark_saved()
        memento = ticket.memento()
        seen.clear()
        apply(ticket, change, before)
        before.append(memento)
        snap = ticket.snapshot()
        if ticket.promotion_lines():  # the engine saw the live promotable lines, in ticket order
            assert seen[-1] == ticket.promotion_lines()
        entry = ticket.journal_entry()
        if entry is None:
            stored = json.loads(ticket.to_json())
        elif entry:
            stored = replay_journal(stored, [json.loads(entry)])
        ticket.mark_saved()
        assert stored == ticket.to_dict()
        for sku in data.draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=2)):
            found = ticket.repeat_line(sku)
            assert (found.line_id if found else None) == repeat_line_by_walk(ticket, sku)
        fresh = Ticket.from_dict(ticket.to_dict())
        fresh.set_pricer(pricer(catalog, None), estimates=True)
        assert snap == fresh.full_snapshot()


def test_a_line_that_takes_promotions_again_keeps_its_place_in_what_the_engine_sees():
    """A discount taken off an earlier line: the engine gets it back at its own place, not last."""
    seen: list = []

    def recording(lines, coupons, *, spread=True):
        seen.append([c.line_id for c in lines])
        return evaluate(lines, PromotionCatalog([]), CONTEXT, spread=spread)

    ticket = Ticket()
    ticket.set_pricer(recording, estimates=True)
    for sku in "ABC":
        ticket.add_item(ProductRef(sku, sku, TAXES[sku], category=CATEGORIES[sku]), "1.00")
    ticket.set_line_discount(1, Discount.percent(Decimal(10)))
    assert seen[-1] == [2, 3]
    ticket.set_line_discount(1, None)
    assert seen[-1] == [1, 2, 3]

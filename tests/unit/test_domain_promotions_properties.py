"""Property tests: for random carts and promotion sets the engine's numbers hold together."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.promotions import (
    CartLine,
    PricingContext,
    PromotionCatalog,
    evaluate,
    parse_promotion,
    refund_fen,
)
from pos_app.domain.promotions.rules import LAYERS

CST = timezone(timedelta(hours=8))  # the store's wall clock
SKUS = ["A", "B", "C", "D", "E"]
CONTEXT = PricingContext(datetime(2026, 6, 1, 4, tzinfo=UTC), datetime(2026, 6, 1, 12, tzinfo=CST), member_tier="gold")

targets = st.one_of(
    st.builds(lambda s: {"skus": s}, st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True)),
    st.builds(lambda c: {"categories": [c]}, st.sampled_from(["x", "y"])),
)
percents = st.integers(1, 9999).map(lambda bp: str(bp / 100) if bp % 100 else str(bp // 100))
fen = st.integers(1, 20000)


@st.composite
def rules(draw):
    kind = draw(st.sampled_from(["fixed_price", "percent_off", "member_price", "n_for_x", "nth_discount",
                                 "buy_x_get_y", "buy_x_get_y_other", "threshold_off", "threshold_percent", "tiered"]))
    if kind == "fixed_price":
        return {"type": kind, "targets": draw(targets), "price_fen": draw(st.integers(0, 20000))}
    if kind == "percent_off":
        return {"type": kind, "targets": draw(targets), "percent": draw(percents)}
    if kind == "member_price":
        return {"type": kind, "prices": draw(st.dictionaries(st.sampled_from(SKUS), fen, min_size=1))}
    if kind == "n_for_x":
        return {"type": kind, "targets": draw(targets), "n": draw(st.integers(2, 4)), "price_fen": draw(fen)}
    if kind == "nth_discount":
        return {"type": kind, "targets": draw(targets), "n": draw(st.integers(2, 3)), "percent": draw(percents)}
    if kind == "buy_x_get_y":
        return {"type": kind, "targets": draw(targets), "buy": draw(st.integers(1, 3)), "get": draw(st.integers(1, 2))}
    if kind == "buy_x_get_y_other":
        return {"type": "buy_x_get_y", "targets": draw(targets), "buy": draw(st.integers(1, 3)),
                "get": draw(st.integers(1, 2)), "get_targets": draw(targets)}
    threshold = draw(st.integers(100, 50000))
    if kind == "threshold_off":
        repeat = draw(st.booleans())
        body = {"type": kind, "threshold_fen": threshold, "off_fen": draw(st.integers(1, threshold - 1)),
                "repeat": repeat}
        if repeat and draw(st.booleans()):
            body["max_times"] = draw(st.integers(1, 3))
        return body
    if kind == "threshold_percent":
        return {"type": kind, "threshold_fen": threshold, "percent": draw(percents)}
    return {"type": kind, "tiers": [{"threshold_fen": threshold, "off_fen": draw(st.integers(1, threshold - 1))},
                                    {"threshold_fen": threshold * 2, "percent": draw(percents)}]}


@st.composite
def promotions(draw, index):
    return parse_promotion({
        "promotion_id": f"p{index:02d}",
        "name": f"p{index}",
        "valid_from": "2026-01-01T00:00:00Z",
        "valid_to": "2027-01-01T00:00:00Z",
        "rule": draw(rules()),
        "priority": draw(st.integers(0, 3)),
        "exclusion_group": draw(st.sampled_from([None, None, "g1", "g2"])),
        "combines_with": draw(st.lists(st.sampled_from(LAYERS), unique=True)),
        "per_ticket_cap": draw(st.sampled_from([None, None, 1, 2])),
    })


promotion_sets = st.integers(1, 7).flatmap(lambda n: st.tuples(*[promotions(i) for i in range(n)]))
carts = st.lists(
    st.tuples(st.sampled_from(SKUS), st.sampled_from([None, "x", "y"]), st.integers(1, 5), st.integers(0, 20000)),
    min_size=1, max_size=8,
).map(lambda rows: [CartLine(i + 1, sku, cat, units, price) for i, (sku, cat, units, price) in enumerate(rows)])


@settings(max_examples=150, deadline=None)
@given(carts, promotion_sets)
def test_never_worse_than_any_single_promotion(lines, promos):
    best = evaluate(lines, PromotionCatalog(promos), CONTEXT)
    for promo in promos:
        alone = evaluate(lines, PromotionCatalog([promo]), CONTEXT)
        assert best.discount_fen >= alone.discount_fen


@settings(max_examples=150, deadline=None)
@given(carts, promotion_sets)
def test_shares_add_up_to_the_discount(lines, promos):
    result = evaluate(lines, PromotionCatalog(promos), CONTEXT)
    assert sum(line.discount_fen for line in result.lines) == result.discount_fen
    for applied in result.applied:
        assert sum(dict(line.shares).get(applied.promotion_id, 0) for line in result.lines) == applied.discount_fen
    for cart_line, line in zip(lines, result.lines, strict=True):
        assert sum(f for _, f in line.shares) == line.discount_fen
        assert sum(c * d for c, d in line.units) == line.discount_fen
        assert sum(c for c, _ in line.units) == cart_line.units
        assert all(0 <= d <= cart_line.unit_price_fen for _, d in line.units)


@settings(max_examples=150, deadline=None)
@given(carts, promotion_sets, st.data())
def test_refunding_any_units_never_refunds_more_than_was_paid(lines, promos, data):
    result = evaluate(lines, PromotionCatalog(promos), CONTEXT)
    for cart_line, line in zip(lines, result.lines, strict=True):
        paid = cart_line.units * cart_line.unit_price_fen - line.discount_fen
        before = data.draw(st.integers(0, cart_line.units))
        count = data.draw(st.integers(0, cart_line.units - before))
        first = refund_fen(cart_line.unit_price_fen, line.units, 0, before)
        then = refund_fen(cart_line.unit_price_fen, line.units, before, count)
        assert 0 <= then <= count * cart_line.unit_price_fen
        assert first + then <= paid
        assert refund_fen(cart_line.unit_price_fen, line.units, 0, cart_line.units) == paid


@settings(max_examples=100, deadline=None)
@given(carts, promotion_sets, st.randoms(use_true_random=False))
def test_evaluation_is_deterministic(lines, promos, rnd):
    shuffled = list(promos)
    rnd.shuffle(shuffled)
    assert evaluate(lines, PromotionCatalog(promos), CONTEXT) == evaluate(lines, PromotionCatalog(shuffled), CONTEXT)


# --- the open ticket's estimate (order/coupon discounts not spread) agrees with the full evaluation ---

@settings(max_examples=150, deadline=None)
@given(carts, promotion_sets)
def test_the_estimate_applies_the_same_promotions_and_leaves_only_the_order_and_coupon_spread(lines, promos):
    catalog = PromotionCatalog(promos)
    full = evaluate(lines, catalog, CONTEXT)
    estimate = evaluate(lines, catalog, CONTEXT, spread=False)
    assert estimate.applied == full.applied and estimate.discount_fen == full.discount_fen
    assert estimate.reasons == full.reasons
    wide = {a.promotion_id for a in full.applied if a.layer in ("order", "coupon")}
    rough_lines = {line.line_id: line for line in estimate.lines}
    for exact in full.lines:
        local = {p: f for p, f in exact.shares if p not in wide}
        rough = rough_lines.get(exact.line_id)
        assert (dict(rough.shares) if rough else {}) == local
        if rough is not None:
            assert sum(c for c, _ in rough.units) == sum(c for c, _ in exact.units)
    assert (sum(line.discount_fen for line in estimate.lines)
            + sum(a.discount_fen for a in estimate.applied if a.promotion_id in wide)) == full.discount_fen


PRODUCTS = {sku: i for i, sku in enumerate(SKUS)}


@settings(max_examples=100, deadline=None)
@given(carts, promotion_sets, st.sampled_from(["inclusive", "exclusive"]))
def test_a_ticket_scanned_with_estimates_is_exactly_the_full_evaluation_at_total(lines, promos, mode):
    from decimal import Decimal

    from pos_app.domain.tax import TaxClass, TaxMode
    from pos_app.domain.ticket import Ticket, TicketConfig
    from pos_app.domain.ticket_values import ProductRef

    catalog = PromotionCatalog(promos)

    def pricer(cart, coupons, spread=True):
        return evaluate(cart, catalog, CONTEXT, spread=spread)

    vat = TaxClass("VAT13", Decimal("0.13"))
    zero = TaxClass("VAT0", Decimal("0"))

    def build(estimates: bool) -> Ticket:
        ticket = Ticket(TicketConfig(tax_mode=TaxMode(mode)), ticket_id="t1")
        ticket.set_pricer(pricer, estimates=estimates)
        for line in lines:
            product = ProductRef(line.sku, line.sku, vat if PRODUCTS[line.sku] % 2 else zero, category=line.category)
            ticket.add_item(product, Decimal(line.unit_price_fen) / 100, line.units)
        return ticket

    scanned, exact = build(True), build(False)
    running, full = scanned.snapshot(), exact.snapshot()
    assert (running.promotions, running.saved, running.discount_total) == (full.promotions, full.saved, full.discount_total)
    assert running.total == full.total  # the amount to pay never waits for Total
    if mode == "exclusive":  # added tax depends on the spread: no estimate
        assert not running.estimate
    if any(p.promotion_id and p.amount for p in full.promotions):
        scanned.mark_totalled()
        exact.mark_totalled()
        assert scanned.snapshot() == exact.snapshot()
        assert not scanned.snapshot().estimate

"""The refundable-quantity ledger of a sale line and the refund route, without a database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.errors import (
    ReturnExceedsRefundable,
    ReturnInvalidQuantity,
    ReturnLineNotOnSale,
    ReturnReasonRequired,
    ReturnUnknownReason,
)
from pos_app.domain.returns import (
    PaidTender,
    RefundRoute,
    RefundRoutes,
    ReturnReason,
    SoldLine,
    build_refunds,
    lowest_price_fen,
    plan_refund,
    remaining_tenders,
)

REASONS = (ReturnReason("changed_mind"), ReturnReason("damaged", damaged=True))


def cola(**extra) -> SoldLine:
    """3 x 3.00 with 第二件半价 (one unit 1.50 off) and 满减 shares (0.30 on each unit): 9.00 - 2.40."""
    base = dict(line_id="L1", sku="100001", name="可乐", quantity=Decimal(3), by_weight=False,
                unit_price_fen=300, total_fen=660, discount_fen=240, tax_fen=76, tax_rate="0.13",
                promotions=(("HALF", 150), ("M10", 90)), unit_discounts=((1, 180), (2, 30)))
    return SoldLine(**{**base, **extra})


def test_partial_then_partial_up_to_full_then_one_more_refused():
    line = cola()
    first = line.refund(1)
    assert first.amount_fen == 300 - 180  # the most discounted unit goes first
    line = line.after(first)
    assert line.refundable_quantity == 2 and line.refundable_fen == 540
    second = line.refund(2)
    assert second.amount_fen == 2 * (300 - 30)
    line = line.after(second)
    assert line.refundable_quantity == 0 and line.refundable_fen == 0
    with pytest.raises(ReturnExceedsRefundable):
        line.refund(1)


def test_shares_refunded_per_promotion_add_up_to_the_stored_shares():
    line = cola()
    parts = []
    for qty in (1, 1, 1):
        refund = line.refund(qty)
        parts.append(refund)
        line = line.after(refund)
    for pid, fen in (("HALF", 150), ("M10", 90)):
        assert sum(dict(p.promotions)[pid] for p in parts) == fen
    assert sum(p.tax_fen for p in parts) == 76
    assert sum(p.discount_fen for p in parts) == 240


def test_a_coupon_share_is_reported_apart():
    line = cola(promotions=(("coupon:C5", 150), ("M10", 90)))
    refund = line.refund(3)
    assert refund.coupon_fen == 150 and refund.amount_fen == 660


def test_weighed_line_is_returned_by_weight_pro_rata():
    line = SoldLine("W", "200001", "苹果", Decimal("1.235"), True, 1200, 1482, tax_fen=170)
    part = line.refund("0.500")
    assert part.amount_fen == 600  # 1482 * 0.5 / 1.235 = 600.0
    rest = line.after(part).refund("0.735")
    assert part.amount_fen + rest.amount_fen == 1482
    assert part.tax_fen + rest.tax_fen == 170


@pytest.mark.parametrize("qty", ["0", "-1", "1.5", "0.0001"])
def test_bad_quantities_are_refused(qty):
    line = cola() if qty != "0.0001" else SoldLine("W", "2", "苹果", Decimal("1"), True, 100, 100)
    with pytest.raises(ReturnInvalidQuantity):
        line.refund(qty)


def test_picks_need_a_known_reason_and_a_line_of_the_sale():
    line = cola()
    with pytest.raises(ReturnReasonRequired):
        build_refunds([line], [("L1", Decimal(1), "")], REASONS)
    with pytest.raises(ReturnUnknownReason):
        build_refunds([line], [("L1", Decimal(1), "nope")], REASONS)
    with pytest.raises(ReturnLineNotOnSale):
        build_refunds([line], [("L9", Decimal(1), "damaged")], REASONS)
    with pytest.raises(ReturnExceedsRefundable):  # two picks of one line count together
        build_refunds([line], [("L1", Decimal(2), "damaged"), ("L1", Decimal(2), "damaged")], REASONS)


def per_unit_amounts(price: int, runs: list[tuple[int, int]]) -> list[int]:
    """Independent: the list of what each unit was paid, in the stored order."""
    return [price - fen for count, fen in runs for _ in range(count)]


@st.composite
def promoted_lines(draw):
    price = draw(st.integers(1, 50_000))
    runs = draw(st.lists(st.tuples(st.integers(1, 5), st.integers(0, price)), min_size=1, max_size=4))
    runs.sort(key=lambda r: -r[1])
    quantity = sum(c for c, _ in runs)
    promo = sum(c * f for c, f in runs)
    other = draw(st.integers(0, quantity * price - promo))  # manual and ticket discount shares
    total = quantity * price - promo - other
    split = draw(st.integers(0, promo))
    return SoldLine("L", "1", "x", Decimal(quantity), False, price, total, discount_fen=promo + other,
                    tax_fen=draw(st.integers(0, total)), promotions=(("P1", split), ("coupon:C", promo - split)),
                    unit_discounts=tuple(runs)), other


@given(promoted_lines(), st.data())
def test_any_split_of_a_line_refunds_exactly_what_was_paid(case, data):
    line, other = case
    quantity = int(line.quantity)
    paid = per_unit_amounts(line.unit_price_fen, list(line.unit_discounts))
    returned = 0
    refunds = []
    while returned < quantity:
        k = data.draw(st.integers(1, quantity - returned))
        refund = line.refund(k)
        if other == 0:  # promotions only: exactly the units' own stored amounts, to the fen
            assert refund.amount_fen == sum(paid[returned:returned + k])
        assert 0 <= refund.amount_fen
        refunds.append(refund)
        line = line.after(refund)
        returned += k
    assert sum(r.amount_fen for r in refunds) == line.total_fen
    assert sum(r.tax_fen for r in refunds) == line.tax_fen
    assert sum(r.discount_fen for r in refunds) == line.discount_fen
    assert sum(r.coupon_fen for r in refunds) == dict(line.promotions)["coupon:C"]
    with pytest.raises(ReturnExceedsRefundable):
        line.refund(1)


def routes() -> RefundRoutes:
    r = RefundRoutes()
    r.register("wechat", RefundRoute(10, "wallet"))
    return r


def test_refund_goes_to_the_original_tenders_in_the_documented_order():
    tenders = [PaidTender("cash", 500), PaidTender("card", 300, "SLIP1"), PaidTender("wechat", 400, "TX1")]
    parts, rounding = plan_refund(1000, tenders, routes())
    assert [(p.kind, p.amount_fen, p.method) for p in parts] == [
        ("wechat", 400, "wallet"), ("card", 300, "instruction"), ("cash", 300, "cash")]
    assert rounding == 0 and parts[1].reference == "SLIP1"


def test_manager_override_sends_everything_to_cash_rounded_in_the_customers_disfavour_never():
    parts, rounding = plan_refund(1234, [PaidTender("wechat", 2000, "TX")], routes(), to_cash=True,
                                  cash_rounding=lambda fen: fen - fen % 10)
    assert [(p.kind, p.amount_fen) for p in parts] == [("cash", 1230)] and rounding == -4


def test_an_unregistered_tender_kind_is_refunded_in_cash():
    parts, _ = plan_refund(500, [PaidTender("stored_value", 500, "M1")], routes())
    assert [(p.kind, p.method) for p in parts] == [("cash", "cash")]


def test_earlier_refunds_reduce_what_is_left_of_each_tender():
    tenders = [PaidTender("wechat", 400, "TX1"), PaidTender("card", 300, "S")]
    left = remaining_tenders(tenders, [("wechat", "TX1", 250)])
    assert [(t.kind, t.amount_fen) for t in left] == [("wechat", 150), ("card", 300)]


def test_lowest_price_never_above_today():
    assert lowest_price_fen(500, [450, 520]) == 450 and lowest_price_fen(500, []) == 500


def with_points() -> RefundRoutes:
    r = routes()
    r.register("points", RefundRoute(15, "points", pro_rata=True))
    return r


def test_redeemed_points_get_their_share_of_each_refund_even_when_a_manager_sends_money_to_cash():
    tenders = [PaidTender("points", 300), PaidTender("wechat", 700, "TX1")]
    parts, _ = plan_refund(400, tenders, with_points(), sale_left_fen=1000)
    assert [(p.kind, p.amount_fen, p.method) for p in parts] == [("points", 120, "points"), ("wechat", 280, "wallet")]
    parts, _ = plan_refund(400, tenders, with_points(), sale_left_fen=1000, to_cash=True)
    assert [(p.kind, p.amount_fen) for p in parts] == [("points", 120), ("cash", 280)]


@given(st.integers(1, 5000), st.integers(0, 5000), st.lists(st.integers(1, 3000), min_size=1, max_size=6))
def test_partial_returns_give_back_exactly_the_points_share_never_more(points_fen, other_fen, cuts):
    """Returns of any sizes, in order, until the sale is all refunded: each refund is paid in full,
    the points parts never pass the points tender and add up to it exactly at the end."""
    total = points_fen + other_fen
    tenders = [PaidTender("points", points_fen), PaidTender("card", other_fen, "S")]
    refunded, back = 0, []
    for cut in [*cuts, total]:
        amount = min(cut, total - refunded)
        if amount <= 0:
            break
        left = remaining_tenders(tenders, [("points", "", sum(back))] if back else [])
        parts, _ = plan_refund(amount, left, with_points(), sale_left_fen=total - refunded)
        assert sum(p.amount_fen for p in parts) == amount
        back.append(sum(p.amount_fen for p in parts if p.kind == "points"))
        refunded += amount
        assert sum(back) <= points_fen
    assert sum(back) == points_fen

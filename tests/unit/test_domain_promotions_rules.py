"""Promotion bodies the till does not understand are refused whole, each with a specific reason."""

import pytest

from pos_app.domain.errors import InvalidPromotion
from pos_app.domain.promotions import parse_promotion, refund_fen

BASE = {
    "promotion_id": "p1",
    "name": "满100减20",
    "valid_from": "2026-01-01T00:00:00Z",
    "valid_to": "2027-01-01T00:00:00Z",
    "combines_with": ["price", "item", "order", "coupon"],
    "rule": {"type": "threshold_off", "threshold_fen": 10000, "off_fen": 2000},
}


def test_a_valid_body_parses():
    promo = parse_promotion(BASE)
    assert (promo.layer, promo.rule.threshold_fen, promo.rule.off_fen) == ("order", 10000, 2000)


@pytest.mark.parametrize(("change", "reason"), [
    ({"rule": {"type": "lucky_draw"}}, "unknown promotion type 'lucky_draw'"),
    ({"rule": {"type": "threshold_off", "threshold_fen": 10000, "off_fen": 2000, "bonus": 1}}, "unknown field(s) bonus"),
    ({"rule": {"type": "threshold_off", "threshold_fen": 10000, "off_fen": 10000}}, "off_fen must be below threshold_fen"),
    ({"rule": {"type": "threshold_off", "threshold_fen": 10000, "off_fen": 20.5}}, "off_fen must be a whole number"),
    ({"rule": {"type": "percent_off", "targets": {"skus": ["A"]}, "percent": "100"}}, "must be above 0 and below 100"),
    ({"rule": {"type": "percent_off", "targets": {"skus": ["A"]}, "percent": "12.345"}}, "more than 2 decimals"),
    ({"rule": {"type": "fixed_price", "targets": {}, "price_fen": 100}}, "targets name no SKU"),
    ({"rule": {"type": "tiered", "tiers": [{"threshold_fen": 200, "off_fen": 10}, {"threshold_fen": 100, "off_fen": 5}]}},
     "strictly rising thresholds"),
    ({"valid_to": "2025-01-01T00:00:00Z"}, "valid_to must be after valid_from"),
    ({"valid_from": "2026-01-01T00:00:00"}, "has no time zone"),
    ({"daily_start": "14:00"}, "daily_start and daily_end come together"),
    ({"combines_with": ["order", "points"]}, "unknown layer"),
    ({"return_rule": "recompute"}, "unknown return_rule"),
    ({"surprise": True}, "unknown field(s) surprise"),
    ({"name": ""}, "name must be non-empty text"),
])
def test_bad_bodies_are_refused_with_the_reason(change, reason):
    with pytest.raises(InvalidPromotion) as caught:
        parse_promotion({**BASE, **change})
    assert reason in caught.value.params["reason"]
    assert caught.value.params["promotion_id"] == "p1"


def test_a_missing_field_is_named():
    body = dict(BASE)
    del body["rule"]
    with pytest.raises(InvalidPromotion, match="missing field 'rule'"):
        parse_promotion(body)


def test_returns_take_the_most_discounted_units_first():
    units = ((1, 500), (2, 0))  # 买二赠一 at 5.00 each, discount stored on one unit
    assert refund_fen(500, units, 0, 1) == 0
    assert refund_fen(500, units, 1, 2) == 1000
    with pytest.raises(ValueError, match="more units returned"):
        refund_fen(500, units, 2, 2)

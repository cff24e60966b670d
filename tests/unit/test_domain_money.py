from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.errors import (
    AmountTooLarge,
    FloatNotAllowed,
    InvalidAmount,
    NegativeAmount,
    TooManyDecimals,
    UnknownCurrency,
)
from pos_app.domain.money import (
    CashRounding,
    allocate,
    from_minor,
    money,
    parse_amount,
    round_line,
    to_decimal,
    to_minor,
)

amounts = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", Decimal("12.50")),
        ("0", Decimal("0.00")),
        (" 3 ", Decimal("3.00")),
        ("¥8.80", Decimal("8.80")),
        ("￥8.8", Decimal("8.80")),
        ("１２．５０", Decimal("12.50")),  # full-width digits from a Chinese IME
        (".5", Decimal("0.50")),
        ("999999.99", Decimal("999999.99")),
    ],
)
def test_parse_amount_accepts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("abc", InvalidAmount),
        ("", InvalidAmount),
        ("1,000", InvalidAmount),
        ("1e3", InvalidAmount),
        ("1.2.3", InvalidAmount),
        ("NaN", InvalidAmount),
        ("-5", NegativeAmount),
        ("1.234", TooManyDecimals),
        ("1000000", AmountTooLarge),
    ],
)
def test_parse_amount_refuses(text, error):
    with pytest.raises(error):
        parse_amount(text)


def test_parse_amount_negative_when_allowed():
    assert parse_amount("-5.20", allow_negative=True) == Decimal("-5.20")


def test_parse_amount_jpy_has_no_decimals():
    assert parse_amount("500", "JPY") == Decimal("500")
    with pytest.raises(TooManyDecimals) as info:
        parse_amount("500.5", "JPY")
    assert info.value.params["places"] == 0


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan")])
def test_floats_are_refused(value):
    with pytest.raises(FloatNotAllowed) as info:
        to_decimal(value)
    assert info.value.code == "money.float_not_allowed"


@pytest.mark.parametrize("value", [True, None, [], Decimal("Infinity"), "x"])
def test_non_numbers_are_refused(value):
    with pytest.raises(InvalidAmount):
        to_decimal(value)


def test_unknown_currency():
    with pytest.raises(UnknownCurrency):
        money("1", "XYZ")


def test_minor_units():
    assert to_minor(Decimal("12.34")) == 1234
    assert to_minor(Decimal("-0.05")) == -5
    assert to_minor(Decimal("1200"), "JPY") == 1200
    assert from_minor(1234) == Decimal("12.34")
    assert str(from_minor(5)) == "0.05"
    assert from_minor(1200, "JPY") == Decimal("1200")
    with pytest.raises(TooManyDecimals):
        to_minor(Decimal("0.001"))
    with pytest.raises(InvalidAmount):
        from_minor("12")


@given(st.integers(-(10**12), 10**12))
def test_minor_round_trip(units):
    assert to_minor(from_minor(units)) == units


def test_line_rounding_is_half_up():
    assert round_line(Decimal("0.005")) == Decimal("0.01")
    assert round_line(Decimal("0.015")) == Decimal("0.02")  # not banker's rounding
    assert round_line(Decimal("2.344")) == Decimal("2.34")


@pytest.mark.parametrize(
    ("rule", "amount", "expected"),
    [
        (CashRounding.NONE, "12.38", "12.38"),
        (CashRounding.NEAREST_0_05, "12.38", "12.40"),
        (CashRounding.NEAREST_0_05, "12.37", "12.35"),
        (CashRounding.NEAREST_0_05, "12.325", "12.35"),
        (CashRounding.NEAREST_0_05, "12.32", "12.30"),
        (CashRounding.DOWN_0_1, "12.38", "12.30"),
        (CashRounding.DOWN_0_1, "12.30", "12.30"),
        (CashRounding.DOWN_0_1, "0.09", "0.00"),
        (CashRounding.DOWN_0_1, "-12.38", "-12.30"),
    ],
)
def test_cash_rounding(rule, amount, expected):
    assert rule.apply(Decimal(amount)) == Decimal(expected)


@given(amounts, st.sampled_from(list(CashRounding)))
def test_cash_rounding_stays_within_its_step(amount, rule):
    rounded = rule.apply(amount)
    step = {
        CashRounding.NONE: 0,
        CashRounding.NEAREST_0_05: Decimal("0.025"),
        CashRounding.DOWN_0_1: Decimal("0.09"),
    }
    assert abs(rounded - amount) <= step[rule]
    if rule is CashRounding.DOWN_0_1:
        assert rounded <= amount


@given(
    st.decimals(min_value=Decimal("-9999.99"), max_value=Decimal("9999.99"), places=2),
    st.lists(st.decimals(min_value=0, max_value=1000, places=3), min_size=1, max_size=8),
)
def test_allocate_adds_up_and_is_fair(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    weight_sum = sum(weights)
    if weight_sum:
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part - total * weight / weight_sum) < Decimal("0.01")


def test_allocate_pro_rata_example():
    assert allocate(Decimal("1.00"), [Decimal(1), Decimal(1), Decimal(1)]) == [
        Decimal("0.34"),
        Decimal("0.33"),
        Decimal("0.33"),
    ]

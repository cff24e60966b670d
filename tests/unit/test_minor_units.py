"""Amounts kept in minor units follow the till's currency (`MINOR_UNITS`), not a fixed 1/100:
a yen till (no minor unit) rounds cash, reconciles counts and shows over/short in whole yen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.money import CashRounding, from_minor
from pos_app.domain.ticket import Ticket, TicketConfig
from pos_app.services.shift_figures import variances
from pos_app.ui.cart_model import format_money
from pos_app.ui.shift_common import signed_money

from .samples import COLA

D = Decimal


@pytest.mark.parametrize(
    ("rule", "amount", "expected"),
    [
        (CashRounding.NONE, "1238", "1238"),
        (CashRounding.NONE, "1237.6", "1238"),
        (CashRounding.NEAREST_0_05, "1238", "1240"),  # 5 minor units: 5 yen
        (CashRounding.NEAREST_0_05, "1232", "1230"),
        (CashRounding.DOWN_0_1, "1238", "1230"),  # 10 minor units: 10 yen
        (CashRounding.DOWN_0_1, "-1238", "-1230"),
    ],
)
def test_cash_rounding_steps_are_minor_units_of_the_currency(rule, amount, expected):
    rounded = rule.apply(D(amount), "JPY")
    assert rounded == D(expected)
    assert rounded.as_tuple().exponent == 0  # whole yen, not 1238.00


def test_a_yen_ticket_owes_cash_in_whole_yen():
    ticket = Ticket(TicketConfig(currency="JPY", cash_rounding=CashRounding.DOWN_0_1), ticket_id="t1")
    ticket.add_item(COLA, "128", 3)
    snap = ticket.snapshot()
    assert snap.total == D("384")
    assert snap.cash_due == D("380")


def test_variances_use_the_currency_tolerance():
    # 3 yen short with a 5 yen tolerance is within it; 3 fen short with 5 fen is too.
    (yen,) = variances({"cash": 1000}, {"cash": 997}, 5, "JPY")
    (fen,) = variances({"cash": 1000}, {"cash": 997}, 5, "CNY")
    assert yen.difference_fen == fen.difference_fen == -3
    assert yen.within_tolerance and fen.within_tolerance
    (over,) = variances({"cash": 1000}, {"cash": 1010}, 5, "JPY")
    assert not over.within_tolerance


def test_over_short_shows_the_currency_amount():
    assert signed_money(1234, "JPY") == "+" + format_money(from_minor(1234, "JPY"), "JPY") == "+¥1,234"
    assert from_minor(1234, "JPY") == D(1234)
    assert signed_money(-530, "CNY") == "-" + format_money(D("5.30"))
    assert signed_money(0) == format_money(D("0.00"))


def test_amounts_on_screen_show_the_currency_minor_units():
    from pos_app.ui.cart_model import format_minor

    assert format_money(D("1234.5"), "CNY") == "¥1,234.50"
    assert format_money(D("1235"), "JPY") == "¥1,235"  # no minor unit: no ".00"
    assert format_money(D("12.5"), "HKD") == "HK$12.50"
    assert format_minor(1234, "JPY") == "¥1,234"
    assert format_minor(1234, "CNY") == "¥12.34"


def test_the_till_currency_is_the_default_on_screen():
    from pos_app.domain.errors import UnknownCurrency
    from pos_app.ui.cart_model import format_minor, set_display_currency

    try:
        set_display_currency("JPY")
        assert format_money(D("500")) == "¥500"
        assert signed_money(-530, "JPY") == "-¥530"
        assert format_minor(500) == "¥500"
        with pytest.raises(UnknownCurrency):
            set_display_currency("XYZ")
        assert format_money(D("500")) == "¥500"  # a refused code changes nothing
    finally:
        set_display_currency("CNY")
    assert format_money(D("500")) == "¥500.00"

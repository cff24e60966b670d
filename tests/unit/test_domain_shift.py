from decimal import Decimal

import pytest

from pos_app.domain.errors import InvalidCount, NegativeAmount, UnknownDenomination
from pos_app.domain.shift import CNY_DENOMINATIONS, VarianceStatus, count_total, reconcile


def test_count_total():
    counts = {
        "note_100": 3,
        "note_20": 2,
        "coin_1": 7,
        "note_1": 1,
        "coin_0_5": 3,
        "coin_0_1": 4,
        "note_50": 0,
    }
    assert count_total(counts) == Decimal("349.90")
    assert count_total({}) == Decimal("0.00")


def test_denominations_are_unique_decimals():
    assert len({d.code for d in CNY_DENOMINATIONS}) == len(CNY_DENOMINATIONS)
    assert all(isinstance(d.value, Decimal) for d in CNY_DENOMINATIONS)


@pytest.mark.parametrize(
    ("counts", "error"),
    [
        ({"note_200": 1}, UnknownDenomination),
        ({"note_100": -1}, InvalidCount),
        ({"note_100": 1.0}, InvalidCount),
        ({"note_100": "3"}, InvalidCount),
        ({"note_100": True}, InvalidCount),
    ],
)
def test_bad_counts(counts, error):
    with pytest.raises(error):
        count_total(counts)


@pytest.mark.parametrize(
    ("expected", "counted", "tolerance", "difference", "status", "ok"),
    [
        ("500.00", "500.00", "0", "0.00", VarianceStatus.BALANCED, True),
        ("500.00", "501.50", "1", "1.50", VarianceStatus.OVER, False),
        ("500.00", "499.50", "1", "-0.50", VarianceStatus.SHORT, True),
        ("500.00", "499.00", "1", "-1.00", VarianceStatus.SHORT, True),
    ],
)
def test_reconcile(expected, counted, tolerance, difference, status, ok):
    variance = reconcile(Decimal(expected), Decimal(counted), Decimal(tolerance))
    assert (variance.difference, variance.status, variance.within_tolerance) == (
        Decimal(difference),
        status,
        ok,
    )


def test_reconcile_refuses_a_negative_count():
    with pytest.raises(NegativeAmount):
        reconcile(Decimal("10"), Decimal("-1"))

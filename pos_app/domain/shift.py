"""Counting the drawer at the end of a shift and comparing it with what the till expects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from .errors import InvalidCount, UnknownDenomination
from .money import ZERO, money


@dataclass(frozen=True)
class Denomination:
    code: str  # stable key for counts, e.g. "note_100", "coin_1"
    value: Decimal
    is_coin: bool


def _d(code: str, value: str) -> Denomination:
    return Denomination(code, Decimal(value), code.startswith("coin"))


#: Renminbi in circulation that a drawer holds (fen coins are legal tender but not counted).
CNY_DENOMINATIONS: tuple[Denomination, ...] = (
    _d("note_100", "100"),
    _d("note_50", "50"),
    _d("note_20", "20"),
    _d("note_10", "10"),
    _d("note_5", "5"),
    _d("note_1", "1"),
    _d("coin_1", "1"),
    _d("note_0_5", "0.5"),
    _d("coin_0_5", "0.5"),
    _d("note_0_1", "0.1"),
    _d("coin_0_1", "0.1"),
)


def count_total(
    counts: Mapping[str, int],
    denominations: tuple[Denomination, ...] = CNY_DENOMINATIONS,
    currency: str = "CNY",
) -> Decimal:
    """Total of a count given as {denomination code: number of notes/coins}."""
    by_code = {d.code: d for d in denominations}
    total = ZERO
    for code, count in counts.items():
        if code not in by_code:
            raise UnknownDenomination(value=code, currency=currency)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidCount(value=count, denomination=code)
        total += by_code[code].value * count
    return money(total, currency, maximum=None)


class VarianceStatus(StrEnum):
    BALANCED = "balanced"
    OVER = "over"
    SHORT = "short"


@dataclass(frozen=True)
class CashVariance:
    expected: Decimal
    counted: Decimal
    difference: Decimal  # counted - expected: positive is over, negative short
    status: VarianceStatus
    within_tolerance: bool


def reconcile(expected: Decimal, counted: Decimal, tolerance: Decimal = ZERO) -> CashVariance:
    """Over/short of a drawer count; ``tolerance`` (>= 0) is how far off still passes."""
    expected = money(expected, allow_negative=True, maximum=None)
    counted = money(counted, maximum=None)
    tolerance = money(tolerance, maximum=None)
    difference = counted - expected
    status = (
        VarianceStatus.BALANCED
        if difference == 0
        else VarianceStatus.OVER
        if difference > 0
        else VarianceStatus.SHORT
    )
    return CashVariance(expected, counted, difference, status, abs(difference) <= tolerance)


def business_date_at(local_now: datetime, cutoff_hour: int, last_closed: date | None = None) -> date:
    """The business day a shift opened at `local_now` (store local time) belongs to.

    Until `cutoff_hour` a store open past midnight is still on the previous day; a day that
    already has its Z report is over, so the next shift opens the day after it.
    """
    day = (local_now - timedelta(hours=cutoff_hour)).date()
    if last_closed is not None and day <= last_closed:
        day = last_closed + timedelta(days=1)
    return day

"""Money as ``Decimal`` yuan in code and integer minor units (fen) in storage, with named rounding.

Floats never enter: every public entry point goes through :func:`to_decimal`, which refuses them,
because a float cannot represent 0.1 exactly and a till must reconcile to the fen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from .errors import (
    AmountTooLarge,
    FloatNotAllowed,
    InvalidAmount,
    NegativeAmount,
    TooManyDecimals,
    UnknownCurrency,
)

DEFAULT_CURRENCY = "CNY"

#: ISO 4217 minor units of the currencies a store may be configured with.
MINOR_UNITS: dict[str, int] = {
    "CNY": 2,
    "HKD": 2,
    "MOP": 2,
    "TWD": 2,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "SGD": 2,
    "JPY": 0,
    "KRW": 0,
}

#: Largest amount a person may key in: a typo guard, far above any single till ticket.
MAX_AMOUNT = Decimal("999999.99")

#: Line rounding: amounts (quantity x price, percent discounts, tax) round half-up to the minor unit.
LINE_ROUNDING = ROUND_HALF_UP

ZERO = Decimal("0")


def minor_units(currency: str = DEFAULT_CURRENCY) -> int:
    try:
        return MINOR_UNITS[currency]
    except KeyError:
        raise UnknownCurrency(currency=currency) from None


def quantum(currency: str = DEFAULT_CURRENCY) -> Decimal:
    """The smallest unit, e.g. ``Decimal('0.01')`` for CNY, ``Decimal('1')`` for JPY."""
    return Decimal(1).scaleb(-minor_units(currency))


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Accept a Decimal, an int or a numeric string; refuse floats, bools and non-finite values."""
    if isinstance(value, float):
        raise FloatNotAllowed(value=value)
    if isinstance(value, bool):
        raise InvalidAmount(value=value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidAmount(value=value) from None
    else:
        raise InvalidAmount(value=value)
    if not result.is_finite():
        raise InvalidAmount(value=value)
    return result


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only reach here
    return max(0, -exponent)


def round_line(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """Line rounding: half-up to the minor unit (fen)."""
    return amount.quantize(quantum(currency), rounding=LINE_ROUNDING)


def money(
    value: Decimal | int | str,
    currency: str = DEFAULT_CURRENCY,
    *,
    allow_negative: bool = False,
    maximum: Decimal | None = MAX_AMOUNT,
) -> Decimal:
    """Validate an exact amount (no rounding) and return it quantized to the minor unit."""
    amount = to_decimal(value)
    if amount < 0 and not allow_negative:
        raise NegativeAmount(value=amount)
    places = minor_units(currency)
    if decimal_places(amount) > places:
        raise TooManyDecimals(value=amount, places=places)
    if maximum is not None and abs(amount) > maximum:
        raise AmountTooLarge(value=amount, maximum=maximum)
    return amount.quantize(quantum(currency)) + 0  # + 0 turns -0.00 into 0.00


def parse_amount(
    text: str,
    currency: str = DEFAULT_CURRENCY,
    *,
    allow_negative: bool = False,
    maximum: Decimal | None = MAX_AMOUNT,
) -> Decimal:
    """Parse what a person typed: full-width digits (IME) and a leading ¥/￥ are accepted.

    Thousands separators, exponents and words are refused rather than guessed at.
    """
    if not isinstance(text, str):
        raise InvalidAmount(value=text)
    cleaned = unicodedata.normalize("NFKC", text).strip().lstrip("¥").strip()
    body = cleaned[1:] if cleaned[:1] in "+-" else cleaned
    if not body or body.count(".") > 1 or not body.replace(".", "").isdigit() or not body.isascii():
        raise InvalidAmount(value=text)
    return money(cleaned, currency, allow_negative=allow_negative, maximum=maximum)


def to_minor(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> int:
    """Exact conversion to integer minor units; refuses amounts finer than the minor unit."""
    value = money(amount, currency, allow_negative=True, maximum=None)
    return int(value.scaleb(minor_units(currency)))


def from_minor(units: int, currency: str = DEFAULT_CURRENCY) -> Decimal:
    if isinstance(units, bool) or not isinstance(units, int):
        raise InvalidAmount(value=units)
    return Decimal(units).scaleb(-minor_units(currency)).quantize(quantum(currency))


def allocate(total: Decimal, weights: Sequence[Decimal], currency: str = DEFAULT_CURRENCY) -> list[Decimal]:
    """Split ``total`` pro rata to ``weights`` so the parts add up exactly (largest remainder).

    Each share is first rounded down to the minor unit; the leftover units go one by one to the
    shares with the largest remainders, ties to the earlier weight. All-zero weights get nothing
    but the first part (so the sum still holds).
    """
    if not weights:
        return []
    step = quantum(currency)
    weight_sum = sum(weights, ZERO)
    if weight_sum == 0:
        return [total, *([ZERO.quantize(step)] * (len(weights) - 1))]
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    exact = [magnitude * w / weight_sum for w in weights]
    shares = [e.quantize(step, rounding=ROUND_DOWN) for e in exact]
    leftover = int((magnitude - sum(shares, ZERO)) / step)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:leftover]:
        shares[i] += step
    return [sign * s for s in shares]


class CashRounding(StrEnum):
    """How the part of a ticket settled in cash is rounded (coins below the step are not used).

    NONE          to the minor unit, the fen (no rounding).
    NEAREST_0_05  to the nearest 5 minor units, halves up (CNY: 2.025 -> 2.05, 2.02 -> 2.00).
    DOWN_0_1      抹零: down to 10 minor units, the jiao, in the customer's favour (12.38 -> 12.30).

    Steps are counted in the currency's minor units (`MINOR_UNITS`), so they hold for any currency
    the till is set up with. Negative amounts round symmetrically (by magnitude).
    """

    NONE = "none"
    NEAREST_0_05 = "nearest_0_05"
    DOWN_0_1 = "down_0_1"

    def apply(self, amount: Decimal, currency: str = DEFAULT_CURRENCY) -> Decimal:
        amount = to_decimal(amount)
        sign = -1 if amount < 0 else 1
        magnitude = abs(amount)
        unit = quantum(currency)
        if self is CashRounding.NONE:
            rounded = magnitude.quantize(unit, rounding=ROUND_HALF_UP)
        elif self is CashRounding.NEAREST_0_05:
            step = 5 * unit
            rounded = (magnitude / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
        else:
            step = 10 * unit
            rounded = (magnitude / step).quantize(Decimal(1), rounding=ROUND_DOWN) * step
        return (sign * rounded).quantize(unit)

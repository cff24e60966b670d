"""VAT classes and the per-rate tax summary of a ticket.

Allocation rule (so the summary adds up exactly to the ticket total):

* Lines are grouped by tax class. For each class the tax is computed ONCE on the class's summed
  amount, rounded half-up to the fen:
  - inclusive prices (the Chinese retail norm): gross = sum of line amounts,
    tax = round(gross x rate / (1 + rate)), net = gross - tax;
  - exclusive prices: net = sum of line amounts, tax = round(net x rate), gross = net + tax.
* Per-line tax is that class tax split over its lines pro rata to the line amounts (largest
  remainder), so line taxes add up to the class tax and class grosses add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .errors import InvalidTaxRate, UnknownTaxClass
from .money import DEFAULT_CURRENCY, ZERO, allocate, quantum, round_line


class TaxMode(StrEnum):
    INCLUSIVE = "inclusive"
    EXCLUSIVE = "exclusive"


@dataclass(frozen=True)
class TaxClass:
    code: str
    rate: Decimal
    name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.rate, Decimal) or not self.rate.is_finite() or not (0 <= self.rate < 1):
            raise InvalidTaxRate(tax_code=self.code, rate=self.rate)


#: Common PRC VAT classes: goods 13%, agricultural produce/books 9%, services 6%, exempt 0%.
VAT_13 = TaxClass("VAT13", Decimal("0.13"), "VAT 13%")
VAT_9 = TaxClass("VAT9", Decimal("0.09"), "VAT 9%")
VAT_6 = TaxClass("VAT6", Decimal("0.06"), "VAT 6%")
VAT_0 = TaxClass("VAT0", Decimal("0.00"), "Exempt")
DEFAULT_TAX_CLASSES: tuple[TaxClass, ...] = (VAT_13, VAT_9, VAT_6, VAT_0)


class TaxTable:
    """The configured tax classes, looked up by code."""

    def __init__(self, classes: Iterable[TaxClass] = DEFAULT_TAX_CLASSES) -> None:
        self._by_code: Mapping[str, TaxClass] = {c.code: c for c in classes}

    def get(self, code: str) -> TaxClass:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownTaxClass(tax_code=code) from None

    def __iter__(self) -> Iterator[TaxClass]:
        return iter(self._by_code.values())


@dataclass(frozen=True)
class TaxBand:
    """One row of the tax summary: everything taxed at ``rate`` under class ``code``."""

    code: str
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True)
class TaxResult:
    bands: tuple[TaxBand, ...]
    line_taxes: tuple[Decimal, ...]  # in the order of the input lines

    @property
    def tax_total(self) -> Decimal:
        return sum((b.tax for b in self.bands), ZERO)

    @property
    def gross_total(self) -> Decimal:
        return sum((b.gross for b in self.bands), ZERO)


def band_tax(amount: Decimal, rate: Decimal, mode: TaxMode, currency: str = DEFAULT_CURRENCY) -> Decimal:
    if mode is TaxMode.INCLUSIVE:
        return round_line(amount * rate / (1 + rate), currency)
    return round_line(amount * rate, currency)


def compute_tax(
    lines: Sequence[tuple[TaxClass, Decimal]], mode: TaxMode, currency: str = DEFAULT_CURRENCY
) -> TaxResult:
    """Tax summary (bands sorted by rate descending, then code) and per-line tax for ``lines``
    given as (tax class, line amount after all discounts)."""
    groups: dict[tuple[str, Decimal], list[int]] = {}
    for index, (tax_class, _) in enumerate(lines):
        groups.setdefault((tax_class.code, tax_class.rate), []).append(index)
    zero = ZERO.quantize(quantum(currency))
    line_taxes = [zero] * len(lines)
    bands = []
    for (code, rate), indexes in groups.items():
        amounts = [lines[i][1] for i in indexes]
        base = sum(amounts, zero)
        tax = band_tax(base, rate, mode, currency)
        for i, share in zip(indexes, allocate(tax, amounts, currency), strict=True):
            line_taxes[i] = share
        net, gross = (base - tax, base) if mode is TaxMode.INCLUSIVE else (base, base + tax)
        bands.append(TaxBand(code, rate, net, tax, gross))
    bands.sort(key=lambda b: (-b.rate, b.code))
    return TaxResult(tuple(bands), tuple(line_taxes))

"""Classify a scanned code: GTINs, in-store variable-measure labels and registered kinds.

Order of classification (explicit, first match wins):

1. registered code kinds (member card, coupon, pickup code, receipt number, ...) in the order
   they were registered, each only in the contexts it declares;
2. variable-measure layouts, in configured order (a layout matches on length and prefix; once it
   matches, a wrong check digit is an error, not a fall-through);
3. GTIN-8 / UPC-A (12) / EAN-13 / GTIN-14, check digit verified by python-stdnum;
4. otherwise :class:`BadCodeLength` for an all-digit code, :class:`UnknownCodeFormat` for the rest.

Default variable-measure layouts (the common Chinese supermarket scale formats; GS1 reserves
prefixes 20-29 for in-store use). Positions are 0-based; ``C`` is the EAN mod-10 check digit
computed over all preceding digits:

================  ======  ====================================================================
name              length  layout
================  ======  ====================================================================
price13           13      ``22`` PPPPP $$$$$ C   PLU (5), price in fen (5), max 999.99 yuan
weight13          13      ``23`` PPPPP WWWWW C   PLU (5), weight in grams (5), max 99.999 kg
scale18           18      ``2``  PPPPP WWWWW $$$$$$ C   PLU, weight (g), price (fen, 6)
================  ======  ====================================================================

Stores configure other layouts as data (:meth:`VariableMeasureLayout.from_dict`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from stdnum import ean
from stdnum.exceptions import InvalidChecksum

from .errors import (
    BadCheckDigit,
    BadCodeLength,
    DuplicateCodeKind,
    EmptyCode,
    InvalidBarcodeLayout,
    UnknownCodeFormat,
)

GTIN_FORMATS = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


def ean_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit for ``body`` (any length of digits)."""
    if not body.isascii() or not body.isdigit():
        raise UnknownCodeFormat(code=body)
    return ean.calc_check_digit(body)


def make_ean13(first12: str) -> str:
    """A valid EAN-13 from its first 12 digits (demo data, in-store codes)."""
    if len(first12) != 12:
        raise BadCodeLength(code=first12, length=len(first12))
    return first12 + ean_check_digit(first12)


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GtinCode:
    """A trade item number. ``gtin14`` is the lookup key: the scanned digits left-padded to 14,
    so a UPC-A and the same item's EAN-13 (leading 0) find the same product."""

    scanned: str
    format: str  # "EAN-8" | "UPC-A" | "EAN-13" | "GTIN-14"

    @property
    def gtin14(self) -> str:
        return self.scanned.zfill(14)


class MeasureKind(StrEnum):
    PRICE = "price"
    WEIGHT = "weight"
    WEIGHT_AND_PRICE = "weight_and_price"


@dataclass(frozen=True)
class VariableMeasureCode:
    """An in-store scale label: the PLU and what the scale printed (weight in kg, price in yuan)."""

    scanned: str
    layout: str
    plu: str
    weight_kg: Decimal | None
    price: Decimal | None


@dataclass(frozen=True)
class RegisteredCode:
    """A code claimed by a registered kind; ``parsed`` is whatever its matcher returned."""

    kind: str
    value: str
    parsed: Any


ScanResult = GtinCode | VariableMeasureCode | RegisteredCode


# --- variable-measure layouts ------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of digits: ``start`` (0-based) and ``length``."""

    start: int
    length: int

    def take(self, code: str) -> str:
        return code[self.start : self.start + self.length]

    @property
    def end(self) -> int:
        return self.start + self.length


class CheckDigit(StrEnum):
    NONE = "none"  # no check digit in the code
    PRESENT = "present"  # last digit is a check digit but scales in use print garbage there
    VALIDATED = "validated"  # last digit is the mod-10 check digit over all preceding digits


@dataclass(frozen=True)
class VariableMeasureLayout:
    """One configured label format. ``weight`` is in units of 10^-weight_decimals kg (grams for 3)
    and ``price`` in units of 10^-price_decimals yuan (fen for 2)."""

    name: str
    prefixes: tuple[str, ...]
    length: int
    kind: MeasureKind
    plu: Span
    weight: Span | None = None
    price: Span | None = None
    weight_decimals: int = 3
    price_decimals: int = 2
    check_digit: CheckDigit = CheckDigit.VALIDATED

    def __post_init__(self) -> None:
        def bad(reason: str) -> InvalidBarcodeLayout:
            return InvalidBarcodeLayout(name=self.name, reason=reason)

        if not self.prefixes or any(not p.isdigit() for p in self.prefixes):
            raise bad("prefixes must be one or more digit strings")
        if self.length < 2 or any(len(p) >= self.length for p in self.prefixes):
            raise bad("length must be longer than every prefix")
        needs_weight = self.kind in (MeasureKind.WEIGHT, MeasureKind.WEIGHT_AND_PRICE)
        needs_price = self.kind in (MeasureKind.PRICE, MeasureKind.WEIGHT_AND_PRICE)
        if needs_weight != (self.weight is not None) or needs_price != (self.price is not None):
            raise bad(f"kind {self.kind.value} needs exactly its weight/price fields")
        body_end = self.length - (0 if self.check_digit is CheckDigit.NONE else 1)
        fields = [f for f in (self.plu, self.weight, self.price) if f is not None]
        floor = max(len(p) for p in self.prefixes)
        for f in fields:
            if f.length < 1 or f.start < floor or f.end > body_end:
                raise bad(f"field at {f.start}+{f.length} is outside the digits after the prefix")
        spans = sorted((f.start, f.end) for f in fields)
        if any(a_end > b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)):
            raise bad("fields overlap")
        if not (0 <= self.weight_decimals <= 6 and 0 <= self.price_decimals <= 4):
            raise bad("decimals out of range")

    def matches(self, code: str) -> bool:
        return len(code) == self.length and code.isdigit() and code.startswith(self.prefixes)

    def parse(self, code: str) -> VariableMeasureCode:
        """Parse a code for which :meth:`matches` is true; a wrong check digit raises."""
        if self.check_digit is CheckDigit.VALIDATED and ean.calc_check_digit(code[:-1]) != code[-1]:
            raise BadCheckDigit(code=code)
        weight = Decimal(int(self.weight.take(code))).scaleb(-self.weight_decimals) if self.weight else None
        price = Decimal(int(self.price.take(code))).scaleb(-self.price_decimals) if self.price else None
        return VariableMeasureCode(
            scanned=code,
            layout=self.name,
            plu=self.plu.take(code),
            weight_kg=weight.quantize(Decimal("0.001")) if weight is not None else None,
            price=price.quantize(Decimal("0.01")) if price is not None else None,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VariableMeasureLayout:
        """Build from config: ``{"name", "prefixes", "length", "kind", "plu": [start, length],
        "weight": [start, length] | None, "price": ..., "weight_decimals", "price_decimals",
        "check_digit": "none"|"present"|"validated"}``."""
        name = str(data.get("name", "?"))
        try:

            def span(key: str) -> Span | None:
                value = data.get(key)
                return None if value is None else Span(int(value[0]), int(value[1]))

            plu = span("plu")
            if plu is None:
                raise ValueError("plu is required")
            return cls(
                name=name,
                prefixes=tuple(str(p) for p in data["prefixes"]),
                length=int(data["length"]),
                kind=MeasureKind(data["kind"]),
                plu=plu,
                weight=span("weight"),
                price=span("price"),
                weight_decimals=int(data.get("weight_decimals", 3)),
                price_decimals=int(data.get("price_decimals", 2)),
                check_digit=CheckDigit(data.get("check_digit", "validated")),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise InvalidBarcodeLayout(name=name, reason=str(exc) or type(exc).__name__) from None

    def to_dict(self) -> dict[str, Any]:
        def span(f: Span | None) -> list[int] | None:
            return None if f is None else [f.start, f.length]

        return {
            "name": self.name,
            "prefixes": list(self.prefixes),
            "length": self.length,
            "kind": self.kind.value,
            "plu": span(self.plu),
            "weight": span(self.weight),
            "price": span(self.price),
            "weight_decimals": self.weight_decimals,
            "price_decimals": self.price_decimals,
            "check_digit": self.check_digit.value,
        }


PRICE_13 = VariableMeasureLayout(
    name="price13", prefixes=("22",), length=13, kind=MeasureKind.PRICE, plu=Span(2, 5), price=Span(7, 5)
)
WEIGHT_13 = VariableMeasureLayout(
    name="weight13", prefixes=("23",), length=13, kind=MeasureKind.WEIGHT, plu=Span(2, 5), weight=Span(7, 5)
)
SCALE_18 = VariableMeasureLayout(
    name="scale18",
    prefixes=("2",),
    length=18,
    kind=MeasureKind.WEIGHT_AND_PRICE,
    plu=Span(1, 5),
    weight=Span(6, 5),
    price=Span(11, 6),
)
DEFAULT_LAYOUTS: tuple[VariableMeasureLayout, ...] = (PRICE_13, WEIGHT_13, SCALE_18)


# --- registered kinds --------------------------------------------------------------------------

#: A matcher returns the parsed value when the code is of its kind, None otherwise. It may raise a
#: PosError when the code is clearly of its kind but malformed (e.g. right prefix, bad body).
Matcher = Callable[[str], Any | None]


@dataclass(frozen=True)
class CodeKind:
    """A code kind registered by a later feature. ``contexts`` limits where it is tried (e.g. a bare
    6-digit pickup code only in the "pickup" context); None means everywhere."""

    name: str
    matcher: Matcher
    contexts: frozenset[str] | None = None

    def applies_in(self, context: str | None) -> bool:
        return self.contexts is None or context in self.contexts


@dataclass
class CodeKindRegistry:
    """Ordered registry of code kinds; earlier registrations are tried first."""

    _kinds: list[CodeKind] = field(default_factory=list)

    def register(self, name: str, matcher: Matcher, *, contexts: Iterable[str] | None = None) -> CodeKind:
        if any(k.name == name for k in self._kinds):
            raise DuplicateCodeKind(kind=name)
        kind = CodeKind(name, matcher, None if contexts is None else frozenset(contexts))
        self._kinds.append(kind)
        return kind

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self._kinds)

    def match(self, code: str, context: str | None) -> RegisteredCode | None:
        for kind in self._kinds:
            if kind.applies_in(context):
                parsed = kind.matcher(code)
                if parsed is not None:
                    return RegisteredCode(kind=kind.name, value=code, parsed=parsed)
        return None


# --- classifier --------------------------------------------------------------------------------


def clean_scan(raw: str) -> str:
    """Strip what scanners add around a code: whitespace, CR/LF, tabs."""
    return raw.strip()


@dataclass
class BarcodeClassifier:
    layouts: tuple[VariableMeasureLayout, ...] = DEFAULT_LAYOUTS
    registry: CodeKindRegistry = field(default_factory=CodeKindRegistry)

    def classify(self, raw: str, context: str | None = None) -> ScanResult:
        code = clean_scan(raw)
        if not code:
            raise EmptyCode()
        registered = self.registry.match(code, context)
        if registered is not None:
            return registered
        if not (code.isascii() and code.isdigit()):
            raise UnknownCodeFormat(code=code)
        for layout in self.layouts:
            if layout.matches(code):
                return layout.parse(code)
        return classify_gtin(code)


def classify_gtin(code: str) -> GtinCode:
    """A GTIN with its check digit verified; other digit counts raise BadCodeLength."""
    if not (code.isascii() and code.isdigit()):
        raise UnknownCodeFormat(code=code)
    if len(code) not in GTIN_FORMATS:
        raise BadCodeLength(code=code, length=len(code))
    try:
        ean.validate(code)
    except InvalidChecksum:
        raise BadCheckDigit(code=code) from None
    return GtinCode(scanned=code, format=GTIN_FORMATS[len(code)])

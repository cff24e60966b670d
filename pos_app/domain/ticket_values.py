"""The ticket's frozen values: its lines as stored (product, discount, config) and the snapshot
every screen, receipt and outbox payload reads (:class:`TicketSnapshot`, computed by
:class:`pos_app.domain.ticket.Ticket`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .errors import (
    DiscountExceedsAmount,
    InvalidDiscount,
)
from .money import (
    DEFAULT_CURRENCY,
    ZERO,
    CashRounding,
    decimal_places,
    money,
    round_line,
    to_decimal,
)
from .tax import TaxBand, TaxClass, TaxMode
from .tenders import Tender


class TicketStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ProductRef:
    """What the ticket needs to know about a product, copied in when the item is added."""

    sku: str
    name: str
    tax_class: TaxClass
    name_en: str = ""
    sold_by_weight: bool = False
    unit: str = "pcs"
    category: str | None = None  # what category-wide promotions look at


class DiscountKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"


@dataclass(frozen=True)
class Discount:
    """An amount off (yuan) or a percent off (0 < p <= 100, up to 2 decimals)."""

    kind: DiscountKind
    value: Decimal

    def __post_init__(self) -> None:
        value = to_decimal(self.value)
        if self.kind is DiscountKind.PERCENT:
            if not 0 < value <= 100:
                raise InvalidDiscount(value=value, reason="a percent must be above 0 and at most 100")
            if decimal_places(value) > 2:
                raise InvalidDiscount(value=value, reason="a percent has at most 2 decimals")
        else:
            value = money(value)
            if value == 0:
                raise InvalidDiscount(value=value, reason="an amount off must be above zero")
        object.__setattr__(self, "value", value)

    @classmethod
    def amount(cls, value: Decimal | int | str) -> Discount:
        return cls(DiscountKind.AMOUNT, value)  # type: ignore[arg-type]

    @classmethod
    def percent(cls, value: Decimal | int | str) -> Discount:
        return cls(DiscountKind.PERCENT, value)  # type: ignore[arg-type]

    def off(self, base: Decimal, currency: str) -> Decimal:
        """The amount taken off ``base``; more than the base is refused."""
        if self.kind is DiscountKind.PERCENT:
            return round_line(base * self.value / 100, currency)
        if self.value > base:
            raise DiscountExceedsAmount(discount=self.value, amount=base)
        return self.value


@dataclass(frozen=True)
class TicketConfig:
    currency: str = DEFAULT_CURRENCY
    tax_mode: TaxMode = TaxMode.INCLUSIVE
    cash_rounding: CashRounding = CashRounding.NONE
    max_quantity: Decimal = Decimal(9999)


@dataclass(frozen=True)
class Line:
    """A ticket line as stored. ``by_weight``: quantity is kg (3 decimals), else whole pieces.
    ``label_price``: the price printed by a scale label, used instead of quantity x unit price."""

    line_id: int
    product: ProductRef
    quantity: Decimal
    unit: str
    by_weight: bool
    unit_price: Decimal
    original_price: Decimal
    override_reason: str | None = None
    label_price: Decimal | None = None
    discount: Discount | None = None
    voided: bool = False

    def amount(self, currency: str) -> Decimal:
        if self.label_price is not None:
            return self.label_price
        return round_line(self.quantity * self.unit_price, currency)


@dataclass(frozen=True)
class LineSnapshot:
    line_id: int
    sku: str
    name: str
    name_en: str
    quantity: Decimal
    unit: str
    sold_by_weight: bool
    unit_price: Decimal
    original_price: Decimal
    override_reason: str | None
    label_price: Decimal | None
    amount: Decimal  # quantity x unit price (or label price), before discounts
    discount: Decimal  # line discount
    discount_rule: Discount | None
    total: Decimal  # amount - line discount: what the receipt shows on the line
    ticket_discount_share: Decimal  # this line's part of the ticket discount
    net_total: Decimal  # total - ticket_discount_share: the taxed amount
    tax: Decimal
    tax_code: str
    tax_rate: Decimal
    voided: bool
    promotion_discount: Decimal = ZERO  # this line's shares of the promotions (`total` is after them)
    promotions: tuple[PromotionShare, ...] = ()
    unit_discounts: tuple[tuple[int, int], ...] = ()  # (units, promotion fen per unit), see LinePricing


@dataclass(frozen=True)
class PromotionShare:
    """A promotion as a line or the receipt shows it: names and the amount it takes off."""

    promotion_id: str
    name: str
    name_en: str
    amount: Decimal


@dataclass(frozen=True)
class TicketSnapshot:
    ticket_id: str
    status: TicketStatus
    currency: str
    tax_mode: TaxMode
    cash_rounding: CashRounding
    lines: tuple[LineSnapshot, ...]
    item_count: int  # pieces, plus one per weighed line
    subtotal: Decimal  # live lines before any discount
    ticket_discount: Decimal
    discount_total: Decimal  # line discounts + ticket discount
    tax_total: Decimal
    total: Decimal  # amount due before cash rounding
    tax_summary: tuple[TaxBand, ...]
    tenders: tuple[Tender, ...]
    paid: Decimal  # sum of tender amounts
    rounding: Decimal  # sum of cash-rounding adjustments
    remaining: Decimal  # total + rounding - paid
    cash_due: Decimal  # remaining after cash rounding: what to ask for in cash
    change: Decimal
    is_paid: bool
    totalled: bool
    promotions: tuple[PromotionShare, ...] = ()  # every promotion applied, with its whole saving
    saved: Decimal = ZERO  # promotions + line discounts + ticket discount: "You save"

"""Wire contract between the till and the central platform (pydantic v2).

This module is the single source of truth for field names. Every payload that crosses the
wire is validated against these models; a payload that does not fit is rejected whole, so
the till never applies half a page or a guessed value.

Conventions: money is integer fen (``*_fen``, never float), quantities are decimal strings
with at most 3 decimals (``"1.250"``), timestamps are timezone-aware UTC ISO 8601, ids that
the till creates are UUID4 as 32 lowercase hex characters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Annotated, ClassVar, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

# ---------------------------------------------------------------------------------------------
# Scalar types
# ---------------------------------------------------------------------------------------------

#: Money in fen. Strict: ``"100"`` or ``1.0`` is rejected, not coerced.
Fen = Annotated[StrictInt, Field(ge=0, le=10**12)]
#: A signed amount in fen (rounding adjustments, refunds as negatives are not used).
SignedFen = Annotated[StrictInt, Field(ge=-(10**12), le=10**12)]
#: Non-negative decimal quantity as a string, at most 3 decimals: "2", "0.355".
Quantity = Annotated[str, StringConstraints(strict=True, pattern=r"^(0|[1-9][0-9]{0,8})(\.[0-9]{1,3})?$")]
#: Signed decimal quantity (stock deltas, stock levels that went negative).
SignedQuantity = Annotated[
    str, StringConstraints(strict=True, pattern=r"^-?(0|[1-9][0-9]{0,8})(\.[0-9]{1,3})?$")
]
#: Decimal rate as a string, e.g. "0.13".
Rate = Annotated[str, StringConstraints(strict=True, pattern=r"^(0|1)(\.[0-9]{1,4})?$")]
#: Ids created by the till: UUID4 hex.
ClientId = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{32}$")]
#: Ids created by the platform or by people (sku, store, member, order ids).
Code = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
#: Free text shown to people (names, notes): no control characters.
Text = Annotated[str, StringConstraints(strict=True, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
LongText = Annotated[str, StringConstraints(strict=True, max_length=2000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")]
Name = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
Gtin = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{8,14}$")]
Phone = Annotated[str, StringConstraints(strict=True, pattern=r"^\+?[0-9]{5,20}$")]
HexDigest = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
Salt = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{16,64}$")]
#: Tax class names configured per store, e.g. "VAT13", "VAT9", "VAT0".
TaxClass = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z][A-Z0-9_]{0,15}$")]
#: Tender kinds are configured per chain: "cash", "wechat_pay", "alipay", "card", "coupon", ...
TenderKind = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]{0,31}$")]
#: Opaque change-feed cursor: the till stores it and sends it back, nothing else.
Cursor = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=512, pattern=r"^[A-Za-z0-9_=-]+$")]
#: Idempotency-Key header value: the till sends its outbox event id.
IdempotencyKey = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]{8,64}$")]

Resource = Literal["catalog", "prices", "stock", "members", "coupons", "pickup_orders"]
RESOURCES: tuple[Resource, ...] = ("catalog", "prices", "stock", "members", "coupons", "pickup_orders")

EventKind = Literal["sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report"]
EVENT_KINDS: tuple[EventKind, ...] = ("sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report")

PickupStatus = Literal["new", "picking", "ready", "collected", "partially_collected", "cancelled", "expired"]
#: The customer's pickup QR code says "O2OPU:{order_no}:{code}".
PICKUP_QR_PREFIX = "O2OPU"


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are an error, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------------------------
# Pulled resources
# ---------------------------------------------------------------------------------------------


class Product(WireModel):
    """A catalog entry (feed ``catalog``; key ``sku``)."""

    KEY_FIELD: ClassVar[str] = "sku"
    sku: Code
    gtins: list[Gtin] = Field(max_length=50)
    name: Name
    name_en: Text
    category_code: Code
    category_name: Text
    category_name_en: Text
    unit: Literal["pcs", "kg"]
    sold_by_weight: StrictBool
    tax_class: TaxClass
    price_fen: Fen
    member_price_fen: Fen | None
    active: StrictBool
    #: Price look-up code printed in the store's scale labels (weighed and fresh goods).
    plu: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{4,8}$")] | None = None

    @model_validator(mode="after")
    def _unit_matches_weight(self) -> Product:
        if self.sold_by_weight != (self.unit == "kg"):
            raise ValueError("sold_by_weight must be true exactly when unit is 'kg'")
        return self


class Price(WireModel):
    """Current shelf and member price of one SKU (feed ``prices``; key ``sku``)."""

    KEY_FIELD: ClassVar[str] = "sku"
    sku: Code
    price_fen: Fen
    member_price_fen: Fen | None


class StockLevel(WireModel):
    """Server-authoritative stock of one SKU in this store (feed ``stock``; key ``sku``)."""

    KEY_FIELD: ClassVar[str] = "sku"
    sku: Code
    quantity: SignedQuantity
    as_of: AwareDatetime


class Member(WireModel):
    """A loyalty member (feed ``members``; key ``member_id``)."""

    KEY_FIELD: ClassVar[str] = "member_id"
    member_id: Code
    card_no: Code
    name: Text
    phone: Phone
    tier: Code
    points: Annotated[StrictInt, Field(ge=0, le=10**12)]


class Coupon(WireModel):
    """A coupon code (feed ``coupons``; key ``code``).

    ``amount_off`` takes ``value_fen`` off; ``percent_off`` takes ``percent_off`` percent off.
    """

    KEY_FIELD: ClassVar[str] = "code"
    code: Code
    kind: Literal["amount_off", "percent_off"]
    value_fen: Fen
    percent_off: Annotated[StrictInt, Field(ge=0, le=100)]
    min_spend_fen: Fen
    valid_from: AwareDatetime
    valid_to: AwareDatetime
    active: StrictBool

    @model_validator(mode="after")
    def _consistent(self) -> Coupon:
        if self.valid_to <= self.valid_from:
            raise ValueError("valid_to must be after valid_from")
        if self.kind == "amount_off" and (self.value_fen <= 0 or self.percent_off != 0):
            raise ValueError("an amount_off coupon needs value_fen > 0 and percent_off = 0")
        if self.kind == "percent_off" and (not 0 < self.percent_off < 100 or self.value_fen != 0):
            raise ValueError("a percent_off coupon needs 0 < percent_off < 100 and value_fen = 0")
        return self


class PickupOrderLine(WireModel):
    line_id: Code
    sku: Code
    name: Name
    quantity: Quantity
    unit: Literal["pcs", "kg"]
    price_fen: Fen


def pickup_code_hash(salt_hex: str, code: str) -> str:
    """The hash the platform sends instead of the plain pickup code."""
    return hashlib.sha256(bytes.fromhex(salt_hex) + code.encode()).hexdigest()


class PickupOrder(WireModel):
    """A buy-online-pick-up-in-store order (feed ``pickup_orders``; key ``order_id``).

    The plain 6-digit pickup code never reaches the till: only a salted SHA-256 of it, so a
    copied till database does not reveal codes. The customer's QR says
    ``O2OPU:{order_no}:{code}``.
    """

    KEY_FIELD: ClassVar[str] = "order_id"
    order_id: Code
    order_no: Code
    customer_name: Text
    customer_phone: Phone
    status: PickupStatus
    payment: Literal["paid_online", "pay_at_store"]
    pickup_deadline: AwareDatetime
    notes: LongText
    lines: list[PickupOrderLine] = Field(min_length=1, max_length=500)
    pickup_code_salt: Salt
    pickup_code_hash: HexDigest

    def code_matches(self, code: str) -> bool:
        """True if ``code`` is this order's pickup code (constant-time comparison)."""
        return hmac.compare_digest(pickup_code_hash(self.pickup_code_salt, code), self.pickup_code_hash)


RESOURCE_MODELS: dict[str, type[WireModel]] = {
    "catalog": Product,
    "prices": Price,
    "stock": StockLevel,
    "members": Member,
    "coupons": Coupon,
    "pickup_orders": PickupOrder,
}

T = TypeVar("T", bound=WireModel)


class FeedItem(WireModel, Generic[T]):
    """One change: the new state of ``key``, or a tombstone (``deleted`` and no data)."""

    key: Code
    deleted: StrictBool
    data: T | None

    @model_validator(mode="after")
    def _tombstone_rules(self) -> FeedItem[T]:
        if self.deleted and self.data is not None:
            raise ValueError("a tombstone (deleted=true) must have data=null")
        if not self.deleted:
            if self.data is None:
                raise ValueError("a live item (deleted=false) needs data")
            own_key = getattr(self.data, type(self.data).KEY_FIELD)
            if own_key != self.key:
                raise ValueError(f"item key {self.key!r} differs from its data's key {own_key!r}")
        return self


class FeedPage(WireModel, Generic[T]):
    """A page of a change feed. Apply ``items`` and store ``next_cursor`` in one transaction."""

    items: list[FeedItem[T]] = Field(max_length=5000)
    next_cursor: Cursor
    has_more: StrictBool


class Snapshot(WireModel, Generic[T]):
    """All live items of a resource, and the cursor to continue the feed from."""

    items: list[T]
    cursor: Cursor


class CatalogPage(FeedPage[Product]):
    pass


class PricesPage(FeedPage[Price]):
    pass


class StockPage(FeedPage[StockLevel]):
    pass


class MembersPage(FeedPage[Member]):
    pass


class CouponsPage(FeedPage[Coupon]):
    pass


class PickupOrdersPage(FeedPage[PickupOrder]):
    pass


class CatalogSnapshot(Snapshot[Product]):
    pass


class PricesSnapshot(Snapshot[Price]):
    pass


class StockSnapshot(Snapshot[StockLevel]):
    pass


class MembersSnapshot(Snapshot[Member]):
    pass


class CouponsSnapshot(Snapshot[Coupon]):
    pass


class PickupOrdersSnapshot(Snapshot[PickupOrder]):
    pass


PAGE_MODELS: dict[str, type[FeedPage]] = {
    "catalog": CatalogPage,
    "prices": PricesPage,
    "stock": StockPage,
    "members": MembersPage,
    "coupons": CouponsPage,
    "pickup_orders": PickupOrdersPage,
}
SNAPSHOT_MODELS: dict[str, type[Snapshot]] = {
    "catalog": CatalogSnapshot,
    "prices": PricesSnapshot,
    "stock": StockSnapshot,
    "members": MembersSnapshot,
    "coupons": CouponsSnapshot,
    "pickup_orders": PickupOrdersSnapshot,
}

# ---------------------------------------------------------------------------------------------
# Pushed events
# ---------------------------------------------------------------------------------------------


class SaleLine(WireModel):
    sku: Code
    name: Name
    quantity: Quantity
    unit_price_fen: Fen
    discount_fen: Fen
    line_total_fen: Fen
    tax_rate: Rate
    tax_fen: Fen


class Tender(WireModel):
    """A payment applied to the sale (net of change given back)."""

    kind: TenderKind
    amount_fen: Fen
    reference: Text


class StockDelta(WireModel):
    """A signed stock movement caused by a sale or a return (the till never sends levels)."""

    movement_id: ClientId
    sku: Code
    delta: SignedQuantity


def _check_totals(lines: list[SaleLine], tenders: list[Tender], rounding_fen: int, total_fen: int) -> None:
    lines_total = sum(line.line_total_fen for line in lines)
    if lines_total + rounding_fen != total_fen:
        raise ValueError(
            f"total_fen {total_fen} != sum of line_total_fen {lines_total} + rounding_fen {rounding_fen}"
        )
    tendered = sum(t.amount_fen for t in tenders)
    if tendered != total_fen:
        raise ValueError(f"tenders add up to {tendered} fen, total_fen is {total_fen}")


class _Settlement(WireModel):
    """What a sale and a return share: who, when, the lines and tenders, and totals that add up:
    ``total_fen`` = sum of line totals + ``rounding_fen`` (抹零, <= 0) = sum of tenders."""

    receipt_no: Code
    store_id: Code
    till_id: Code
    business_date: dt.date
    completed_at: AwareDatetime
    cashier_id: Code
    lines: list[SaleLine] = Field(min_length=1, max_length=1000)
    tenders: list[Tender] = Field(min_length=1, max_length=20)
    rounding_fen: Annotated[StrictInt, Field(ge=-99, le=0)] = 0
    total_fen: Fen
    stock_movements: list[StockDelta] = Field(max_length=1000)

    @model_validator(mode="after")
    def _totals(self) -> _Settlement:
        _check_totals(self.lines, self.tenders, self.rounding_fen, self.total_fen)
        return self


class Sale(_Settlement):
    """A completed sale."""

    sale_id: ClientId
    member_id: Code | None = None


class Return(_Settlement):
    """Goods taken back against an earlier sale; amounts are positive refunds."""

    return_id: ClientId
    original_sale_id: ClientId
    reason: Text


class StockMovement(WireModel):
    """A stock change outside a sale: delivery received, waste, count correction."""

    movement_id: ClientId
    store_id: Code
    till_id: Code
    sku: Code
    delta: SignedQuantity
    reason: Literal["received", "waste", "count_correction", "transfer_in", "transfer_out", "other"]
    at: AwareDatetime
    user_id: Code
    note: Text = ""


class HandedOverLine(WireModel):
    line_id: Code
    quantity: Quantity


class PickupEvent(WireModel):
    """A status change of a pickup order made at the till (picking, ready, handed over, ...)."""

    event_id: ClientId
    order_id: Code
    store_id: Code
    status: Literal["picking", "ready", "collected", "partially_collected", "cancelled", "expired"]
    lines: list[HandedOverLine] = Field(max_length=500)
    at: AwareDatetime
    till_id: Code
    user_id: Code
    reason: Text = ""

    @model_validator(mode="after")
    def _lines_only_when_handed_over(self) -> PickupEvent:
        handed = self.status in ("collected", "partially_collected")
        if handed and not self.lines:
            raise ValueError(f"status {self.status!r} needs the handed-over lines")
        if not handed and self.lines:
            raise ValueError(f"status {self.status!r} takes no lines")
        return self


class Loyalty(WireModel):
    """Points earned or redeemed by a member."""

    loyalty_id: ClientId
    store_id: Code
    member_id: Code
    points_delta: Annotated[StrictInt, Field(ge=-(10**9), le=10**9)]
    ref: Code
    at: AwareDatetime


class TenderTotal(WireModel):
    kind: TenderKind
    amount_fen: SignedFen


class TaxTotal(WireModel):
    tax_rate: Rate
    tax_fen: SignedFen


class ZReport(WireModel):
    """End-of-day report of one till, sent by idempotent PUT per (store, till, business date)."""

    store_id: Code
    till_id: Code
    business_date: dt.date
    z_no: Annotated[StrictInt, Field(ge=1)]
    generated_at: AwareDatetime
    opened_at: AwareDatetime
    closed_at: AwareDatetime
    sale_count: Annotated[StrictInt, Field(ge=0)]
    return_count: Annotated[StrictInt, Field(ge=0)]
    gross_sales_fen: Fen
    returns_fen: Fen
    net_sales_fen: SignedFen
    tax: list[TaxTotal] = Field(max_length=20)
    tenders: list[TenderTotal] = Field(max_length=50)
    cash_expected_fen: SignedFen
    cash_counted_fen: SignedFen
    first_receipt_no: Code | None
    last_receipt_no: Code | None

    @model_validator(mode="after")
    def _consistent(self) -> ZReport:
        if self.closed_at < self.opened_at:
            raise ValueError("closed_at is before opened_at")
        if self.net_sales_fen != self.gross_sales_fen - self.returns_fen:
            raise ValueError("net_sales_fen must equal gross_sales_fen - returns_fen")
        return self


EVENT_MODELS: dict[str, type[WireModel]] = {
    "sale": Sale,
    "return": Return,
    "stock_movement": StockMovement,
    "pickup_event": PickupEvent,
    "loyalty": Loyalty,
    "z_report": ZReport,
}


class PushResult(WireModel):
    """The platform's answer to a push. ``conflict`` is a final answer, not an error to retry.

    ``conflict_code`` says why (e.g. ``order_cancelled``, ``unknown_member``,
    ``z_report_differs``); ``order_status`` is the order's status on the platform for
    pickup conflicts.
    """

    status: Literal["accepted", "conflict"]
    kind: EventKind
    idempotency_key: IdempotencyKey | None
    received_at: AwareDatetime
    conflict_code: Code | None = None
    message: Text = ""
    order_status: PickupStatus | None = None


# ---------------------------------------------------------------------------------------------
# Pairing and errors
# ---------------------------------------------------------------------------------------------


class PairingRequest(WireModel):
    """Exchange a one-time pairing code for a device token.

    ``store_id``/``till_id`` are optional checks: if given they must match the code's.
    """

    code: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9A-Z]{6,16}$")]
    store_id: Code | None = None
    till_id: Code | None = None
    device_name: Text = ""
    #: Random per pairing attempt (UUID4 hex): a retry with the same code and key shortly after
    #: (the answer was lost) gets a new token, and the platform revokes the one never received.
    device_key: ClientId | None = None


class PairingResponse(WireModel):
    token: Annotated[str, StringConstraints(strict=True, min_length=20, max_length=200)]
    store_id: Code
    till_id: Code


class ErrorBody(WireModel):
    """Body of every 4xx/5xx answer. ``error`` is a stable code, ``message`` is for people."""

    error: Code
    message: LongText
    details: list[LongText] = Field(default_factory=list)

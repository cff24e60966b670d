"""Scalar wire types (fen, quantities, codes, texts...) and ``WireModel``, the base of every model."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)

from sync import pickup_codes

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
#: An Argon2id hash in PHC form (``$argon2id$v=19$m=...,t=...,p=...$salt$hash``).
Argon2Hash = Annotated[str, StringConstraints(strict=True, pattern=pickup_codes.ARGON2_PATTERN)]
PickupCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{6}$")]
#: Tax class names configured per store, e.g. "VAT13", "VAT9", "VAT0".
TaxClass = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z][A-Z0-9_]{0,15}$")]
#: Tender kinds are configured per chain: "cash", "wechat_pay", "alipay", "card", "coupon", ...
TenderKind = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]{0,31}$")]
#: Opaque change-feed cursor: the till stores it and sends it back, nothing else.
Cursor = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=512, pattern=r"^[A-Za-z0-9_=-]+$")]
#: Idempotency-Key header value: the till sends its outbox event id.
IdempotencyKey = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]{8,64}$")]

Resource = Literal[
    "store_profile", "tax_classes", "categories", "staff", "device_settings",
    "catalog", "prices", "stock", "members", "coupons", "pickup_orders", "promotions",
    "media", "member_allowances",
]
#: Pull order is dependency order: what a row refers to arrives before the row (tax classes and
#: categories before products, products before prices and stock).
RESOURCES: tuple[Resource, ...] = (
    "store_profile", "tax_classes", "categories", "staff", "device_settings",
    "catalog", "prices", "stock", "members", "coupons", "pickup_orders", "promotions",
    "media", "member_allowances",
)

EventKind = Literal["sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report", "coupon_redemption",
                    "staff_pin", "member_ledger", "member_signup"]
EVENT_KINDS: tuple[EventKind, ...] = (
    "sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report", "coupon_redemption",
    "staff_pin", "member_ledger", "member_signup",
)

PickupStatus = Literal["new", "picking", "ready", "collected", "partially_collected", "cancelled", "expired"]
#: The customer's pickup QR code says "O2OPU:{order_no}:{token}", the token signed by the platform
#: (see ``sync.pickup_codes``); a bag label carries "O2OPU:{order_no}" only.
PICKUP_QR_PREFIX = "O2OPU"
#: A coupon's QR code says "O2OCP:{code}".
COUPON_QR_PREFIX = "O2OCP"


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are an error, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    #: The field that keys a resource's feed items (set by each resource model; none here).
    KEY_FIELD: ClassVar[str] = ""

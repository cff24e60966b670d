"""Wire contract between the till and the central platform (pydantic v2).

This module is the single source of truth for field names. Every payload that crosses the
wire is validated against these models; a payload that does not fit is rejected whole, so
the till never applies half a page or a guessed value.

Conventions: money is integer fen (``*_fen``, never float), quantities are decimal strings
with at most 3 decimals (``"1.250"``), timestamps are timezone-aware UTC ISO 8601, ids that
the till creates are UUID4 as 32 lowercase hex characters.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated, ClassVar, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
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
]
#: Pull order is dependency order: what a row refers to arrives before the row (tax classes and
#: categories before products, products before prices and stock).
RESOURCES: tuple[Resource, ...] = (
    "store_profile", "tax_classes", "categories", "staff", "device_settings",
    "catalog", "prices", "stock", "members", "coupons", "pickup_orders", "promotions",
)

EventKind = Literal["sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report", "coupon_redemption"]
EVENT_KINDS: tuple[EventKind, ...] = (
    "sale", "return", "stock_movement", "pickup_event", "loyalty", "z_report", "coupon_redemption",
)

PickupStatus = Literal["new", "picking", "ready", "collected", "partially_collected", "cancelled", "expired"]
#: The customer's pickup QR code says "O2OPU:{order_no}:{token}", the token signed by the platform
#: (see ``sync.pickup_codes``); a bag label carries "O2OPU:{order_no}" only.
PICKUP_QR_PREFIX = "O2OPU"
#: A coupon's QR code says "O2OCP:{code}".
COUPON_QR_PREFIX = "O2OCP"


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
    #: A till may redeem it while offline (else it needs the platform reachable).
    offline_safe: StrictBool = False
    #: Stores where it may be used; empty: every store.
    stores: list[Code] = Field(default_factory=list, max_length=10_000)

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


class PickupOrder(WireModel):
    """A buy-online-pick-up-in-store order (feed ``pickup_orders``; key ``order_id``).

    The plain 6-digit pickup code never reaches the till: only its Argon2id hash at a real cost
    (at least 19 MiB and 2 passes, OWASP's floor; cheaper hashes are refused), which the till uses
    only offline, under its attempt limit: online it asks the platform
    (``POST /stores/{store}/pickup-codes/check``). The customer's QR says
    ``O2OPU:{order_no}:{token}``, an Ed25519 signature by the platform that the till checks with
    the platform's public key (``GET /keys``). Nothing on the till can make a QR or reveal a code
    faster than trying codes one Argon2id run at a time.
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
    pickup_code_argon2: Argon2Hash

    @field_validator("pickup_code_argon2")
    @classmethod
    def _real_cost(cls, value: str) -> str:
        if not pickup_codes.argon2_cost_ok(value):
            raise ValueError("pickup code hash is cheaper than Argon2id m=19456 KiB, t=2")
        return value

    def code_matches(self, code: str) -> bool:
        """True if ``code`` is this order's pickup code (one Argon2id run: slow on purpose)."""
        return pickup_codes.code_matches(self.pickup_code_argon2, code)


# -- provisioning: what a new store needs before its first sale ------------------------------

#: Argon2id hash in the PHC string format (what argon2-cffi writes): the plain PIN never travels.
Argon2idHash = Annotated[str, StringConstraints(
    strict=True, max_length=256,
    pattern=r"^\$argon2id\$v=19\$m=[0-9]{1,7},t=[0-9]{1,3},p=[0-9]{1,3}\$[A-Za-z0-9+/]{8,64}\$[A-Za-z0-9+/]{16,128}$",
)]
#: IANA time zone name, e.g. "Asia/Shanghai".
TimeZoneName = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}$",
                                                max_length=64)]
StaffRole = Literal["cashier", "clerk", "manager", "admin"]


class StoreProfile(WireModel):
    """The store itself (feed ``store_profile``, per store; key ``store_id``).

    ``receipt_header``/``receipt_footer`` are the lines printed on every receipt;
    ``business_day_cutoff_hour`` is the local hour at which a new business day starts
    (sales before it belong to the previous day).
    """

    KEY_FIELD: ClassVar[str] = "store_id"
    store_id: Code
    name: Name
    address: Text
    phone: Annotated[str, StringConstraints(strict=True, pattern=r"^(\+?[0-9][0-9 -]{3,23})?$")]
    tax_id: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9A-Z]{0,20}$")]
    receipt_header: list[Annotated[str, StringConstraints(strict=True, max_length=48,
                                                          pattern=r"^[^\x00-\x1f\x7f]*$")]] = Field(max_length=8)
    receipt_footer: list[Annotated[str, StringConstraints(strict=True, max_length=48,
                                                          pattern=r"^[^\x00-\x1f\x7f]*$")]] = Field(max_length=8)
    currency: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{3}$")]
    time_zone: TimeZoneName
    business_day_cutoff_hour: Annotated[StrictInt, Field(ge=0, le=23)]


class TaxClassInfo(WireModel):
    """A tax class products refer to (feed ``tax_classes``; key ``code``)."""

    KEY_FIELD: ClassVar[str] = "code"
    code: TaxClass
    name: Name
    rate: Rate


class CategoryInfo(WireModel):
    """A product category (feed ``categories``; key ``code``)."""

    KEY_FIELD: ClassVar[str] = "code"
    code: Code
    name: Name
    name_en: Text


class Staff(WireModel):
    """A person who may sign in at this store's tills (feed ``staff``, per store; key ``staff_id``).

    ``pin_hash`` is an Argon2id hash. With ``pin_change_required`` it is a one-time PIN: the
    person must choose their own PIN at the first sign-in at the till. A tombstone deactivates
    the person (past sales keep their name).
    """

    KEY_FIELD: ClassVar[str] = "staff_id"
    staff_id: Code
    display_name: Name
    role: StaffRole
    badge_code: Code | None
    pin_hash: Argon2idHash
    pin_change_required: StrictBool


#: A device address as the till's [devices] settings take it (checked again by the till).
DeviceAddress = Annotated[str, StringConstraints(strict=True, max_length=300, pattern=r"^[^\x00-\x1f\x7f]*$")]


class DeviceSettings(WireModel):
    """Devices the platform assigns to one till (feed ``device_settings``; key ``till_id``).

    ``None`` leaves that device as the till has it; an all-``None`` row assigns nothing.
    """

    KEY_FIELD: ClassVar[str] = "till_id"
    till_id: Code
    receipt_printer: DeviceAddress | None = None
    drawer: DeviceAddress | None = None
    scanner: DeviceAddress | None = None
    display: DeviceAddress | None = None
    scale: DeviceAddress | None = None


class FeedCounts(WireModel):
    """Live items per resource this device would receive from an empty cursor (progress bars)."""

    counts: dict[Resource, Annotated[StrictInt, Field(ge=0)]]


#: A percent with at most 2 decimals as a string: "50", "12.5" (100 only where a rule allows it).
Percent = Annotated[str, StringConstraints(strict=True, pattern=r"^(100|[1-9]?[0-9])(\.[0-9]{1,2})?$")]
#: A wall-clock time in the store: "14:00".
ClockTime = Annotated[str, StringConstraints(strict=True, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
ItemCount = Annotated[StrictInt, Field(ge=1, le=999)]
PromotionLayer = Literal["price", "item", "order", "coupon"]


class PromotionTargets(WireModel):
    """The items a rule looks at: SKUs and/or categories (the string ``"all"`` means every item)."""

    skus: list[Code] = Field(default_factory=list, max_length=5000)
    categories: list[Code] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _names_something(self) -> PromotionTargets:
        if not self.skus and not self.categories:
            raise ValueError("targets name no SKU and no category")
        return self


Targets = Literal["all"] | PromotionTargets


class FixedPriceRule(WireModel):
    """限时特价: the targets sell at ``price_fen`` (per kg for weighed items)."""

    type: Literal["fixed_price"]
    targets: Targets
    price_fen: Fen


class PercentOffRule(WireModel):
    type: Literal["percent_off"]
    targets: Targets
    percent: Percent


class MemberPriceRule(WireModel):
    """Member prices per SKU (member-only unless ``member_only`` is false)."""

    type: Literal["member_price"]
    prices: dict[Code, Fen] = Field(min_length=1, max_length=5000)


class NForXRule(WireModel):
    """N for ¥X: any ``n`` of the targets for ``price_fen``."""

    type: Literal["n_for_x"]
    targets: Targets
    n: Annotated[StrictInt, Field(ge=2, le=999)]
    price_fen: Fen


class NthDiscountRule(WireModel):
    """第二件半价: of every ``n`` targets the cheapest is ``percent`` off."""

    type: Literal["nth_discount"]
    targets: Targets
    n: Annotated[StrictInt, Field(ge=2, le=999)]
    percent: Percent


class BuyXGetYRule(WireModel):
    """买赠: buy ``buy`` of the targets, get ``get`` (the cheapest) of ``get_targets`` (or the same) free."""

    type: Literal["buy_x_get_y"]
    targets: Targets
    buy: ItemCount
    get: ItemCount
    get_targets: Targets | None = None


class ThresholdOffRule(WireModel):
    """满减: ``off_fen`` off at ``threshold_fen``; ``repeat`` for every ``threshold_fen`` (no cap: 上不封顶)."""

    type: Literal["threshold_off"]
    targets: Targets = "all"
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    off_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    repeat: StrictBool = False
    max_times: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ThresholdOffRule:
        if self.off_fen >= self.threshold_fen:
            raise ValueError("off_fen must be below threshold_fen")
        if self.max_times is not None and not self.repeat:
            raise ValueError("max_times needs repeat")
        return self


class ThresholdPercentRule(WireModel):
    """满折: ``percent`` off the targets' total from ``threshold_fen``."""

    type: Literal["threshold_percent"]
    targets: Targets = "all"
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    percent: Percent


class PromotionTier(WireModel):
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    off_fen: Annotated[StrictInt, Field(ge=1, le=10**9)] | None = None
    percent: Percent | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> PromotionTier:
        if (self.off_fen is None) == (self.percent is None):
            raise ValueError("a tier has exactly one of off_fen, percent")
        if self.off_fen is not None and self.off_fen >= self.threshold_fen:
            raise ValueError("a tier's off_fen must be below its threshold_fen")
        return self


class TieredRule(WireModel):
    """Tiered thresholds: the highest tier reached applies."""

    type: Literal["tiered"]
    targets: Targets = "all"
    tiers: list[PromotionTier] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _rising(self) -> TieredRule:
        thresholds = [t.threshold_fen for t in self.tiers]
        if thresholds != sorted(set(thresholds)):
            raise ValueError("tiers must have strictly rising thresholds")
        return self


PromotionRule = Annotated[
    FixedPriceRule | PercentOffRule | MemberPriceRule | NForXRule | NthDiscountRule | BuyXGetYRule
    | ThresholdOffRule | ThresholdPercentRule | TieredRule,
    Field(discriminator="type"),
]


class Promotion(WireModel):
    """A promotion (feed ``promotions``; key ``promotion_id``). A rule of an unknown ``type`` or with
    unknown fields fails validation, so the whole page is refused rather than the promotion ignored.

    ``weekdays`` 1 = Monday; ``daily_start``/``daily_end`` store-local; empty ``stores`` = every
    store; ``combines_with`` names the layers this promotion stacks with; ``member_only`` defaults to
    true for member prices. The till's engine: pos_app/domain/promotions (worked examples in
    tests/data/promotion_examples.json)."""

    KEY_FIELD: ClassVar[str] = "promotion_id"
    promotion_id: Code
    name: Name
    name_en: Text = ""
    rule: PromotionRule
    valid_from: AwareDatetime
    valid_to: AwareDatetime
    weekdays: list[Annotated[StrictInt, Field(ge=1, le=7)]] = Field(default=[1, 2, 3, 4, 5, 6, 7], min_length=1,
                                                                    max_length=7)
    daily_start: ClockTime | None = None
    daily_end: ClockTime | None = None
    priority: Annotated[StrictInt, Field(ge=-1000, le=1000)] = 0
    stores: list[Code] = Field(default_factory=list, max_length=10_000)
    channels: list[Code] = Field(default=["store"], min_length=1, max_length=10)
    member_only: StrictBool | None = None
    member_tiers: list[Code] = Field(default_factory=list, max_length=50)
    exclusion_group: Code | None = None
    combines_with: list[PromotionLayer] = Field(max_length=4)
    per_ticket_cap: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None
    per_member_daily_cap: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None
    return_rule: Literal["own_share"] = "own_share"

    @model_validator(mode="after")
    def _consistent(self) -> Promotion:
        if self.valid_to <= self.valid_from:
            raise ValueError("valid_to must be after valid_from")
        if (self.daily_start is None) != (self.daily_end is None):
            raise ValueError("daily_start and daily_end come together")
        if self.daily_start is not None and self.daily_end is not None and self.daily_end <= self.daily_start:
            raise ValueError("daily_end must be after daily_start")
        return self


RESOURCE_MODELS: dict[str, type[WireModel]] = {
    "store_profile": StoreProfile,
    "tax_classes": TaxClassInfo,
    "categories": CategoryInfo,
    "staff": Staff,
    "device_settings": DeviceSettings,
    "catalog": Product,
    "prices": Price,
    "stock": StockLevel,
    "members": Member,
    "coupons": Coupon,
    "pickup_orders": PickupOrder,
    "promotions": Promotion,
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


class StoreProfilePage(FeedPage[StoreProfile]):
    pass


class TaxClassesPage(FeedPage[TaxClassInfo]):
    pass


class CategoriesPage(FeedPage[CategoryInfo]):
    pass


class StaffPage(FeedPage[Staff]):
    pass


class DeviceSettingsPage(FeedPage[DeviceSettings]):
    pass


class StoreProfileSnapshot(Snapshot[StoreProfile]):
    pass


class TaxClassesSnapshot(Snapshot[TaxClassInfo]):
    pass


class CategoriesSnapshot(Snapshot[CategoryInfo]):
    pass


class StaffSnapshot(Snapshot[Staff]):
    pass


class DeviceSettingsSnapshot(Snapshot[DeviceSettings]):
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


class PromotionsPage(FeedPage[Promotion]):
    pass


class PromotionsSnapshot(Snapshot[Promotion]):
    pass


PAGE_MODELS: dict[str, type[FeedPage]] = {
    "store_profile": StoreProfilePage,
    "tax_classes": TaxClassesPage,
    "categories": CategoriesPage,
    "staff": StaffPage,
    "device_settings": DeviceSettingsPage,
    "catalog": CatalogPage,
    "prices": PricesPage,
    "stock": StockPage,
    "members": MembersPage,
    "coupons": CouponsPage,
    "pickup_orders": PickupOrdersPage,
    "promotions": PromotionsPage,
}
SNAPSHOT_MODELS: dict[str, type[Snapshot]] = {
    "store_profile": StoreProfileSnapshot,
    "tax_classes": TaxClassesSnapshot,
    "categories": CategoriesSnapshot,
    "staff": StaffSnapshot,
    "device_settings": DeviceSettingsSnapshot,
    "catalog": CatalogSnapshot,
    "prices": PricesSnapshot,
    "stock": StockSnapshot,
    "members": MembersSnapshot,
    "coupons": CouponsSnapshot,
    "pickup_orders": PickupOrdersSnapshot,
    "promotions": PromotionsSnapshot,
}

# ---------------------------------------------------------------------------------------------
# Pushed events
# ---------------------------------------------------------------------------------------------


class SalePromotion(WireModel):
    """One promotion's share of a sale line (its part of ``discount_fen``)."""

    promotion_id: Annotated[str, StringConstraints(strict=True, pattern=r"^(coupon:)?[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    name: Name
    discount_fen: Fen


class UnitDiscount(WireModel):
    """``units`` units of the line each carry ``fen`` of promotions: a return refunds per unit."""

    units: Annotated[StrictInt, Field(ge=1, le=10**6)]
    fen: Fen


class SaleLine(WireModel):
    """``discount_fen`` holds everything taken off the line (manual, ticket share, promotions);
    ``promotions`` and ``unit_discounts`` split the promotions' part per promotion and per unit."""

    sku: Code
    name: Name
    quantity: Quantity
    unit_price_fen: Fen
    discount_fen: Fen
    line_total_fen: Fen
    tax_rate: Rate
    tax_fen: Fen
    promotions: list[SalePromotion] = Field(default_factory=list, max_length=50)
    unit_discounts: list[UnitDiscount] = Field(default_factory=list, max_length=100)


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


class CouponRedemption(WireModel):
    """A single-use coupon used in a sale. The platform answers a second use of the code with a
    ``conflict`` (``coupon_already_used``) that the till lists for the manager."""

    redemption_id: ClientId
    store_id: Code
    code: Code
    sale_id: ClientId
    receipt_no: Code
    discount_fen: Fen
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
    "coupon_redemption": CouponRedemption,
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


class PlatformKey(WireModel):
    """A public key of the platform. ``pickup_qr`` keys sign the customers' pickup QR codes."""

    key_id: Annotated[str, StringConstraints(strict=True, pattern=rf"^{pickup_codes.KEY_ID_PATTERN}$")]
    purpose: Literal["pickup_qr"]
    algorithm: Literal["ed25519"]
    public_key: Annotated[str, StringConstraints(strict=True, min_length=44, max_length=44)]

    @field_validator("public_key")
    @classmethod
    def _raw_32_bytes(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("public_key is not base64") from None
        if len(raw) != 32:
            raise ValueError("public_key is not 32 bytes (raw Ed25519)")
        return value


class PlatformKeys(WireModel):
    """``GET /keys``: the keys a till needs to check what the platform signed, offline."""

    keys: list[PlatformKey] = Field(max_length=20)


class PairingResponse(WireModel):
    token: Annotated[str, StringConstraints(strict=True, min_length=20, max_length=200)]
    store_id: Code
    till_id: Code
    #: The platform's public keys, so a freshly paired till can check pickup QR codes at once.
    platform_keys: list[PlatformKey] = Field(default_factory=list, max_length=20)


class PickupCodeCheck(WireModel):
    """A typed pickup code, checked by the platform: for one order, or among the store's orders."""

    code: PickupCode
    order_id: Code | None = None


class PickupCodeAnswer(WireModel):
    """``matches`` and the order it belongs to; never the code itself."""

    matches: StrictBool
    order_id: Code | None = None


class ErrorBody(WireModel):
    """Body of every 4xx/5xx answer. ``error`` is a stable code, ``message`` is for people."""

    error: Code
    message: LongText
    details: list[LongText] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Wallet payments (payment codes scanned at the till; the platform holds the merchant keys)
# ---------------------------------------------------------------------------------------------

#: Wallets the till recognises by the customer's payment code.
WalletKind = Literal["wechat_pay", "alipay", "unionpay_qr"]
#: The merchant's order number: unique per till, the same on every retry, query and reverse.
OutTradeNo = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]{6,32}$")]
#: The customer's payment code: sent once with the charge, never echoed back or stored.
AuthCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{16,24}$")]
#: A wallet's own answer code ("SUCCESS", "USERPAYING", "10003", "ACQ.TRADE_NOT_EXIST", ...).
WalletCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_.]{1,64}$")]
#: A wallet transaction id or a masked payer id.
WalletRef = Annotated[str, StringConstraints(strict=True, max_length=64, pattern=r"^[A-Za-z0-9_*@.-]*$")]
PositiveFen = Annotated[StrictInt, Field(ge=1, le=10**12)]


class WalletPayment(WireModel):
    """Charge ``amount_fen`` to the wallet behind ``auth_code`` (WeChat micropay, Alipay trade.pay)."""

    out_trade_no: OutTradeNo
    wallet: WalletKind
    auth_code: AuthCode
    amount_fen: PositiveFen
    till_id: Code
    description: Text = ""


class WalletRefund(WireModel):
    """A refund of a paid wallet payment; ``refund_no`` is unique and the same on every retry."""

    refund_no: OutTradeNo
    amount_fen: PositiveFen


class WalletAnswer(WireModel):
    """The wallet's answer relayed as the wallet gave it; the till applies the wallet's rules.

    ``code``: WeChat Pay/UnionPay ``err_code`` or ``trade_state`` ("SUCCESS", "USERPAYING",
    "SYSTEMERROR", ...); Alipay ``code`` or ``sub_code`` for pay ("10000", "10003", "20000",
    "ACQ.BUYER_BALANCE_NOT_ENOUGH"), ``trade_status`` for query ("TRADE_SUCCESS", "WAIT_BUYER_PAY").
    ``retry`` is WeChat's ``recall=Y`` / Alipay's ``retry_flag=Y`` on a reverse: call it again.
    """

    out_trade_no: OutTradeNo
    wallet: WalletKind
    code: WalletCode
    message: Text = ""
    transaction_id: WalletRef = ""
    payer: WalletRef = ""
    retry: StrictBool = False
    amount_fen: Fen = 0

"""Pulled resources: what the platform sends down (catalog, prices, stock, members, coupons,
pickup orders) and the provisioning a new store needs before its first sale."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    AwareDatetime,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from sync import pickup_codes
from sync.protocol.claims import PickupClaim
from sync.protocol.payments import OutTradeNo, PositiveFen, WalletKind
from sync.protocol.types import (
    Argon2Hash,
    Code,
    Fen,
    Gtin,
    LongText,
    Name,
    Phone,
    PickupStatus,
    Quantity,
    Rate,
    Resource,
    SignedQuantity,
    TaxClass,
    Text,
    WireModel,
)

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
    #: Stored value (储值) the member can spend, in fen (what the platform's holds leave free).
    stored_value_fen: Fen = 0


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
    #: The platform's terms on return: once the goods it was used on are all returned, the coupon
    #: may be used again (default: a used coupon stays used, even if its sale is returned).
    restore_on_return: StrictBool = False
    #: Set by the platform when it restored the coupon: the sale whose use was undone (the till that
    #: marked the coupon used by that sale clears its mark when it pulls this).
    restored_sale_id: Code | None = None

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


class OnlineWalletPayment(WireModel):
    """How the customer paid an online order in the app (WeChat Pay / Alipay JSAPI): the wallet
    payment of the order's store, so a return in the store refunds it to the wallet by its
    ``out_trade_no``. ``refunded_fen`` is what was refunded of it when the platform answered."""

    wallet: WalletKind
    out_trade_no: OutTradeNo
    amount_fen: PositiveFen
    refunded_fen: Fen = 0


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
    #: The till picking it now, if any (``sync.protocol.claims``).
    claimed_by: PickupClaim | None = None
    #: Tills that picked it offline while another till held the claim: a double pick to settle.
    double_picked_at: list[Code] = Field(default_factory=list, max_length=20)
    #: The wallet payment of a ``paid_online`` order paid by WeChat Pay / Alipay (None: paid otherwise).
    wallet_payment: OnlineWalletPayment | None = None

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

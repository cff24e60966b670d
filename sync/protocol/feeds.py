"""Feed envelopes: ``FeedItem``/``FeedPage``/``Snapshot`` and the page and snapshot of each resource."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import (
    Field,
    StrictBool,
    model_validator,
)

from sync.protocol.media import MediaItem
from sync.protocol.members import MemberAllowance
from sync.protocol.promotions import Promotion
from sync.protocol.resources import (
    CategoryInfo,
    Coupon,
    DeviceSettings,
    Member,
    PickupOrder,
    Price,
    Product,
    Staff,
    StockLevel,
    StoreProfile,
    TaxClassInfo,
)
from sync.protocol.types import Code, Cursor, WireModel

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
    "media": MediaItem,
    "member_allowances": MemberAllowance,
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


class MediaPage(FeedPage[MediaItem]):
    pass


class MediaSnapshot(Snapshot[MediaItem]):
    pass


class MemberAllowancesPage(FeedPage[MemberAllowance]):
    pass


class MemberAllowancesSnapshot(Snapshot[MemberAllowance]):
    pass


PAGE_MODELS: dict[str, type[FeedPage[Any]]] = {
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
    "media": MediaPage,
    "member_allowances": MemberAllowancesPage,
}
SNAPSHOT_MODELS: dict[str, type[Snapshot[Any]]] = {
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
    "media": MediaSnapshot,
    "member_allowances": MemberAllowancesSnapshot,
}

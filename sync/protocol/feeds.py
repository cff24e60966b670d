"""Feed envelopes: ``FeedItem``/``FeedPage``/``Snapshot`` and the page and snapshot of each resource."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    Field,
    StrictBool,
    StrictInt,
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


class FeedCheckpoint(WireModel):
    """The cursor after the page's first ``after`` items (asked with ``checkpoint_every``)."""

    after: Annotated[StrictInt, Field(ge=1, le=4999)]
    cursor: Cursor


class FeedPage(WireModel, Generic[T]):
    """A page of a change feed. Apply ``items`` and store ``next_cursor`` in one transaction.

    Asked with ``checkpoint_every=N``, a page also carries ``checkpoints``: the cursor after every N
    items. The till may then write a large page in several short transactions, each part with its
    own cursor (all-or-nothing per part), instead of one long one a scan would wait behind."""

    items: list[FeedItem[T]] = Field(max_length=5000)
    next_cursor: Cursor
    has_more: StrictBool
    checkpoints: list[FeedCheckpoint] = Field(default_factory=list, max_length=5000)

    @model_validator(mode="after")
    def _checkpoints_inside(self) -> FeedPage[T]:
        marks = [c.after for c in self.checkpoints]
        if marks != sorted(set(marks)) or (marks and marks[-1] >= len(self.items)):
            raise ValueError("checkpoints must rise and fall inside the page")
        return self

    def parts(self) -> list[tuple[list[FeedItem[T]], str]]:
        """The page cut at its checkpoints: (items, cursor to store with them), in order."""
        bounds = [(c.after, c.cursor) for c in self.checkpoints] + [(len(self.items), self.next_cursor)]
        out, start = [], 0
        for end, cursor in bounds:
            out.append((self.items[start:end], cursor))
            start = end
        return out


class Snapshot(WireModel, Generic[T]):
    """All live items of a resource, and the cursor to continue the feed from.

    Asked with ``limit``, the platform answers in pages (each bounded in items and bytes, so the
    till's response cap holds for any catalog): ``next_token`` asks for the next page, None on the
    last; every page carries the same ``cursor``. Pages are read by key, not at one instant: an item
    that changes meanwhile comes again in the feed after ``cursor``, so snapshot + feed converge. The
    till applies the pages together, in one transaction (the cashier never sees half of it)."""

    items: list[T]
    cursor: Cursor
    next_token: Cursor | None = None


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

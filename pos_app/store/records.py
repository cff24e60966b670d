"""Plain records the repositories hand to services (no ORM objects leak out of the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.tax import TaxClass
from pos_app.domain.ticket import ProductRef


@dataclass(frozen=True)
class ProductRecord:
    id: int
    sku: str
    plu: str | None
    name: str
    name_en: str
    category_code: str | None
    unit: str
    sold_by_weight: bool
    tax_class: str
    tax_rate: Decimal
    price_fen: int
    member_price_fen: int | None
    active: bool
    gtins: tuple[str, ...] = ()

    def ticket_ref(self) -> ProductRef:
        """What a ticket line keeps of the product (the sale screen and pickup's pay-at-store)."""
        return ProductRef(sku=self.sku, name=self.name, name_en=self.name_en, sold_by_weight=self.sold_by_weight,
                          unit=self.unit, tax_class=TaxClass(self.tax_class, self.tax_rate),
                          category=self.category_code)


@dataclass(frozen=True)
class ProductInput:
    """What the seeder and the catalog sync write; `gtins` replace the product's codes."""

    sku: str
    name: str
    name_en: str
    tax_class: str
    price_fen: int
    gtins: tuple[str, ...] = ()
    plu: str | None = None
    category_code: str | None = None
    unit: str = "pcs"
    sold_by_weight: bool = False
    member_price_fen: int | None = None
    active: bool = True


@dataclass(frozen=True)
class UserRecord:
    id: str
    name: str
    role: str
    pin_hash: str
    badge_code: str | None
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    pin_change_required: bool = False  # a one-time PIN from the platform

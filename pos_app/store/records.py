"""Plain records the repositories hand to services (no ORM objects leak out of the store)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


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
    locked_until: object  # datetime | None

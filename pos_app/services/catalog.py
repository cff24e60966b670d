"""Product search and lookup for the cashier's search dialog and the pickup console."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos_app.domain.money import from_minor
from pos_app.domain.text import fit_line
from pos_app.store.records import ProductRecord
from pos_app.store.uow import Database


@dataclass(frozen=True)
class ProductHit:
    sku: str
    name: str
    name_en: str
    price: Decimal
    unit: str
    sold_by_weight: bool
    gtin: str | None
    stock: Decimal


class CatalogService:
    def __init__(self, db: Database, currency: str = "CNY"):
        self.db = db
        self.currency = currency

    def search(self, text: str, limit: int = 50) -> list[ProductHit]:
        text = fit_line(text, 100)  # typed or pasted: a NUL or a tab is no reason for a raw error
        with self.db.uow(read_only=True) as uow:
            return [self._hit(p, uow.stock.level(p.id)) for p in uow.catalog.search(text, limit)]

    def _hit(self, p: ProductRecord, stock: Decimal) -> ProductHit:
        return ProductHit(p.sku, p.name, p.name_en, from_minor(p.price_fen, self.currency), p.unit,
                          p.sold_by_weight, p.gtins[0] if p.gtins else None, stock)

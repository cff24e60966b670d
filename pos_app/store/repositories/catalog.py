"""Products, their codes, tax classes and categories; product search lives in `search.py`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, Row, Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from pos_app.store import search
from pos_app.store.models import (
    Category,
    Product,
    ProductCode,
    TaxClass,
    utcnow,
)
from pos_app.store.pinyin import initials_and_keys
from pos_app.store.prepared import Prepared, raw
from pos_app.store.records import ProductInput, ProductRecord


def _product_rows() -> Select[*tuple[Any, ...]]:
    """Product, tax rate and codes in one statement: a scan is one query, not three. Built once at
    import (statements are immutable) rather than on every scan."""
    codes = (select(func.group_concat(ProductCode.code, " "))
             .where(ProductCode.product_id == Product.id).scalar_subquery())
    return (select(Product.id, Product.sku, Product.plu, Product.name, Product.name_en,
                   Product.category_code, Product.unit, Product.sold_by_weight, Product.tax_class,
                   TaxClass.rate.label("tax_rate"), Product.price_fen, Product.member_price_fen, Product.active,
                   codes.label("gtins"))
            .join(TaxClass, TaxClass.code == Product.tax_class))


_PRODUCT_ROWS = _product_rows()
#: The look-ups of one product (a scan's), as prepared statements (see prepared.py): a GTIN in
#: its three spellings (GTIN-13, GTIN-14, without leading zeros), a SKU, a PLU.
_BY_CODE = Prepared(_PRODUCT_ROWS.where(
    Product.id == select(ProductCode.product_id)
    .where(ProductCode.code.in_([bindparam("c0"), bindparam("c1"), bindparam("c2")]))
    .limit(1).scalar_subquery()).limit(1))
_BY_SKU = Prepared(_PRODUCT_ROWS.where(Product.sku == bindparam("sku")).limit(1))
_BY_PLU = Prepared(_PRODUCT_ROWS.where(Product.plu == bindparam("plu")).limit(1))


class CatalogRepository:
    def __init__(self, session: Session):
        self.s = session

    # -- reference data -------------------------------------------------------------------
    def upsert_tax_class(self, code: str, name: str, rate: Decimal) -> None:
        self.s.merge(TaxClass(code=code, name=name, rate=str(rate)))

    def upsert_category(self, code: str, name: str, name_en: str = "") -> None:
        self.s.merge(Category(code=code, name=name, name_en=name_en))

    # -- lookups --------------------------------------------------------------------------
    @staticmethod
    def _record(row: Row[*tuple[Any, ...]]) -> ProductRecord:
        """The columns of `_PRODUCT_ROWS` are named as the record's fields."""
        fields = dict(row._mapping)
        fields["tax_rate"] = Decimal(fields["tax_rate"])
        fields["gtins"] = tuple(sorted(fields["gtins"].split())) if fields["gtins"] else ()
        return ProductRecord(**fields)

    def _one(self, stmt: Prepared, **params: object) -> ProductRecord | None:
        """The stored values of one `_PRODUCT_ROWS` row, in the record's field order."""
        row = stmt.one(raw(self.s), params)
        if row is None:
            return None
        (pid, sku, plu, name, name_en, category, unit, by_weight, tax_class, rate, price, member_price,
         active, gtins) = row
        return ProductRecord(pid, sku, plu, name, name_en, category, unit, bool(by_weight), tax_class,
                             Decimal(rate), price, member_price, bool(active),
                             tuple(sorted(gtins.split())) if gtins else ())

    def by_code(self, code: str) -> ProductRecord | None:
        """By any GTIN; GTIN-13 and its GTIN-14 form with a leading zero are the same code."""
        return self._one(_BY_CODE, c0=code, c1=code.lstrip("0").zfill(13), c2=code.zfill(14))

    def by_sku(self, sku: str) -> ProductRecord | None:
        return self._one(_BY_SKU, sku=sku)

    def by_plu(self, plu: str) -> ProductRecord | None:
        return self._one(_BY_PLU, plu=plu)

    def by_ids(self, ids: list[int]) -> list[ProductRecord]:
        """In the order of `ids` (search ranks them); unknown ids are left out."""
        rows = {row[0]: row for row in self.s.execute(_PRODUCT_ROWS.where(Product.id.in_(ids)))}
        return [self._record(rows[i]) for i in ids if i in rows]

    def search(self, text: str, limit: int = 50) -> list[ProductRecord]:
        return self.by_ids(search.product_ids(self.s, text, limit))

    def count_sku_prefix(self, prefix: str) -> int:
        return self.s.scalar(select(func.count()).select_from(Product).where(
            Product.sku >= prefix, Product.sku < search.prefix_upper(prefix))) or 0

    def count(self, active_only: bool = True) -> int:
        stmt = select(func.count()).select_from(Product)
        if active_only:
            stmt = stmt.where(Product.active.is_(True))
        return self.s.scalar(stmt) or 0

    # -- writes ---------------------------------------------------------------------------
    def upsert(self, item: ProductInput) -> int:
        """Insert or update one product with its codes (the FTS triggers index its name and keys)."""
        pinyin, keys = initials_and_keys(item.name)
        values = dict(
            plu=item.plu, name=item.name, name_en=item.name_en, pinyin=pinyin, search_keys=keys,
            category_code=item.category_code, unit=item.unit, sold_by_weight=item.sold_by_weight,
            tax_class=item.tax_class, price_fen=item.price_fen, member_price_fen=item.member_price_fen,
            active=item.active, updated_at=utcnow(),
        )
        pid = self.s.scalar(select(Product.id).where(Product.sku == item.sku))
        if pid is None:
            inserted = cast("CursorResult[Any]", self.s.execute(insert(Product).values(sku=item.sku, **values)))
            key = inserted.inserted_primary_key
            assert key is not None  # a single-row insert always has one
            pid = key[0]
        else:
            self.s.execute(update(Product).where(Product.id == pid).values(**values))
            self.s.execute(delete(ProductCode).where(ProductCode.product_id == pid))
        if item.gtins:
            self.s.execute(delete(ProductCode).where(ProductCode.code.in_(item.gtins)))
            self.s.execute(insert(ProductCode), [{"code": g, "product_id": pid} for g in item.gtins])
        return pid

    def bulk_insert(self, items: Iterable[ProductInput], first_id: int) -> int:
        """Fast path for seeding an empty catalog: ids assigned here, one executemany per table."""
        products: list[dict[str, Any]] = []
        codes: list[dict[str, Any]] = []
        now = utcnow()
        pid = first_id
        for item in items:
            pinyin, keys = initials_and_keys(item.name)
            products.append(dict(
                id=pid, sku=item.sku, plu=item.plu, name=item.name, name_en=item.name_en,
                pinyin=pinyin, search_keys=keys, category_code=item.category_code, unit=item.unit,
                sold_by_weight=item.sold_by_weight, tax_class=item.tax_class, price_fen=item.price_fen,
                member_price_fen=item.member_price_fen, active=item.active, updated_at=now,
            ))
            codes.extend({"code": g, "product_id": pid} for g in item.gtins)
            pid += 1
        # Multi-row INSERTs rather than executemany: FTS5 writes a segment per statement that fires
        # its trigger (see `sync_bulk._insert_products`), so one statement per 500 products.
        for start in range(0, len(products), 500):
            self.s.execute(insert(Product).values(products[start:start + 500]))
        if codes:
            self.s.execute(insert(ProductCode), codes)
        return len(products)

    def max_id(self) -> int:
        return self.s.scalar(select(func.max(Product.id))) or 0

    def set_price(self, sku: str, price_fen: int, member_price_fen: int | None) -> bool:
        res = self.s.execute(
            update(Product).where(Product.sku == sku)
            .values(price_fen=price_fen, member_price_fen=member_price_fen, updated_at=utcnow())
        )
        return cast("CursorResult[Any]", res).rowcount > 0

    def deactivate(self, sku: str) -> bool:
        """Tombstones deactivate: past sales still reference the product."""
        res = self.s.execute(update(Product).where(Product.sku == sku).values(active=False, updated_at=utcnow()))
        return cast("CursorResult[Any]", res).rowcount > 0

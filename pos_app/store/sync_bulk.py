"""Bulk appliers for the big change feeds (catalog, prices, stock): a page in a few statements.

A 200,000-product chain catalog arrives as hundreds of pages. Per-row ORM calls made each page a
long write transaction that a scan had to wait behind; here a page is split in two halves:

* ``prepare_*`` (pure Python, no database): rows, pinyin initials, search characters and initial
  pairs of every product of the page. It runs before the write transaction starts.
* ``apply_*`` (inside the page's one write transaction): a handful of Core ``executemany``
  statements — read the page's existing products by SKU, insert the new ones, update the others
  (touching the search columns only when the name changed, so the FTS triggers fire only then),
  replace codes, search characters and pairs by primary key.

The page stays all-or-nothing with its cursor: the caller opens and commits the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from pos_app.store.models import Product, ProductCode
from pos_app.store.pinyin import initials_and_pairs, start_pairs
from sync import protocol as P

#: Bound variables per statement stay well under SQLite's limit (32,766 since 3.32).
_CHUNK = 900

#: Columns that feed the FTS index and the character and pair tables.
_TEXT_COLUMNS = ("name", "name_en", "pinyin")


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def name_chars(name: str) -> set[str]:
    return {ch for ch in name if not ch.isspace()}


@dataclass(frozen=True)
class PreparedProduct:
    """One catalog row ready to write: everything the search tables need, computed up front."""

    row: dict[str, Any]
    gtins: tuple[str, ...]
    chars: frozenset[str]
    pairs: frozenset[str]

    @property
    def sku(self) -> str:
        return str(self.row["sku"])


def prepare_products(products: Iterable[P.Product]) -> list[PreparedProduct]:
    """The pure half of a catalog page (pinyin is the costly part): no database, no lock held."""
    out = []
    for p in products:
        pinyin, pairs = initials_and_pairs(p.name)
        row = dict(sku=p.sku, plu=p.plu, name=p.name, name_en=p.name_en, pinyin=pinyin,
                   category_code=p.category_code, unit=p.unit, sold_by_weight=p.sold_by_weight,
                   tax_class=p.tax_class, price_fen=p.price_fen, member_price_fen=p.member_price_fen,
                   active=p.active)
        out.append(PreparedProduct(row=row, gtins=tuple(dict.fromkeys(p.gtins)),
                                   chars=frozenset(name_chars(p.name)), pairs=frozenset(pairs)))
    return out


@dataclass(frozen=True)
class _Existing:
    id: int
    name: str
    name_en: str
    pinyin: str


def _by_sku(s: Session, columns: str, skus: Sequence[str]) -> Iterable[tuple[Any, ...]]:
    """Rows of ``products`` for these SKUs, at the driver level: compiling an expanding IN of a
    page's SKUs cost more than the lookup itself."""
    for chunk in _chunks(skus):
        yield from s.connection().exec_driver_sql(
            f"SELECT sku, {columns} FROM products WHERE sku IN ({', '.join('?' * len(chunk))})", tuple(chunk))


def _existing(s: Session, skus: Sequence[str]) -> dict[str, _Existing]:
    return {sku: _Existing(pid, name, name_en, pinyin)
            for sku, pid, name, name_en, pinyin in _by_sku(s, "id, name, name_en, pinyin", skus)}


def ids_by_sku(s: Session, skus: Sequence[str]) -> dict[str, int]:
    return {sku: pid for sku, pid in _by_sku(s, "id", skus)}


# Hot statements run at the driver level (`exec_driver_sql` with tuples): SQLAlchemy's per-row
# bind processing cost more than SQLite's own work for a page of 500 products.
_PRODUCT_COLUMNS = ("plu", "name", "name_en", "pinyin", "category_code", "unit", "sold_by_weight", "tax_class",
                    "price_fen", "member_price_fen", "active")
_INSERT_PRODUCT = (f"INSERT INTO products (sku, {', '.join(_PRODUCT_COLUMNS)}, updated_at) "
                   f"VALUES ({', '.join('?' * (len(_PRODUCT_COLUMNS) + 2))})")
_PLAIN_COLUMNS = [c for c in _PRODUCT_COLUMNS if c not in ("name", "name_en", "pinyin")]


def _set_clause(columns: Sequence[str]) -> str:
    return ", ".join("plu = coalesce(?, plu)" if c == "plu" else f"{c} = ?" for c in columns)


_UPDATE_ALL = f"UPDATE products SET {_set_clause(_PRODUCT_COLUMNS)}, updated_at = ? WHERE id = ?"
# The same without the search columns: the FTS trigger (AFTER UPDATE OF name, ...) does not fire.
_UPDATE_PLAIN = f"UPDATE products SET {_set_clause(_PLAIN_COLUMNS)}, updated_at = ? WHERE id = ?"
_TAKE_PLU = "UPDATE products SET plu = NULL WHERE plu = ? AND sku != ?"
_INSERT_CODE = "INSERT INTO product_codes (code, product_id) VALUES (?, ?)"
_INSERT_CHAR = "INSERT OR IGNORE INTO product_chars (ch, product_id) VALUES (?, ?)"
_INSERT_PAIR = "INSERT OR IGNORE INTO product_initial_pairs (pair, product_id) VALUES (?, ?)"
_DELETE_CHAR = "DELETE FROM product_chars WHERE ch = ? AND product_id = ?"
_DELETE_PAIR = "DELETE FROM product_initial_pairs WHERE pair = ? AND product_id = ?"


def _stored_time(s: Session, value: datetime) -> Any:
    """``value`` as the `updated_at` column stores it (the column type's own bind processing)."""
    dialect = s.get_bind().dialect
    process = Product.__table__.c.updated_at.type.bind_processor(dialect)
    return process(value) if process else value


def _many(s: Session, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        s.connection().exec_driver_sql(sql, rows)


def apply_products(s: Session, products: Sequence[PreparedProduct], now: datetime) -> None:
    """Upsert the page's products with their codes and search rows (inside the caller's transaction).

    A PLU or GTIN the page gives to a product is taken from whichever product held it, so swaps
    apply in any order; a product sent without a PLU keeps the one it has."""
    if not products:
        return
    by_sku = {p.sku: p for p in products}  # the last version of a SKU in the page wins
    products = list(by_sku.values())
    existing = _existing(s, list(by_sku))
    stamp = _stored_time(s, now)
    _many(s, _TAKE_PLU, [(p.row["plu"], p.sku) for p in products if p.row["plu"] is not None])

    new = [p for p in products if p.sku not in existing]
    renamed, plain = [], []
    for p in products:
        old = existing.get(p.sku)
        if old is None:
            continue
        if any(getattr(old, c) != p.row[c] for c in _TEXT_COLUMNS):
            renamed.append((*(p.row[c] for c in _PRODUCT_COLUMNS), stamp, old.id))
        else:
            plain.append((*(p.row[c] for c in _PLAIN_COLUMNS), stamp, old.id))
    _many(s, _INSERT_PRODUCT, [(p.sku, *(p.row[c] for c in _PRODUCT_COLUMNS), stamp) for p in new])
    _many(s, _UPDATE_ALL, renamed)
    _many(s, _UPDATE_PLAIN, plain)

    ids = {sku: old.id for sku, old in existing.items()}
    ids.update(ids_by_sku(s, [p.sku for p in new]))

    # Codes: the page's products lose their old codes, and take theirs from any other holder.
    old_ids = [old.id for old in existing.values()]
    for chunk in _chunks(old_ids):
        s.connection().execute(delete(ProductCode).where(ProductCode.product_id.in_(chunk)))
    codes = [(g, ids[p.sku]) for p in products for g in p.gtins]
    for chunk in _chunks([c[0] for c in codes]):
        s.connection().execute(delete(ProductCode).where(ProductCode.code.in_(chunk)))
    _many(s, _INSERT_CODE, codes)

    # Search characters and initial pairs: by primary key (ch/pair, product_id), for renamed products only.
    stale_chars: list[tuple[Any, ...]] = []
    stale_pairs: list[tuple[Any, ...]] = []
    chars: list[tuple[Any, ...]] = []
    pairs: list[tuple[Any, ...]] = []
    for p in products:
        pid = ids[p.sku]
        old = existing.get(p.sku)
        keep_chars: set[str] = set()
        keep_pairs: set[str] = set()
        if old is not None:
            if old.name == p.row["name"]:
                continue
            keep_chars, keep_pairs = name_chars(old.name), start_pairs(old.name)
            stale_chars.extend((c, pid) for c in keep_chars - p.chars)
            stale_pairs.extend((c, pid) for c in keep_pairs - p.pairs)
        chars.extend((c, pid) for c in p.chars - keep_chars)
        pairs.extend((c, pid) for c in p.pairs - keep_pairs)
    _many(s, _DELETE_CHAR, stale_chars)
    _many(s, _DELETE_PAIR, stale_pairs)
    _many(s, _INSERT_CHAR, chars)
    _many(s, _INSERT_PAIR, pairs)


def set_cursor(s: Session, resource: str, cursor: str, now: datetime) -> None:
    """``uow.cursors.set`` in one driver-level statement (a page's cursor, in its transaction)."""
    _many(s, "INSERT INTO sync_cursors (resource, cursor, updated_at) VALUES (?, ?, ?) "
             "ON CONFLICT (resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
          [(resource, cursor, _stored_time(s, now))])


def deactivate_products(s: Session, skus: Sequence[str], now: datetime) -> None:
    """Catalog tombstones deactivate: completed sales still reference the product."""
    stamp = _stored_time(s, now)
    _many(s, "UPDATE products SET active = 0, updated_at = ? WHERE sku = ?", [(stamp, sku) for sku in skus])


def apply_prices(s: Session, prices: Sequence[P.Price], now: datetime) -> None:
    stamp = _stored_time(s, now)
    _many(s, "UPDATE products SET price_fen = ?, member_price_fen = ?, updated_at = ? WHERE sku = ?",
          [(p.price_fen, p.member_price_fen, stamp, p.sku) for p in prices])


def apply_stock(s: Session, levels: Sequence[P.StockLevel]) -> None:
    """The platform's level per product (this till's unacknowledged movements are added when read)."""
    if not levels:
        return
    ids = ids_by_sku(s, [lv.sku for lv in levels])
    _many(s, "INSERT INTO stock_levels (product_id, quantity, as_of) VALUES (?, ?, ?) "
             "ON CONFLICT (product_id) DO UPDATE SET quantity = excluded.quantity, as_of = excluded.as_of",
          [(ids[lv.sku], str(Decimal(lv.quantity)), _stored_time(s, lv.as_of)) for lv in levels if lv.sku in ids])

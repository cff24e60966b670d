"""Bulk appliers for the big change feeds (catalog, prices, stock): a page in a few statements.

A 200,000-product chain catalog arrives as hundreds of pages. Per-row ORM calls made each page a
long write transaction that a scan had to wait behind; here a page is split in two halves:

* ``prepare_*`` (pure Python, no database): rows, pinyin initials and short-query search keys
  (`pinyin.initials_and_keys`) of every product of the page. It runs before the write transaction.
* ``apply_*`` (inside the page's one write transaction): a handful of driver-level statements —
  read the page's existing products by SKU, insert the new ones (multi-row INSERTs), update the
  others (touching the search columns only when the name changed, so the FTS triggers, which index
  names and search keys, fire only then), replace codes.

The page stays all-or-nothing with its cursor: the caller opens and commits the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from pos_app.store.models import Product
from pos_app.store.pinyin import initials_and_keys
from sync import protocol as P

#: Bound variables per statement stay well under SQLite's limit (32,766 since 3.32).
_CHUNK = 900

#: Columns that feed the FTS indexes (`product_fts`, `product_fts_keys`).
_TEXT_COLUMNS = ("name", "name_en", "pinyin", "search_keys")


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


class PreparedProduct(NamedTuple):
    """One catalog row ready to write (`_ROW` order), with everything the search indexes need,
    computed up front; a tuple, because a pull prepares 200,000 of them."""

    values: tuple[Any, ...]
    gtins: tuple[str, ...]

    @property
    def sku(self) -> str:
        return str(self.values[0])


def prepare_products(products: Iterable[P.Product]) -> list[PreparedProduct]:
    """The pure half of a catalog page (pinyin is the costly part): no database, no lock held."""
    out = []
    for p in products:
        pinyin, keys = initials_and_keys(p.name)
        out.append(PreparedProduct((p.sku, p.plu, p.name, p.name_en, pinyin, keys, p.category_code, p.unit,
                                    p.sold_by_weight, p.tax_class, p.price_fen, p.member_price_fen, p.active),
                                   tuple(dict.fromkeys(p.gtins))))
    return out


def _by_sku(s: Session, columns: str, skus: Sequence[str]) -> Iterable[tuple[Any, ...]]:
    """Rows of ``products`` for these SKUs, at the driver level: compiling an expanding IN of a
    page's SKUs cost more than the lookup itself."""
    for chunk in _chunks(skus):
        yield from s.connection().exec_driver_sql(
            f"SELECT sku, {columns} FROM products WHERE sku IN ({', '.join('?' * len(chunk))})", tuple(chunk))


def _delete_where_in(s: Session, sql: str, values: Sequence[Any]) -> None:
    for chunk in _chunks(values):
        s.connection().exec_driver_sql(f"{sql} IN ({', '.join('?' * len(chunk))})", tuple(chunk))


def _existing(s: Session, skus: Sequence[str]) -> dict[str, tuple[int, tuple[Any, ...]]]:
    """id and search columns (`_TEXT_COLUMNS`) of the page's products the till already has."""
    return {sku: (pid, tuple(text))
            for sku, pid, *text in _by_sku(s, f"id, {', '.join(_TEXT_COLUMNS)}", skus)}


def ids_by_sku(s: Session, skus: Sequence[str]) -> dict[str, int]:
    return {sku: pid for sku, pid in _by_sku(s, "id", skus)}


# Hot statements run at the driver level (`exec_driver_sql` with tuples): SQLAlchemy's per-row
# bind processing cost more than SQLite's own work for a page of 500 products.
_PRODUCT_COLUMNS = ("plu", "name", "name_en", "pinyin", "search_keys", "category_code", "unit", "sold_by_weight", "tax_class",
                    "price_fen", "member_price_fen", "active")
_INSERT_PRODUCTS = f"INSERT INTO products (sku, {', '.join(_PRODUCT_COLUMNS)}, updated_at) VALUES "
_PRODUCT_VALUES = f"({', '.join('?' * (len(_PRODUCT_COLUMNS) + 2))})"
_PLAIN_COLUMNS = [c for c in _PRODUCT_COLUMNS if c not in _TEXT_COLUMNS]
#: A prepared row: the SKU, then `_PRODUCT_COLUMNS`; getters for the parts each statement takes.
_ROW = ("sku", *_PRODUCT_COLUMNS)
_ALL_BUT_SKU = slice(1, None)
_TEXT_OF = itemgetter(*(_ROW.index(c) for c in _TEXT_COLUMNS))
_PLAIN_OF = itemgetter(*(_ROW.index(c) for c in _PLAIN_COLUMNS))
_PLU_AT = _ROW.index("plu")


def _set_clause(columns: Sequence[str]) -> str:
    return ", ".join("plu = coalesce(?, plu)" if c == "plu" else f"{c} = ?" for c in columns)


_UPDATE_ALL = f"UPDATE products SET {_set_clause(_PRODUCT_COLUMNS)}, updated_at = ? WHERE id = ?"
# The same without the search columns: the FTS trigger (AFTER UPDATE OF name, ...) does not fire.
_UPDATE_PLAIN = f"UPDATE products SET {_set_clause(_PLAIN_COLUMNS)}, updated_at = ? WHERE id = ?"
_TAKE_PLU = "UPDATE products SET plu = NULL WHERE plu = ? AND sku != ?"
_INSERT_CODE = "INSERT INTO product_codes (code, product_id) VALUES (?, ?)"


def _stored_time(s: Session, value: datetime) -> Any:
    """``value`` as the `updated_at` column stores it (the column type's own bind processing)."""
    dialect = s.get_bind().dialect
    process = Product.__table__.c.updated_at.type.bind_processor(dialect)
    return process(value) if process else value


def _many(s: Session, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        s.connection().exec_driver_sql(sql, rows)


def _insert_products(s: Session, rows: list[tuple[Any, ...]]) -> None:
    """New products in multi-row INSERTs, not ``executemany``: SQLite opens a statement savepoint
    for each statement that fires a trigger, and FTS5 writes its pending terms to a new segment
    at each savepoint, so a row per statement left one segment per product to merge (three times
    the whole bulk cost). One statement per chunk indexes the chunk in one segment."""
    for chunk in _chunks(rows, 500):  # 7,000 bound variables
        s.connection().exec_driver_sql(_INSERT_PRODUCTS + ", ".join([_PRODUCT_VALUES] * len(chunk)),
                                       tuple(v for row in chunk for v in row))


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
    _many(s, _TAKE_PLU, [(p.values[_PLU_AT], p.sku) for p in products if p.values[_PLU_AT] is not None])

    new = [p for p in products if p.sku not in existing]
    renamed, plain = [], []
    for p in products:
        if (old := existing.get(p.sku)) is None:
            continue
        pid, text = old
        if text != _TEXT_OF(p.values):
            renamed.append((*p.values[_ALL_BUT_SKU], stamp, pid))
        else:
            plain.append((*_PLAIN_OF(p.values), stamp, pid))
    _insert_products(s, [(*p.values, stamp) for p in new])
    _many(s, _UPDATE_ALL, renamed)
    _many(s, _UPDATE_PLAIN, plain)

    ids = {sku: pid for sku, (pid, _) in existing.items()}
    ids.update(ids_by_sku(s, [p.sku for p in new]))

    # Codes: the page's products lose their old codes, and take theirs from any other holder.
    _delete_where_in(s, "DELETE FROM product_codes WHERE product_id", [pid for pid, _ in existing.values()])
    codes = [(g, ids[p.sku]) for p in products for g in p.gtins]
    _delete_where_in(s, "DELETE FROM product_codes WHERE code", [c[0] for c in codes])
    _many(s, _INSERT_CODE, codes)


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
    """Only prices that differ are written: the prices feed repeats every price the catalog feed
    just brought, and an unchanged row left unwritten leaves its page clean (a cheaper commit)."""
    stamp = _stored_time(s, now)
    _many(s, "UPDATE products SET price_fen = ?, member_price_fen = ?, updated_at = ? "
             "WHERE sku = ? AND (price_fen IS NOT ? OR member_price_fen IS NOT ?)",
          [(p.price_fen, p.member_price_fen, stamp, p.sku, p.price_fen, p.member_price_fen) for p in prices])


def apply_stock(s: Session, levels: Sequence[P.StockLevel]) -> None:
    """The platform's level per product (this till's unacknowledged movements are added when read)."""
    if not levels:
        return
    ids = ids_by_sku(s, [lv.sku for lv in levels])
    _many(s, "INSERT INTO stock_levels (product_id, quantity, as_of) VALUES (?, ?, ?) "
             "ON CONFLICT (product_id) DO UPDATE SET quantity = excluded.quantity, as_of = excluded.as_of",
          [(ids[lv.sku], str(Decimal(lv.quantity)), _stored_time(s, lv.as_of)) for lv in levels if lv.sku in ids])

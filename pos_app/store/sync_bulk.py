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

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pos_app.store.models import Product, ProductChar, ProductCode, ProductInitialPair, StockLevel
from pos_app.store.pinyin import initials, start_pairs
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
        return self.row["sku"]


def prepare_products(products: Iterable[P.Product]) -> list[PreparedProduct]:
    """The pure half of a catalog page (pinyin is the costly part): no database, no lock held."""
    out = []
    for p in products:
        row = dict(sku=p.sku, plu=p.plu, name=p.name, name_en=p.name_en, pinyin=initials(p.name),
                   category_code=p.category_code, unit=p.unit, sold_by_weight=p.sold_by_weight,
                   tax_class=p.tax_class, price_fen=p.price_fen, member_price_fen=p.member_price_fen,
                   active=p.active)
        out.append(PreparedProduct(row=row, gtins=tuple(dict.fromkeys(p.gtins)),
                                   chars=frozenset(name_chars(p.name)), pairs=frozenset(start_pairs(p.name))))
    return out


@dataclass(frozen=True)
class _Existing:
    id: int
    name: str
    name_en: str
    pinyin: str


def _existing(s: Session, skus: Sequence[str]) -> dict[str, _Existing]:
    found: dict[str, _Existing] = {}
    for chunk in _chunks(skus):
        for row in s.connection().execute(select(Product.sku, Product.id, Product.name, Product.name_en, Product.pinyin)
                             .where(Product.sku.in_(chunk))):
            found[row.sku] = _Existing(row.id, row.name, row.name_en, row.pinyin)
    return found


def ids_by_sku(s: Session, skus: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in _chunks(skus):
        out.update((sku, pid) for sku, pid in s.connection().execute(select(Product.sku, Product.id).where(Product.sku.in_(chunk))))
    return out


_TAKE_PLU = (update(Product).where(Product.plu == bindparam("b_plu"), Product.sku != bindparam("b_sku"))
             .values(plu=None))
_UPDATE_ALL = (update(Product).where(Product.id == bindparam("b_id"))
               .values(name=bindparam("name"), name_en=bindparam("name_en"), pinyin=bindparam("pinyin"),
                       plu=func.coalesce(bindparam("plu"), Product.plu), category_code=bindparam("category_code"),
                       unit=bindparam("unit"), sold_by_weight=bindparam("sold_by_weight"),
                       tax_class=bindparam("tax_class"), price_fen=bindparam("price_fen"),
                       member_price_fen=bindparam("member_price_fen"), active=bindparam("active"),
                       updated_at=bindparam("updated_at")))
# The same without the search columns: the FTS trigger (AFTER UPDATE OF name, ...) does not fire.
_UPDATE_PLAIN = (update(Product).where(Product.id == bindparam("b_id"))
                 .values(plu=func.coalesce(bindparam("plu"), Product.plu), category_code=bindparam("category_code"),
                         unit=bindparam("unit"), sold_by_weight=bindparam("sold_by_weight"),
                         tax_class=bindparam("tax_class"), price_fen=bindparam("price_fen"),
                         member_price_fen=bindparam("member_price_fen"), active=bindparam("active"),
                         updated_at=bindparam("updated_at")))
_DELETE_CHAR = delete(ProductChar).where(ProductChar.ch == bindparam("b_ch"),
                                         ProductChar.product_id == bindparam("b_pid"))
_DELETE_PAIR = delete(ProductInitialPair).where(ProductInitialPair.pair == bindparam("b_pair"),
                                                ProductInitialPair.product_id == bindparam("b_pid"))


def apply_products(s: Session, products: Sequence[PreparedProduct], now: datetime) -> None:
    """Upsert the page's products with their codes and search rows (inside the caller's transaction).

    A PLU or GTIN the page gives to a product is taken from whichever product held it, so swaps
    apply in any order; a product sent without a PLU keeps the one it has."""
    if not products:
        return
    by_sku = {p.sku: p for p in products}  # the last version of a SKU in the page wins
    products = list(by_sku.values())
    existing = _existing(s, list(by_sku))
    plus = [{"b_plu": p.row["plu"], "b_sku": p.sku} for p in products if p.row["plu"] is not None]
    if plus:
        s.connection().execute(_TAKE_PLU, plus)

    new = [p for p in products if p.sku not in existing]
    renamed, plain = [], []
    for p in products:
        old = existing.get(p.sku)
        if old is None:
            continue
        params = {**{k: v for k, v in p.row.items() if k != "sku"}, "b_id": old.id, "updated_at": now}
        if any(getattr(old, c) != p.row[c] for c in _TEXT_COLUMNS):
            renamed.append(params)
        else:
            plain.append(params)
    if new:
        s.connection().execute(insert(Product), [{**p.row, "updated_at": now} for p in new])
    if renamed:
        s.connection().execute(_UPDATE_ALL, renamed)
    if plain:
        s.connection().execute(_UPDATE_PLAIN, plain)

    ids = {sku: old.id for sku, old in existing.items()}
    ids.update(ids_by_sku(s, [p.sku for p in new]))

    # Codes: the page's products lose their old codes, and take theirs from any other holder.
    old_ids = [old.id for old in existing.values()]
    for chunk in _chunks(old_ids):
        s.connection().execute(delete(ProductCode).where(ProductCode.product_id.in_(chunk)))
    codes = [{"code": g, "product_id": ids[p.sku]} for p in products for g in p.gtins]
    for chunk in _chunks([c["code"] for c in codes]):
        s.connection().execute(delete(ProductCode).where(ProductCode.code.in_(chunk)))
    if codes:
        s.connection().execute(insert(ProductCode), codes)

    # Search characters and initial pairs: by primary key (ch/pair, product_id), for renamed products only.
    stale_chars, stale_pairs, chars, pairs = [], [], [], []
    for p in products:
        pid = ids[p.sku]
        old = existing.get(p.sku)
        if old is not None:
            if old.name == p.row["name"]:
                continue
            stale_chars.extend({"b_ch": c, "b_pid": pid} for c in name_chars(old.name) - p.chars)
            stale_pairs.extend({"b_pair": c, "b_pid": pid} for c in start_pairs(old.name) - p.pairs)
            keep_chars, keep_pairs = name_chars(old.name), start_pairs(old.name)
        else:
            keep_chars, keep_pairs = set(), set()
        chars.extend({"ch": c, "product_id": pid} for c in p.chars - keep_chars)
        pairs.extend({"pair": c, "product_id": pid} for c in p.pairs - keep_pairs)
    if stale_chars:
        s.connection().execute(_DELETE_CHAR, stale_chars)
    if stale_pairs:
        s.connection().execute(_DELETE_PAIR, stale_pairs)
    if chars:
        s.connection().execute(sqlite_insert(ProductChar).on_conflict_do_nothing(), chars)
    if pairs:
        s.connection().execute(sqlite_insert(ProductInitialPair).on_conflict_do_nothing(), pairs)


_DEACTIVATE = update(Product).where(Product.sku == bindparam("b_sku")).values(active=False,
                                                                               updated_at=bindparam("b_now"))


def deactivate_products(s: Session, skus: Sequence[str], now: datetime) -> None:
    """Catalog tombstones deactivate: completed sales still reference the product."""
    if skus:
        s.connection().execute(_DEACTIVATE, [{"b_sku": sku, "b_now": now} for sku in skus])


_SET_PRICE = (update(Product).where(Product.sku == bindparam("b_sku"))
              .values(price_fen=bindparam("b_price"), member_price_fen=bindparam("b_member"),
                      updated_at=bindparam("b_now")))


def apply_prices(s: Session, prices: Sequence[P.Price], now: datetime) -> None:
    if prices:
        s.connection().execute(_SET_PRICE, [{"b_sku": p.sku, "b_price": p.price_fen, "b_member": p.member_price_fen,
                                "b_now": now} for p in prices])


def apply_stock(s: Session, levels: Sequence[P.StockLevel]) -> None:
    """The platform's level per product (this till's unacknowledged movements are added when read)."""
    if not levels:
        return
    ids = ids_by_sku(s, [lv.sku for lv in levels])
    rows = [{"product_id": ids[lv.sku], "quantity": str(Decimal(lv.quantity)), "as_of": lv.as_of}
            for lv in levels if lv.sku in ids]
    if rows:
        stmt = sqlite_insert(StockLevel)
        s.connection().execute(stmt.on_conflict_do_update(index_elements=[StockLevel.product_id],
                                             set_={"quantity": stmt.excluded.quantity, "as_of": stmt.excluded.as_of}),
                  rows)


# -- snapshots: only what differs ---------------------------------------------------------------

def _catalog_state(s: Session) -> dict[str, tuple]:
    codes = (select(func.group_concat(ProductCode.code, " ")).where(ProductCode.product_id == Product.id)
             .scalar_subquery())
    rows = s.connection().execute(select(Product.sku, Product.plu, Product.name, Product.name_en, Product.category_code,
                            Product.unit, Product.sold_by_weight, Product.tax_class, Product.price_fen,
                            Product.member_price_fen, Product.active, codes))
    return {r[0]: (*r[1:-1], tuple(sorted((r[-1] or "").split()))) for r in rows}


def _catalog_wire(p: P.Product, plu: str | None) -> tuple:
    return (p.plu if p.plu is not None else plu, p.name, p.name_en, p.category_code, p.unit, p.sold_by_weight,
            p.tax_class, p.price_fen, p.member_price_fen, p.active, tuple(sorted(set(p.gtins))))


def changed_in_snapshot(s: Session, resource: str, items: Sequence[Any]) -> tuple[list[Any], list[str]]:
    """The snapshot's items that differ from what the till holds, and the live keys it no longer has.

    Read in a read-only transaction before the write one, so replacing a 200,000-product catalog that
    changed in a few hundred rows writes a few hundred rows: one short transaction, all or nothing."""
    if resource == "catalog":
        state = _catalog_state(s)
        changed = [p for p in items
                   if p.sku not in state or _catalog_wire(p, state[p.sku][0]) != state[p.sku]]
        keys = {p.sku for p in items}
        gone = [sku for sku, row in state.items() if row[-2] and sku not in keys]
        return changed, gone
    if resource == "prices":
        prices = {r[0]: (r[1], r[2]) for r in s.connection().execute(
            select(Product.sku, Product.price_fen, Product.member_price_fen))}
        return [p for p in items if prices.get(p.sku) != (p.price_fen, p.member_price_fen)], []
    if resource == "stock":
        levels = {r[0]: (Decimal(r[1]), r[2]) for r in s.connection().execute(
            select(Product.sku, StockLevel.quantity, StockLevel.as_of).join(StockLevel,
                                                                           StockLevel.product_id == Product.id))}
        return [lv for lv in items if levels.get(lv.sku) != (Decimal(lv.quantity), lv.as_of)], []
    raise ValueError(f"no bulk snapshot for {resource}")

"""A 410 snapshot of a big feed (catalog, prices, stock) staged page by page, then swapped in at once.

A chain catalog's snapshot is hundreds of thousands of items. Held whole in memory and compared in
one go, it cost the till hundreds of megabytes; here each page is written as it arrives:

* ``staged_rows`` (a read transaction) compares the page with the till's live rows, then
  ``stage_rows`` (short background transactions of ``STAGE_ROWS`` rows) puts the page's keys into
  ``snapshot_rows``, each with its item only when the item differs from the live row, and with the
  page's last part ``page_staged`` notes in ``snapshot_progress`` the token of the next page (a
  progress row with no page staged yet is a snapshot to start again);
* the swap (``TillSyncStorage.finish_snapshot``): the staged items that differ and the live keys the
  snapshot lacks are applied in ONE transaction with the new cursor, by the feed's own bulk
  appliers. The cashier sees the whole old catalog, then the whole new one; the transaction is as
  long as the snapshot's differences, not as the catalog.

Nothing live changes before the swap, so a crash (even SIGKILL) mid-snapshot leaves the old catalog
whole; the next run resumes at the stored token (or starts again if the platform forgot it).
Memory is bounded by a page while staging, by the differences at the swap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_app.store.models import Product, ProductCode, StockLevel, utcnow
from pos_app.store.sync_models import SnapshotProgress, SnapshotRow
from sync import protocol as P

#: The feeds whose snapshots are staged (the others are small and applied whole).
STAGED = frozenset({"catalog", "prices", "stock"})

#: Bound variables per statement stay well under SQLite's limit.
_CHUNK = 900
#: Staging rows per write transaction: a page of 5,000 would hold the write lock longer than a scan waits.
STAGE_ROWS = 1000


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def progress(s: Session, resource: str) -> SnapshotProgress | None:
    return s.get(SnapshotProgress, resource)


def discard(s: Session, resource: str) -> None:
    """Forget a staged snapshot of ``resource`` (finished, or to be started again)."""
    s.execute(delete(SnapshotRow).where(SnapshotRow.resource == resource))
    s.execute(delete(SnapshotProgress).where(SnapshotProgress.resource == resource))


def staged_rows(s: Session, resource: str, items: Sequence[Any]) -> list[tuple[str, str, str | None]]:
    """The page's staging rows: each key, with its item's JSON only when it differs from the live row
    (read in a read transaction: the page's write transaction then only inserts)."""
    live = _live_state(s, resource, [item.sku for item in items])
    return [(resource, item.sku, None if _same(resource, item, live.get(item.sku)) else item.model_dump_json())
            for item in items]


def stage_rows(s: Session, resource: str, staged: Sequence[tuple[str, str, str | None]], cursor: str,
               first: bool) -> None:
    """Part of a page's ``staged_rows`` into the staging tables (inside the caller's transaction);
    ``first`` starts the snapshot afresh. A part written again (a page fetched again after a crash)
    replaces itself."""
    if first:
        discard(s, resource)
        s.add(SnapshotProgress(resource=resource, cursor=cursor, next_token=None, pages=0, started_at=utcnow()))
        s.flush()
    if staged:
        s.connection().exec_driver_sql(
            "INSERT OR REPLACE INTO snapshot_rows (resource, key, data) VALUES (?, ?, ?)", staged)


def page_staged(s: Session, resource: str, next_token: str | None) -> None:
    """The page's last part is written: the next run resumes at ``next_token`` (None: at the swap)."""
    row = s.get(SnapshotProgress, resource)
    assert row is not None, "a snapshot page needs the snapshot's progress row"
    row.next_token, row.pages = next_token, row.pages + 1


def staged_changes(s: Session, resource: str) -> list[Any]:
    """The staged items that differ from the live rows (what the swap writes)."""
    model = P.RESOURCE_MODELS[resource]
    rows = s.scalars(select(SnapshotRow.data).where(SnapshotRow.resource == resource,
                                                     SnapshotRow.data.is_not(None)).order_by(SnapshotRow.key))
    return [model.model_validate_json(data or "") for data in rows]


def gone_keys(s: Session, resource: str) -> list[str]:
    """Live products the snapshot no longer has (catalog only: prices and stock have no tombstones)."""
    if resource != "catalog":
        return []
    staged = select(SnapshotRow.key).where(SnapshotRow.resource == resource)
    return list(s.scalars(select(Product.sku).where(Product.active.is_(True), Product.sku.not_in(staged))))


# -- what differs: an item against the till's live row of its key --------------------------------

def _live_state(s: Session, resource: str, skus: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    out: dict[str, tuple[Any, ...]] = {}
    for chunk in _chunks(skus):
        if resource == "catalog":
            codes = (select(func.group_concat(ProductCode.code, " ")).where(ProductCode.product_id == Product.id)
                     .scalar_subquery())
            stmt = select(Product.sku, Product.plu, Product.name, Product.name_en, Product.category_code,
                          Product.unit, Product.sold_by_weight, Product.tax_class, Product.price_fen,
                          Product.member_price_fen, Product.active, codes).where(Product.sku.in_(chunk))
            out.update((r[0], (*r[1:-1], tuple(sorted(str(r[-1] or "").split()))))
                       for r in s.connection().execute(stmt))
        elif resource == "prices":
            prices = select(Product.sku, Product.price_fen, Product.member_price_fen).where(Product.sku.in_(chunk))
            out.update((r[0], (r[1], r[2])) for r in s.connection().execute(prices))
        else:
            levels = (select(Product.sku, StockLevel.quantity, StockLevel.as_of)
                      .join(StockLevel, StockLevel.product_id == Product.id).where(Product.sku.in_(chunk)))
            out.update((r[0], (Decimal(str(r[1])), r[2])) for r in s.connection().execute(levels))
    return out


def _same(resource: str, item: Any, live: tuple[Any, ...] | None) -> bool:
    if live is None:
        return False
    if resource == "catalog":
        p: P.Product = item
        wire = (p.plu if p.plu is not None else live[0], p.name, p.name_en, p.category_code, p.unit,
                p.sold_by_weight, p.tax_class, p.price_fen, p.member_price_fen, p.active, tuple(sorted(set(p.gtins))))
        return wire == live
    if resource == "prices":
        return (item.price_fen, item.member_price_fen) == live
    return (Decimal(item.quantity), item.as_of) == live

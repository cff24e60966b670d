"""Catalog, prices and stock pages applied in bulk (`sync_bulk`): the same tables as the per-row
path, all-or-nothing with the cursor, snapshots writing only what differs."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.bootstrap import open_database
from pos_app.services.demo_catalog import gtin13
from pos_app.store import sync_store
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P
from sync.errors import PageRefused

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def product(sku: str, name: str = "盒马 鲜榨橙汁 1L", price: int = 990, plu: str | None = None,
            gtins: list[str] | None = None, **kw) -> P.Product:
    data = dict(sku=sku, gtins=[gtin13("694" + sku.zfill(9))] if gtins is None else gtins, name=name,
                name_en="Juice", category_code="DRINK", category_name="饮料", category_name_en="Drinks",
                unit="pcs", sold_by_weight=False, tax_class="VAT13", price_fen=price, member_price_fen=None,
                active=True, plu=plu)
    data.update(kw)
    return P.Product.model_validate(data)


def live(model: P.WireModel) -> P.FeedItem:
    return P.FeedItem[type(model)](key=getattr(model, type(model).KEY_FIELD), deleted=False, data=model)


def tombstone(key: str) -> P.FeedItem:
    return P.FeedItem[P.Product](key=key, deleted=True, data=None)


PAGE1 = [live(product("500001", "伊利纯牛奶 250ml", plu="1001")), live(product("500002", "可口可乐 330ml", plu="1002")),
         live(product("500003", "乐事薯片 番茄味"))]
# A renamed, the PLUs swapped, C's GTIN moved to B, C deleted, B re-priced only.
PAGE2 = [live(product("500001", "蒙牛纯牛奶 1L", plu="1002")),
         live(product("500002", "可口可乐 330ml", price=350, plu="1001", gtins=[gtin13("694000500003")])),
         tombstone("500003")]


def dump(path: Path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        q = {
            "products": "SELECT sku, plu, name, name_en, pinyin, category_code, unit, sold_by_weight, tax_class, "
                        "price_fen, member_price_fen, active FROM products WHERE sku LIKE '5000%' ORDER BY sku",
            "codes": "SELECT c.code, p.sku FROM product_codes c JOIN products p ON p.id = c.product_id "
                     "WHERE p.sku LIKE '5000%' ORDER BY 1, 2",
            "keys": "SELECT sku, search_keys FROM products WHERE sku LIKE '5000%' ORDER BY sku",
            "short": "SELECT p.sku FROM product_fts_keys k JOIN products p ON p.id = k.rowid "
                     "WHERE product_fts_keys MATCH '\"牛\" OR \"乐\" OR \"sp\"' ORDER BY 1",
            "fts": "SELECT p.sku FROM product_fts f JOIN products p ON p.id = f.rowid "
                   "WHERE product_fts MATCH '\"纯牛奶\" OR \"330\" OR \"lspf\"' ORDER BY 1",
        }
        con.execute("INSERT INTO product_fts(product_fts) VALUES ('integrity-check')")
        con.execute("INSERT INTO product_fts_keys(product_fts_keys) VALUES ('integrity-check')")
        return {name: con.execute(sql).fetchall() for name, sql in q.items()}
    finally:
        con.close()


def per_row(db, items) -> None:
    """The per-row ORM path the bulk one replaced (kept for held-back rows): the reference."""
    with db.uow() as uow:
        for it in items:
            if it.deleted:
                sync_store._DELETE["catalog"](uow, it.key)
            else:
                sync_store._UPSERT["catalog"](uow, it.data, [])
        uow.commit()


def test_bulk_pages_leave_the_same_catalog_codes_and_search_rows_as_the_per_row_path(app, storage, tmp_path):
    ref_dir = tmp_path / "reference"
    ref_dir.mkdir()
    app.db.dispose()
    shutil.copy(app.db.path, ref_dir / "till.db")
    reference = open_database(ref_dir)
    try:
        for n, page in enumerate((PAGE1, PAGE2)):
            storage.apply_page("catalog", page, f"c{n}")
            per_row(reference, page)
            assert dump(app.db.path) == dump(ref_dir / "till.db")
    finally:
        reference.dispose()
    bulk = dump(app.db.path)
    assert bulk["products"][0][:3] == ("500001", "1002", "蒙牛纯牛奶 1L")
    assert bulk["keys"][0] == ("500001", "蒙 牛 纯 奶 1l cn mn n1 nc nn")  # the renamed name's keys only
    assert "500001" not in [h.sku for h in app.catalog.search("伊", 1000)]
    assert "500001" in [h.sku for h in app.catalog.search("蒙", 1000)]
    assert (gtin13("694000500003"), "500002") in bulk["codes"]
    assert "500001" in [h.sku for h in app.catalog.search("蒙牛纯牛奶")]
    assert "500001" not in [h.sku for h in app.catalog.search("伊利纯牛奶")]


@pytest.fixture
def storage(app):
    return TillSyncStorage(app.db)


def test_a_page_the_database_refuses_changes_nothing_and_keeps_the_cursor(app, storage):
    storage.apply_page("catalog", PAGE1, "c1")
    clash = [live(product("500004", "新品 A", plu="2001")), live(product("500005", "新品 B", plu="2001"))]
    with pytest.raises(PageRefused):
        storage.apply_page("catalog", [live(product("500001", "改名 牛奶")), *clash], "c2")
    assert storage.get_cursor("catalog") == "c1"
    assert [h.name for h in app.catalog.search("500001")] == ["伊利纯牛奶 250ml"]
    assert app.catalog.search("新品") == []


def test_prices_and_stock_pages_apply_in_bulk_and_hold_back_unknown_skus(app, storage):
    storage.apply_page("catalog", PAGE1, "c1")
    prices = [live(P.Price(sku="500001", price_fen=1234, member_price_fen=1200)),
              live(P.Price(sku="NOSUCH", price_fen=1, member_price_fen=None))]
    assert storage.apply_page("prices", prices, "p1") == 1
    stock = [live(P.StockLevel(sku="500002", quantity="17.5", as_of=NOW))]
    assert storage.apply_page("stock", stock, "s1") == 0
    with app.db.uow(read_only=True) as uow:
        record = uow.catalog.by_sku("500001")
        assert (record.price_fen, record.member_price_fen) == (1234, 1200)
        assert uow.stock.level(uow.catalog.by_sku("500002").id) == Decimal("17.5")
    assert [(p.resource, p.key) for p in storage.parked()] == [("prices", "NOSUCH")]
    # Only a differing price is written, a member price taken away (NULL) included.
    storage.apply_page("prices", [live(P.Price(sku="500001", price_fen=1234, member_price_fen=None))], "p2")
    with app.db.uow(read_only=True) as uow:
        assert uow.catalog.by_sku("500001").member_price_fen is None


def test_a_snapshot_writes_only_what_differs_and_deactivates_what_is_gone(app, storage):
    storage.apply_page("catalog", PAGE1, "c1")
    con = sqlite3.connect(app.db.path)
    before = dict(con.execute("SELECT sku, updated_at FROM products WHERE sku LIKE '5000%'"))
    snap = [product("500001", "伊利纯牛奶 250ml", plu="1001"), product("500002", "可口可乐 330ml", price=390, plu="1002")]
    storage.apply_snapshot("catalog", snap, "c9")
    after = dict(con.execute("SELECT sku, updated_at FROM products WHERE sku LIKE '5000%'"))
    active = dict(con.execute("SELECT sku, active FROM products WHERE sku LIKE '5000%'"))
    others = con.execute("SELECT count(*) FROM products WHERE active AND sku NOT LIKE '5000%'").fetchone()[0]
    con.close()
    assert after["500001"] == before["500001"]  # unchanged: not rewritten
    assert after["500002"] != before["500002"] and active == {"500001": 1, "500002": 1, "500003": 0}
    assert others == 0  # the demo products are not in the snapshot: the platform no longer has them
    assert storage.get_cursor("catalog") == "c9"
    assert app.catalog.search("500002")[0].price == Decimal("3.90")


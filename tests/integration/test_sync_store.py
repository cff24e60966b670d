"""The till's SyncStorage over the real database: atomic pages, tombstones, acknowledgements."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage
from sync import pickup_codes
from sync import protocol as P
from sync.storage import Conflict

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def product(sku="300001", price=990, tax="VAT13", active=True, **kw):
    data = dict(sku=sku, gtins=[gtin13("694" + sku.zfill(9))], name="盒马 鲜榨橙汁 1L", name_en="Fresh Orange Juice 1L",
                category_code="DRINK", category_name="饮料", category_name_en="Drinks", unit="pcs",
                sold_by_weight=False, tax_class=tax, price_fen=price, member_price_fen=None, active=active)
    data.update(kw)
    return P.Product.model_validate(data)


def item(model: P.Product) -> P.FeedItem:
    return P.FeedItem[P.Product](key=model.sku, deleted=False, data=model)


def tombstone(key: str) -> P.FeedItem:
    return P.FeedItem[P.Product](key=key, deleted=True, data=None)


@pytest.fixture
def storage(app):
    return TillSyncStorage(app.db)


def test_page_upserts_and_moves_the_cursor(app, storage):
    storage.apply_page("catalog", [item(product())], "c1")
    assert [h.name for h in app.catalog.search("鲜榨橙汁")] == ["盒马 鲜榨橙汁 1L"]
    assert storage.get_cursor("catalog") == "c1"
    storage.apply_page("catalog", [item(product(price=1290, name="盒马 鲜榨橙汁 1升"))], "c2")
    hit = app.catalog.search("300001")[0]
    assert (hit.name, hit.price) == ("盒马 鲜榨橙汁 1升", Decimal("12.90"))


CODE_HASH = pickup_codes.code_hash("123456")


def pickup_order(order_id: str, order_no: str) -> P.PickupOrder:
    return P.PickupOrder.model_validate(dict(
        order_id=order_id, order_no=order_no, customer_name="王女士", customer_phone="13812345678", status="new",
        payment="paid_online", pickup_deadline=NOW + timedelta(hours=2), notes="",
        lines=[dict(line_id="L1", sku="100001", name="可口可乐 330ml", quantity="2", unit="pcs", price_fen=300)],
        pickup_code_argon2=CODE_HASH))


def test_a_failing_item_rolls_back_the_whole_page_and_keeps_the_cursor(app, storage):
    feed = P.FeedItem[P.PickupOrder]
    storage.apply_page("pickup_orders", [feed(key="O1", deleted=False, data=pickup_order("O1", "PU1"))], "c1")
    clash = pickup_order("O3", "PU1")  # the same order number as O1: the database refuses the row
    with pytest.raises(Exception):  # noqa: B017 - any database error; what matters is what is left
        storage.apply_page("pickup_orders", [feed(key="O2", deleted=False, data=pickup_order("O2", "PU2")),
                                             feed(key="O3", deleted=False, data=clash)], "c2")
    assert storage.get_cursor("pickup_orders") == "c1"
    con = sqlite3.connect(app.db.path)
    assert con.execute("SELECT order_id FROM pickup_orders").fetchall() == [("O1",)]


def test_a_product_with_an_unknown_tax_class_is_held_back_and_the_rest_of_the_page_applied(app, storage):
    bad = product(sku="300002", tax="VAT99")
    parked = storage.apply_page("catalog", [item(product(sku="300003")), item(bad)], "c2")
    assert parked == 1 and storage.get_cursor("catalog") == "c2"
    assert [h.sku for h in app.catalog.search("300003")] == ["300003"] and app.catalog.search("300002") == []
    [row] = storage.parked()
    assert (row.resource, row.key) == ("catalog", "300002") and "tax class 'VAT99'" in row.reason
    assert storage.counts()["parked"] == 1
    tax = P.FeedItem[P.TaxClassInfo](key="VAT99", deleted=False, data=P.TaxClassInfo(code="VAT99", name="x",
                                                                                      rate="0.99"))
    storage.apply_page("tax_classes", [tax], "t1")  # what it needed arrives: the product follows
    assert [h.sku for h in app.catalog.search("300002")] == ["300002"] and storage.parked() == []


def test_a_newer_version_of_a_held_back_row_replaces_it(app, storage):
    storage.apply_page("catalog", [item(product(sku="300002", category_code="NOPE"))], "c1")
    assert [p.key for p in storage.parked()] == ["300002"]
    storage.apply_page("catalog", [item(product(sku="300002"))], "c2")
    assert storage.parked() == [] and [h.sku for h in app.catalog.search("300002")] == ["300002"]


def test_a_price_of_an_unknown_product_is_held_back(app, storage):
    price = P.FeedItem[P.Price](key="999999", deleted=False,
                                data=P.Price(sku="999999", price_fen=100, member_price_fen=None))
    assert storage.apply_page("prices", [price], "p1") == 1
    assert "price of product 999999" in storage.parked()[0].reason


def test_tombstone_deactivates_a_product(app, storage):
    storage.apply_page("catalog", [item(product())], "c1")
    storage.apply_page("catalog", [tombstone("300001")], "c2")
    assert app.catalog.search("300001") == []
    assert sqlite3.connect(app.db.path).execute(
        "SELECT active FROM products WHERE sku='300001'").fetchone() == (0,)


def test_snapshot_replaces_what_the_platform_no_longer_has(app, storage):
    storage.apply_snapshot("catalog", [product()], "s1")
    live = sqlite3.connect(app.db.path).execute("SELECT count(*) FROM products WHERE active").fetchone()[0]
    assert live == 1 and storage.get_cursor("catalog") == "s1"


def test_acknowledged_sale_moves_its_stock_into_the_platform_level(app, cashier, storage):
    cashier.scan(gtin13("690000000001"))
    cashier.add_tender("cash", "3")
    done = cashier.complete()
    event = storage.pending_events(10)[0]
    assert (event.kind, event.aggregate_id) == ("sale", done.sale_id)
    level_before = app.catalog.search("100001")[0].stock
    storage.mark_acknowledged(event.id, P.PushResult(status="accepted", kind="sale", idempotency_key=event.id,
                                                     received_at=NOW))
    assert storage.pending_events(10) == []
    assert app.catalog.search("100001")[0].stock == level_before + 1  # until the platform level arrives
    storage.apply_page("stock", [P.FeedItem[P.StockLevel](key="100001", deleted=False, data=P.StockLevel(
        sku="100001", quantity="99", as_of=NOW))], "s1")
    assert app.catalog.search("100001")[0].stock == 99


def test_dead_letters_and_conflicts_are_kept(app, cashier, storage):
    cashier.scan(gtin13("690000000001"))
    cashier.add_tender("cash", "3")
    cashier.complete()
    event = storage.pending_events(1)[0]
    storage.record_attempt(event.id, "timeout")
    assert storage.pending_events(1)[0].attempts == 1
    storage.mark_dead(event.id, "422: bad line")
    storage.record_conflict(Conflict(event_id=event.id, kind="sale", code="x", message="m"))
    assert storage.pending_events(10) == [] and storage.counts() == {"dead": 1}


def test_pickup_order_local_progress_is_not_undone_but_cancellation_wins(app, storage):
    order = P.PickupOrder.model_validate(dict(
        order_id="O1", order_no="PU1001", customer_name="王女士", customer_phone="13812345678", status="new",
        payment="paid_online", pickup_deadline=NOW + timedelta(hours=2), notes="",
        lines=[dict(line_id="L1", sku="100001", name="可口可乐 330ml", quantity="2", unit="pcs", price_fen=300)],
        pickup_code_argon2=pickup_codes.code_hash("123456")))
    feed = P.FeedItem[P.PickupOrder]
    storage.apply_page("pickup_orders", [feed(key="O1", deleted=False, data=order)], "p1")
    con = sqlite3.connect(app.db.path)
    con.execute("UPDATE pickup_orders SET status='ready'")
    con.commit()
    storage.apply_page("pickup_orders", [feed(key="O1", deleted=False, data=order)], "p2")
    assert con.execute("SELECT status, platform_status FROM pickup_orders").fetchone() == ("ready", "new")
    cancelled = order.model_copy(update={"status": "cancelled"})
    storage.apply_page("pickup_orders", [feed(key="O1", deleted=False, data=cancelled)], "p3")
    assert con.execute("SELECT status FROM pickup_orders").fetchone() == ("cancelled",)


def test_a_weighed_product_from_the_platform_sells_from_its_scale_label(app, storage, cashier):
    from stdnum import ean

    fish = product(sku="300009", name="鲜活鲫鱼", name_en="Live Crucian Carp", unit="kg", sold_by_weight=True,
                   gtins=[], price_fen=2680, tax="VAT9", plu="20009")
    storage.apply_page("catalog", [item(fish)], "c1")
    body = "2" + "20009" + "00750" + "002010"  # 0.750 kg, 20.10 printed by the scale
    line = cashier.scan(body + ean.calc_check_digit(body)).lines[-1]
    assert (line.sku, line.quantity, line.amount) == ("300009", Decimal("0.750"), Decimal("20.10"))


def test_a_snapshot_parks_what_it_cannot_store_and_replaces_what_was_held_back(app, storage):
    orphan = product(sku="300002", category_code="NOPE")
    assert storage.apply_snapshot("catalog", [product(), orphan], "s1") == 1
    assert [p.key for p in storage.parked()] == ["300002"]
    assert storage.apply_snapshot("catalog", [product()], "s2") == 0  # the platform no longer has it
    assert storage.parked() == [] and storage.get_cursor("catalog") == "s2"

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


def test_a_failing_item_rolls_back_the_whole_page_and_keeps_the_cursor(app, storage):
    storage.apply_page("catalog", [item(product())], "c1")
    bad = product(sku="300002", tax="VAT99")  # no such tax class here: the row cannot be stored
    with pytest.raises(Exception):  # noqa: B017 - any database error; what matters is what is left
        storage.apply_page("catalog", [item(product(sku="300003")), item(bad)], "c2")
    assert storage.get_cursor("catalog") == "c1"
    assert app.catalog.search("300003") == []


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

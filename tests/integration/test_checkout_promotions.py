"""Promotions on the open ticket and in the completed sale: re-priced on every change, shares
stored per sale line and unit, the sale event carrying them and still adding up."""

from __future__ import annotations

import json
import sqlite3
import threading
from decimal import Decimal

import pytest

from pos_app.domain.permissions import Permission
from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P
from sync.protocol import Sale as WireSale

COLA, MILK = gtin13("690000000001"), gtin13("690000000011")  # 3.00 DRINK, 3.50 DAIRY


def promotion(pid: str, name: str, name_en: str, rule: dict, **extra) -> P.FeedItem:
    data = P.Promotion.model_validate({
        "promotion_id": pid, "name": name, "name_en": name_en, "rule": rule,
        "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z",
        "combines_with": ["price", "item", "order", "coupon"], **extra,
    })
    return P.FeedItem[P.Promotion](key=pid, deleted=False, data=data)


@pytest.fixture
def promotions(app):
    TillSyncStorage(app.db).apply_page("promotions", [
        promotion("HALF", "可乐第二件半价", "Cola 2nd half price",
                  {"type": "nth_discount", "targets": {"skus": ["100001"]}, "n": 2, "percent": "50"}),
        promotion("M10", "满10减1", "1 off every 10", {"type": "threshold_off", "threshold_fen": 1000,
                                                       "off_fen": 100, "repeat": True}),
    ], "c1")


def test_promotions_follow_every_change_of_the_ticket(promotions, cashier):
    snap = cashier.scan(COLA)
    assert snap.promotions == () and snap.total == Decimal("3.00")
    snap = cashier.scan(COLA)  # 2 x 3.00: the second at half price
    assert [(p.promotion_id, p.amount) for p in snap.promotions] == [("HALF", Decimal("1.50"))]
    assert snap.lines[0].promotion_discount == Decimal("1.50") and snap.total == Decimal("4.50")
    snap = cashier.scan(MILK)  # 8.00 < 10: no 满减 yet
    assert snap.total == Decimal("8.00") and snap.saved == Decimal("1.50")
    snap = cashier.set_quantity(2, "2")  # 4.50 + 7.00 = 11.50: 1.00 off
    assert [(p.promotion_id, p.amount) for p in snap.promotions] == [("HALF", Decimal("1.50")), ("M10", Decimal("1.00"))]
    assert snap.total == Decimal("10.50") and snap.saved == Decimal("2.50")
    # while scanning the 满减 is one amount off the total; Total spreads it over the lines
    assert snap.estimate and sum(ln.promotion_discount for ln in snap.lines) == Decimal("1.50")
    snap = cashier.void_line(2)
    assert snap.total == Decimal("4.50")


def test_total_spreads_the_order_discount_over_the_lines_and_changes_no_amount(promotions, cashier):
    for code in (COLA, COLA, MILK, MILK):
        running = cashier.scan(code)
    assert running.estimate and [p.promotion_id for p in running.promotions] == ["HALF", "M10"]
    totalled = cashier.total()
    assert not totalled.estimate
    assert (totalled.total, totalled.saved, totalled.promotions) == (running.total, running.saved, running.promotions)
    assert sum(ln.promotion_discount for ln in totalled.lines) == Decimal("2.50")
    assert {p.promotion_id for ln in totalled.lines for p in ln.promotions} == {"HALF", "M10"}


def test_the_sale_stores_and_sends_the_shares_per_line_and_unit(app, promotions, cashier):
    for code in (COLA, COLA, COLA, MILK, MILK):
        snap = cashier.scan(code)
    assert snap.total == Decimal("16.00") - Decimal("1.50") - Decimal("1.00")
    cashier.add_tender("cash", "20")
    done = cashier.complete()
    con = sqlite3.connect(app.db.path)
    rows = con.execute("SELECT sku, discount_fen, promotion_discount_fen, promotions, unit_discounts, total_fen "
                       "FROM sale_lines WHERE sale_id = ? ORDER BY line_no", (done.sale_id,)).fetchall()
    con.close()
    (cola, milk) = rows
    assert cola[2] == cola[1] and milk[2] == milk[1]
    assert cola[2] + milk[2] == 250 and cola[5] + milk[5] == 1350
    cola_units = json.loads(cola[4])
    assert sum(n for n, _ in cola_units) == 3 and sum(n * f for n, f in cola_units) == cola[2]
    assert {p["promotion_id"] for p in json.loads(cola[3])} == {"HALF", "M10"}
    con = sqlite3.connect(app.db.path)
    payload = json.loads(con.execute("SELECT payload FROM outbox WHERE aggregate_id = ?", (done.sale_id,)).fetchone()[0])
    con.close()
    wire = WireSale.model_validate(payload)
    assert sum(p.discount_fen for ln in wire.lines for p in ln.promotions) == 250
    assert wire.total_fen == 1350


def test_a_line_the_cashier_repriced_takes_no_promotion(app, promotions, cashier):
    cashier.scan(COLA)
    assert cashier.scan(COLA).promotions
    approval = app.auth.approve("8888", Permission.PRICE_OVERRIDE, "dented")
    snap = cashier.override_price(1, "2.00", "dented", approval)
    assert snap.promotions == () and snap.total == Decimal("4.00")


def test_a_pull_in_another_thread_is_seen_by_the_next_scan(app, cashier):
    """Nothing about the promotions is cached across scans but their version, read in each scan's
    own transaction (a prepared statement): a page the sync worker's thread applies between two
    scans prices the second."""
    assert cashier.scan(COLA).promotions == ()
    pull = threading.Thread(target=lambda: TillSyncStorage(app.db).apply_page("promotions", [
        promotion("HALF", "可乐第二件半价", "Cola 2nd half price",
                  {"type": "nth_discount", "targets": {"skus": ["100001"]}, "n": 2, "percent": "50"}),
    ], "c1"))
    pull.start()
    pull.join()
    snap = cashier.scan(COLA)  # the repeat scan makes the second cola
    assert [p.promotion_id for p in snap.promotions] == ["HALF"] and snap.total == Decimal("4.50")

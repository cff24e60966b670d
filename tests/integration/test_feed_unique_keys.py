"""A feed page that moves a unique key (card number, PLU, order number) applies in any order; a page
that still cannot be applied parks its resource with a reason while every other resource flows."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sync_stub_server import Answer, stub_platform

from pos_app.store.sync_store import TillSyncStorage
from sync import pickup_codes
from sync import protocol as P
from sync.backoff import Backoff
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.errors import PageRefused

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def member(member_id: str, card_no: str) -> dict:
    return dict(member_id=member_id, card_no=card_no, name="会员", phone="13812345678", tier="gold", points=10)


def members(*rows: dict) -> list[P.FeedItem]:
    return [P.FeedItem[P.Member](key=r["member_id"], deleted=False, data=P.Member.model_validate(r)) for r in rows]


def cards(app) -> dict[str, str]:
    con = sqlite3.connect(app.db.path)
    try:
        return dict(con.execute("SELECT member_id, card_no FROM members"))
    finally:
        con.close()


@pytest.fixture
def storage(app):
    return TillSyncStorage(app.db)


def test_a_card_moved_to_a_new_member_applies_in_either_order(app, storage):
    storage.apply_page("members", members(member("M1", "C1"), member("M2", "C2")), "m1")
    storage.apply_page("members", members(member("M3", "C1"), member("M1", "C9")), "m2")  # new holder first
    assert cards(app) == {"M1": "C9", "M2": "C2", "M3": "C1"}
    assert storage.get_cursor("members") == "m2"


def test_two_members_swapping_cards_in_one_page(app, storage):
    storage.apply_page("members", members(member("M1", "C1"), member("M2", "C2")), "m1")
    storage.apply_page("members", members(member("M1", "C2"), member("M2", "C1")), "m2")
    assert cards(app) == {"M1": "C2", "M2": "C1"}


def test_a_card_taken_by_a_member_outside_the_page_leaves_a_placeholder(app, storage):
    storage.apply_page("members", members(member("M1", "C1")), "m1")
    storage.apply_page("members", members(member("M2", "C1")), "m2")
    assert cards(app) == {"M1": "~M1", "M2": "C1"}  # no scan matches "~": M1's own update follows


def test_plu_moved_between_products(app, storage):
    def product(sku: str, plu: str) -> P.FeedItem:
        data = P.Product.model_validate(dict(
            sku=sku, gtins=[], name="苹果", name_en="Apples", category_code="FRUIT", category_name="水果",
            category_name_en="Fruit", unit="kg", sold_by_weight=True, tax_class="VAT9", price_fen=1290,
            member_price_fen=None, active=True, plu=plu))
        return P.FeedItem[P.Product](key=sku, deleted=False, data=data)

    storage.apply_page("catalog", [product("400001", "4011"), product("400002", "4012")], "c1")
    storage.apply_page("catalog", [product("400001", "4012"), product("400002", "4011")], "c2")
    con = sqlite3.connect(app.db.path)
    assert dict(con.execute("SELECT sku, plu FROM products WHERE sku LIKE '40000_'")) == {
        "400001": "4012", "400002": "4011"}
    con.close()


CODE_HASH = pickup_codes.code_hash("123456")


def order(order_id: str, order_no: str) -> P.FeedItem:
    data = P.PickupOrder.model_validate(dict(
        order_id=order_id, order_no=order_no, customer_name="王女士", customer_phone="13812345678",
        status="new", payment="paid_online", pickup_deadline=NOW + timedelta(hours=2), notes="",
        lines=[dict(line_id="L1", sku="100001", name="可口可乐", quantity="1", unit="pcs", price_fen=300)],
        pickup_code_argon2=CODE_HASH))
    return P.FeedItem[P.PickupOrder](key=order_id, deleted=False, data=data)


def test_an_order_number_moves_with_its_order_but_is_never_taken(app, storage):

    storage.apply_page("pickup_orders", [order("O1", "PU1")], "p1")
    storage.apply_page("pickup_orders", [order("O1", "PU9"), order("O2", "PU1")], "p2")  # renumbered, then reused
    con = sqlite3.connect(app.db.path)
    assert dict(con.execute("SELECT order_id, order_no FROM pickup_orders")) == {"O1": "PU9", "O2": "PU1"}
    # A number two live orders claim is not taken from one of them (the customer's code names it):
    # the page is refused whole, to be parked.
    with pytest.raises(PageRefused, match="pickup_orders page breaks a rule"):
        storage.apply_page("pickup_orders", [order("O3", "PU9")], "p3")
    assert storage.get_cursor("pickup_orders") == "p2"
    con.close()


def test_a_page_the_database_refuses_is_refused_whole_with_a_reason(app, storage):
    # two live orders of one page claim the same order number: the till's unique key refuses it
    with pytest.raises(PageRefused, match="pickup_orders page breaks a rule"):
        storage.apply_page("pickup_orders", [order("O1", "PU1"), order("O2", "PU1")], "c2")
    assert storage.get_cursor("pickup_orders") is None
    assert sqlite3.connect(app.db.path).execute("SELECT count(*) FROM pickup_orders").fetchone() == (0,)


def test_a_parked_resource_does_not_stop_the_others(app, storage):
    def page(items: list[tuple[str, dict]], cursor: str) -> bytes:
        return json.dumps({"items": [{"key": key, "deleted": False, "data": data} for key, data in items],
                           "next_cursor": cursor, "has_more": False}).encode()

    clash = [(o.key, o.data.model_dump(mode="json")) for o in (order("O1", "PU1"), order("O2", "PU1"))]

    with stub_platform() as stub:
        stub.on("/feeds/pickup_orders", Answer(body=page(clash, "Yzk")))
        stub.on("/feeds/members", Answer(body=page([("M7", member("M7", "C7"))], "bTc")))
        with PlatformClient(stub.url, "tok", read_timeout_s=5) as client:
            report = SyncEngine(client, storage, ["pickup_orders", "members"],
                                backoff=Backoff(rand=lambda: 0.5)).run_once()
    assert list(report.refused_pages) == ["pickup_orders"]
    assert "pickup_orders page breaks a rule" in report.refused_pages["pickup_orders"]
    assert storage.get_cursor("pickup_orders") is None and storage.get_cursor("members") == "bTc"
    assert cards(app) == {"M7": "C7"}

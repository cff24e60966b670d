"""The promotions feed between the reference platform and the till, both real, over loopback HTTP:
promotions arrive and leave; a rule body the till does not know refuses the whole page."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.services.demo_catalog import gtin13
from pos_app.store.repositories.promotions import PromotionRepository
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def promotion(pid: str, **rule: object) -> dict:
    return {"promotion_id": pid, "name": "满100减20", "name_en": "20 off every 100",
            "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2027-01-01T00:00:00Z",
            "combines_with": ["price", "item", "order", "coupon"],
            "rule": rule or {"type": "threshold_off", "threshold_fen": 10000, "off_fen": 2000, "repeat": True}}


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, memory_keyring):
    config = Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5, connect_timeout_s=2))
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = build_app(config, demo_dir)
    yield ctx
    ctx.close()


def till_promotions(ctx) -> list[str]:
    with ctx.db.uow(read_only=True) as uow:
        return [b["promotion_id"] for b in PromotionRepository(uow.session).bodies(NOW)]


def test_promotions_reach_the_till_and_an_ended_one_leaves(platform, till):
    platform.admin("PUT", "/admin/promotions", [promotion("M100"), promotion(
        "HALF", type="nth_discount", targets={"skus": ["100001"]}, n=2, percent="50")])
    assert till.sync.run_once().ok
    assert till_promotions(till) == ["HALF", "M100"]
    platform.admin("DELETE", "/admin/promotions/HALF")
    assert till.sync.run_once().ok
    assert till_promotions(till) == ["M100"]


def test_the_platform_refuses_an_unknown_rule_type(platform):
    answer = platform.admin("PUT", "/admin/promotions", [promotion("X", type="lucky_draw")], expect=422)
    assert "lucky_draw" in json.dumps(answer)


def test_an_unknown_rule_body_in_the_feed_is_refused_whole_with_the_reason(platform, till):
    platform.admin("PUT", "/admin/promotions", [promotion("M100")])
    assert till.sync.run_once().ok
    bad = promotion("LUCKY", type="lucky_draw", odds="1/10")
    with sqlite3.connect(platform.db_path) as conn:  # what a newer platform could send
        conn.execute("UPDATE counters SET value = value + 1 WHERE name = 'seq'")
        seq = conn.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()[0]
        conn.execute("INSERT INTO entities (resource, scope, key, seq, deleted, data) VALUES (?, '', ?, ?, 0, ?)",
                     ("promotions", "LUCKY", seq, json.dumps(bad)))
    platform.admin("PUT", "/admin/promotions", [promotion("M200")])
    report = till.sync.run_once()
    problems = [e for e in report.errors if e.startswith("pull promotions")]
    assert problems and "lucky_draw" in problems[0]
    assert till_promotions(till) == ["M100"]  # nothing of the page, not even M200


def test_a_second_use_of_a_coupon_is_refused_by_the_platform_and_shown_to_the_manager(platform, till, tmp_path):
    platform.admin("PUT", "/admin/products", [{
        "sku": "100001", "gtins": [gtin13("690000000001")], "name": "可口可乐 330ml", "name_en": "Coca-Cola 330ml",
        "category_code": "DRINK", "category_name": "饮料", "category_name_en": "Drinks", "unit": "pcs",
        "sold_by_weight": False, "tax_class": "VAT13", "price_fen": 300, "member_price_fen": None, "active": True}])
    platform.admin("PUT", "/admin/coupons", [{
        "code": "ONCE10", "kind": "percent_off", "value_fen": 0, "percent_off": 10, "min_spend_fen": 0,
        "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z", "active": True,
        "offline_safe": True}])
    assert till.sync.run_once().ok
    with sqlite3.connect(platform.db_path) as conn:  # another till of the chain used it first
        conn.execute("UPDATE counters SET value = value + 1 WHERE name = 'seq'")
        seq = conn.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()[0]
        conn.execute("INSERT INTO entities (resource, scope, key, seq, deleted, data) VALUES (?, '', ?, ?, 0, ?)",
                     ("coupon_redemptions", "ONCE10", seq, json.dumps({"redemption_id": "f" * 32,
                                                                      "receipt_no": "S002-T01-000007"})))
    till.checkout.set_user(till.auth.login_badge("STAFF-0001"))
    open_shift(till)
    till.checkout.scan(gtin13("690000000001"))
    assert till.coupons.present("ONCE10").saved > 0
    till.checkout.add_tender("cash", "10")
    till.checkout.complete()
    report = till.sync.run_once()
    assert report.conflicts == 1
    (conflict,) = till.coupons.conflicts()
    assert conflict.code == "ONCE10" and "S002-T01-000007" in conflict.message

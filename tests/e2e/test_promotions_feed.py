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
from pos_app.store.repositories.promotions import PromotionRepository
from sync.credentials import Credentials
from sync.pairing import pair

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

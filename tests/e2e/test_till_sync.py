"""The till and the reference platform, each a real process/database, over HTTP on loopback.

Covers the till side of the sync issue: pairing, the demo catalog pulled, a price change and a
deletion on the platform reaching the till in one cycle, sales made offline delivered exactly
once, and a revoked token stopping sync without losing anything.
"""

from __future__ import annotations

import json
from decimal import Decimal

import keyring
import pytest
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.commands.sync_cmds import demo_catalog_payload
from pos_app.config import Config, PlatformConfig
from pos_app.services.checkout import ProductInactive
from pos_app.services.demo_catalog import gtin13
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

COLA, MILK = gtin13("690000000001"), gtin13("690000000011")


@pytest.fixture
def platform(tmp_path):
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(demo_catalog_payload(), ensure_ascii=False), encoding="utf-8")
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log",
                           ["--demo", "--demo-catalog", str(catalog)]).start()
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, memory_keyring):
    config = Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5, connect_timeout_s=2))
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = build_app(config, demo_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    yield ctx
    ctx.close()


def sell(ctx, code=COLA, n=1):
    for _ in range(n):
        ctx.checkout.scan(code)
        ctx.checkout.add_tender("cash", str(ctx.checkout.current().cash_due))
        ctx.checkout.complete()


def test_first_sync_pulls_the_demo_catalog_and_goes_online(till):
    report = till.sync.run_once()
    assert report is not None and report.ok, report
    assert report.pulled["catalog"] >= 49
    assert till.sync.state().code == "online"


def test_price_change_and_deletion_reach_the_till_in_one_cycle(platform, till):
    till.sync.run_once()
    platform.admin("PUT", "/admin/prices/100001", {"price_fen": 250, "member_price_fen": None})
    platform.admin("DELETE", "/admin/products/100011")
    till.sync.run_once()
    assert till.checkout.scan(COLA).lines[-1].unit_price == Decimal("2.50")
    with pytest.raises(ProductInactive):
        till.checkout.scan(MILK)


def test_sales_made_offline_are_delivered_exactly_once(platform, till):
    till.sync.run_once()
    platform.stop()
    sell(till, n=25)
    assert till.sync.run_once().online is False
    assert till.sync.state().code == "offline" and till.sync.state().pending == 25
    platform.start()
    till.sync.run_once()
    assert till.sync.state().pending == 0
    ids = platform.sale_ids()
    assert len(ids) == 25 == len(set(ids))
    till.sync.run_once()  # nothing is sent twice
    assert len(platform.sale_ids()) == 25


def test_revoked_token_stops_sync_and_keeps_the_events(platform, till):
    till.sync.run_once()
    platform.admin("POST", "/admin/stores/S001/tills/T01/revoke")
    sell(till, n=2)
    till.sync.run_once()
    state = till.sync.state()
    assert state.code == "needs_pairing" and state.pending == 2
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    till.sync.run_once()
    assert till.sync.state().pending == 0 and len(platform.sale_ids()) == 2


def test_not_paired_says_so(demo_dir, platform, memory_keyring):
    ctx = build_app(Config(language="en", platform=PlatformConfig(url=platform.url)), demo_dir)
    try:
        assert ctx.sync.run_once() is None
        assert ctx.sync.state().code == "needs_pairing" and "pos-app pair" in ctx.sync.state().message
    finally:
        ctx.close()


def test_no_keyring_says_what_to_install(demo_dir, platform):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    ctx = build_app(Config(language="en", platform=PlatformConfig(url=platform.url)), demo_dir)
    try:
        assert ctx.sync.run_once() is None
        state = ctx.sync.state()
        assert state.code == "no_keyring" and "gnome-keyring" in state.message
    finally:
        ctx.close()
        keyring.set_keyring(previous)

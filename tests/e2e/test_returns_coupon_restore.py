"""A coupon used in a sale comes back only if the platform says so: with the reference platform
as a process, the coupon whose terms restore it on return is usable again at the till after the
sale's goods are all returned and the till has pulled; a partial return keeps it used, and a
coupon whose terms don't restore it stays used."""

from __future__ import annotations

import pytest
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.domain.errors import CouponAlreadyUsed
from pos_app.services.demo_catalog import gtin13
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

COLA = gtin13("690000000001")  # 3.00


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    proc.admin("PUT", "/admin/coupons", [
        {"code": code, "kind": "amount_off", "value_fen": 200, "percent_off": 0, "min_spend_fen": 0,
         "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z", "active": True,
         "offline_safe": True, "restore_on_return": restore}
        for code, restore in (("BACK2", True), ("GONE2", False))])
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, memory_keyring):
    config = Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5, connect_timeout_s=2))
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = build_app(config, demo_dir)
    assert ctx.sync.run_once().ok
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    yield ctx
    ctx.close()


def sell_with(till, coupon: str):
    for _ in range(3):
        till.checkout.scan(COLA)
    assert till.coupons.present(coupon).saved > 0
    till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
    return till.checkout.complete()


def give_back(till, sale, quantity: int) -> None:
    line = till.returns.find(sale.receipt_no).lines[0]
    till.returns.complete(till.checkout.user, sale.receipt_no, [(line.line_id, quantity, "changed_mind")])


def sync(till) -> None:
    for _ in range(2):  # push the events, then pull what the platform changed because of them
        report = till.sync.run_once()
        assert report.online and report.conflicts == 0
    assert till.sync.state().pending == 0


def coupon_usable(till, code: str) -> bool:
    """Ring up a sale and present ``code``: True if the till took it (the sale uses it)."""
    for _ in range(3):
        till.checkout.scan(COLA)
    try:
        till.coupons.present(code)
        usable = True
    except CouponAlreadyUsed:
        usable = False
    till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
    till.checkout.complete()
    return usable


def test_the_platform_decides_whether_a_returned_sales_coupon_can_be_used_again(platform, till):
    restorable, kept = sell_with(till, "BACK2"), sell_with(till, "GONE2")
    sync(till)
    give_back(till, restorable, 1)
    sync(till)
    assert not coupon_usable(till, "BACK2")  # part of the goods is still with the customer
    give_back(till, restorable, 2)
    give_back(till, kept, 3)
    sync(till)
    assert not coupon_usable(till, "GONE2")  # its terms keep it used
    assert coupon_usable(till, "BACK2")  # used again after the pull ...
    sync(till)  # ... and the platform takes the new use without a conflict

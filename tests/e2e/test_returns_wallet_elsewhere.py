"""A QR wallet payment taken on another till of the store, returned here: the platform's copy of the
sale names the payment (out_trade_no, what is already refunded), this till's payment service
refunds it to the wallet through the simulator, never in cash, exactly once, even when the wallet's
answer is lost on the way back."""

from __future__ import annotations

import shutil

import pytest
from payments_support import wallet_code
from sync_platform_proc import STORE, DroppingProxy, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.payment_codes import Wallet
from pos_app.services.demo_catalog import gtin13
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

COLA = gtin13("690000000001")


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def proxy(platform):
    proxy = DroppingProxy(platform.port)
    yield proxy
    proxy.close()


def open_till(platform, demo_dir, till: str, url: str):
    data = demo_dir.parent / f"till-{till}"
    data.mkdir()
    shutil.copy(demo_dir / "till.db", data / "till.db")
    pair(url, platform.pairing_code(till=till), Credentials(url), "S001", till)
    config = Config(language="en", till_id=till, platform=PlatformConfig(url=url, read_timeout_s=5, connect_timeout_s=2),
                    payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
    ctx = build_app(config, data)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    return ctx


@pytest.fixture
def tills(platform, proxy, demo_dir, memory_keyring):
    seller = open_till(platform, demo_dir, "T01", platform.url)
    returner = open_till(platform, demo_dir, "T02", proxy.url)  # its answers can be lost
    yield seller, returner
    seller.close()
    returner.close()


def charged(platform, out_trade_no: str) -> int:
    items = platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]
    return next(c["charged_fen"] for c in items if c["out_trade_no"] == out_trade_no)


def test_another_tills_wallet_payment_goes_back_to_the_wallet_once_even_with_the_answer_lost(platform, proxy, tills):
    seller, returner = tills
    for _ in range(3):
        seller.checkout.scan(COLA)
    intent = seller.payments.pay(wallet_code(Wallet.WECHAT), str(seller.checkout.current().remaining))
    sale = seller.checkout.complete()
    assert seller.sync.run_once().online  # the sale (and its tender) reach the platform

    original = returner.returns.find(sale.receipt_no)
    assert original.remote and [(t.kind, t.amount_fen, t.reference) for t in original.tenders] == \
        [("wechat_pay", 900, intent.out_trade_no)]
    line = original.lines[0]
    send = returner.returns.wallet_refund

    def answer_lost(*args, **kwargs):
        proxy.drop = 1  # the wallet refunds, the till never hears it
        return send(*args, **kwargs)

    returner.returns.wallet_refund = answer_lost
    done = returner.returns.complete(returner.checkout.user, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    returner.returns.wallet_refund = send
    assert proxy.dropped == 1
    assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 300, "wallet")]
    assert done.cash_fen == 0 and done.pending == ("wechat_pay",)
    assert charged(platform, intent.out_trade_no) == 900 - 300
    assert returner.returns.resume() == []  # sent again under the same refund number: refunded once
    assert returner.returns.resume() == []
    assert charged(platform, intent.out_trade_no) == 900 - 300

    rest = returner.returns.find(sale.receipt_no)  # the platform knows 3.00 went back already
    assert [(t.kind, t.amount_fen) for t in rest.tenders] == [("wechat_pay", 600)]
    done = returner.returns.complete(returner.checkout.user, sale.receipt_no, [(line.line_id, 2, "changed_mind")])
    assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 600, "wallet")]
    assert done.pending == () and charged(platform, intent.out_trade_no) == 0

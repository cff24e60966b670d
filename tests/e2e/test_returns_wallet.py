"""A QR-paid sale returned at the till: the refund goes back to the wallet through the payment
service and the platform's simulator, exactly once, even when the till stops between committing
the return and hearing the wallet's answer."""

from __future__ import annotations

import pytest
from payments_support import wallet_code
from sync_platform_proc import STORE, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.errors import ReturnExceedsRefundable, ReturnRefundPending
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
def till(platform, demo_dir, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    config = Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5, connect_timeout_s=2),
                    payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
    ctx = build_app(config, demo_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    yield ctx
    ctx.close()


def charged(platform, out_trade_no: str) -> int:
    items = platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]
    return next(c["charged_fen"] for c in items if c["out_trade_no"] == out_trade_no)


def qr_sale(till):
    for _ in range(3):
        till.checkout.scan(COLA)
    intent = till.payments.pay(wallet_code(Wallet.WECHAT), str(till.checkout.current().remaining))
    return intent, till.checkout.complete()


def test_a_qr_paid_sale_is_refunded_through_the_simulator_exactly_once(platform, till):
    intent, sale = qr_sale(till)
    line = till.returns.find(sale.receipt_no).lines[0]
    done = till.returns.complete(till.checkout.user, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 300, "wallet")]
    assert done.pending == ()
    assert till.returns.resume() == []  # nothing left to send; a second call refunds nothing more
    assert charged(platform, intent.out_trade_no) == 900 - 300


def test_a_refund_interrupted_after_the_commit_is_sent_once_on_resume(platform, till):
    intent, sale = qr_sale(till)
    line = till.returns.find(sale.receipt_no).lines[0]
    send = till.returns.wallet_refund
    till.returns.wallet_refund = None  # the till stops before it hears the wallet
    done = till.returns.complete(till.checkout.user, sale.receipt_no, [(line.line_id, 2, "changed_mind")])
    with pytest.raises(ReturnRefundPending):
        till.returns.check_refunded(done)
    assert charged(platform, intent.out_trade_no) == 900
    till.returns.wallet_refund = send
    assert till.returns.resume() == []
    assert till.returns.resume() == []
    assert charged(platform, intent.out_trade_no) == 900 - 600
    with pytest.raises(ReturnExceedsRefundable):  # the ledger: only one unit is left
        till.returns.complete(till.checkout.user, sale.receipt_no, [(line.line_id, 2, "changed_mind")])

"""Wallet payments a till does not hold, returned here against the reference platform as a process:

- an online order the customer paid by WeChat Pay in the app: the platform's order names the
  payment, the till refunds it to the wallet through its payment service (never in cash), exactly
  once even when the wallet's answer is lost;
- a sale of ANOTHER STORE paid by WeChat Pay: wallets are per store (that store is the merchant),
  so the platform refunds it for the paying store under the till's refund number, at most what the
  return reserved, exactly once even when the answer is lost; a bad request changes nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid

import pytest
from payments_support import wallet_code
from returns_platform_support import collected_online_order
from sync_platform_proc import STORE, DroppingProxy, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.payment_codes import Wallet
from pos_app.services.demo_catalog import gtin13
from sync import protocol as P
from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.errors import Rejected
from sync.pairing import pair
from tests_support import open_shift

ORDER = "WEB20261201777"
COLA = gtin13("690000000001")  # 3.00


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


def open_till(platform, demo_dir, store: str, till: str, url: str):
    data = demo_dir.parent / f"till-{store}-{till}"
    data.mkdir()
    shutil.copy(demo_dir / "till.db", data / "till.db")
    pair(url, platform.pairing_code(store=store, till=till), Credentials(url), store, till)
    config = Config(language="en", store_id=store, till_id=till,
                    platform=PlatformConfig(url=url, read_timeout_s=5, connect_timeout_s=2),
                    payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
    ctx = build_app(config, data)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    return ctx


def charged(platform, store: str, out_trade_no: str) -> int:
    items = platform.admin("GET", f"/admin/stores/{store}/wallet-charges")["items"]
    return next(c["charged_fen"] for c in items if c["out_trade_no"] == out_trade_no)


def losing_answer(till, proxy):
    """The next wallet refund reaches the wallet but its answer is lost on the way back."""
    send = till.returns._send_refund

    def lost(pending):
        proxy.drop = 1
        return send(pending)

    till.returns._send_refund = lost
    return lambda: setattr(till.returns, "_send_refund", send)


def test_an_online_order_paid_by_wallet_goes_back_to_the_wallet_once_even_with_the_answer_lost(
        platform, proxy, demo_dir, memory_keyring):
    till = open_till(platform, demo_dir, STORE, "T02", proxy.url)
    try:
        order = collected_online_order(platform, Credentials(till.config.platform.url).require_token(), ORDER)
        paid = order["wallet_payment"]
        assert (paid["wallet"], paid["amount_fen"]) == ("wechat_pay", 1200)
        original = till.returns.find(ORDER)
        assert [(t.kind, t.amount_fen, t.reference) for t in original.tenders] == \
            [("wechat_pay", 1200, paid["out_trade_no"])]
        line = original.lines[0]
        restore = losing_answer(till, proxy)
        done = till.returns.complete(till.checkout.user, ORDER, [(line.line_id, 1, "changed_mind")])
        restore()
        assert proxy.dropped == 1
        assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 300, "wallet")]
        assert done.cash_fen == 0 and done.pending == ("wechat_pay",)
        assert charged(platform, STORE, paid["out_trade_no"]) == 1200 - 300
        assert till.returns.resume() == [] and till.returns.resume() == []  # the same refund number: once
        assert charged(platform, STORE, paid["out_trade_no"]) == 1200 - 300

        rest = till.returns.find(ORDER)  # the platform knows 3.00 went back already
        assert [(t.kind, t.amount_fen) for t in rest.tenders] == [("wechat_pay", 900)]
        done = till.returns.complete(till.checkout.user, ORDER, [(line.line_id, 3, "changed_mind")])
        assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 900, "wallet")]
        assert done.pending == () and charged(platform, STORE, paid["out_trade_no"]) == 0
        assert till.sync.run_once().online and not till.sync.dead_letters()
    finally:
        till.close()


def test_a_wallet_order_is_only_for_an_order_paid_online(platform):
    deadline = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "customer_name": "张三", "customer_phone": "13800000000", "payment": "pay_at_store", "wallet": "alipay",
        "pickup_deadline": deadline, "lines": [{"line_id": "L1", "sku": "100001", "name": "可口可乐",
                                                 "quantity": "1", "unit": "pcs", "price_fen": 300}]}, expect=422)
    assert platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"] == []


@pytest.fixture
def two_stores(platform, proxy, demo_dir, memory_keyring):
    seller = open_till(platform, demo_dir, "S002", "T01", platform.url)
    returner = open_till(platform, demo_dir, STORE, "T02", proxy.url)  # its answers can be lost
    yield seller, returner
    seller.close()
    returner.close()


def test_another_stores_wallet_payment_is_refunded_by_the_platform_for_that_store_once(platform, proxy, two_stores):
    seller, returner = two_stores
    for _ in range(3):
        seller.checkout.scan(COLA)
    intent = seller.payments.pay(wallet_code(Wallet.WECHAT), str(seller.checkout.current().remaining))
    sale = seller.checkout.complete()
    assert seller.sync.run_once().online

    original = returner.returns.find(sale.receipt_no)
    assert [(t.kind, t.amount_fen, t.reference) for t in original.tenders] == \
        [("wechat_pay", 900, intent.out_trade_no)]
    line = original.lines[0]
    restore = losing_answer(returner, proxy)
    done = returner.returns.complete(returner.checkout.user, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    restore()
    assert proxy.dropped == 1
    assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("wechat_pay", 300, "wallet")]
    assert done.cash_fen == 0 and done.pending == ("wechat_pay",)
    assert charged(platform, "S002", intent.out_trade_no) == 900 - 300  # the paying store's payment
    assert returner.returns.resume() == [] and returner.returns.resume() == []
    assert charged(platform, "S002", intent.out_trade_no) == 900 - 300

    rest = returner.returns.find(sale.receipt_no)
    assert [(t.kind, t.amount_fen) for t in rest.tenders] == [("wechat_pay", 600)]
    done = returner.returns.complete(returner.checkout.user, sale.receipt_no, [(line.line_id, 2, "changed_mind")])
    assert done.pending == () and charged(platform, "S002", intent.out_trade_no) == 0
    assert returner.sync.run_once().online and not returner.sync.dead_letters()


def test_the_platform_refunds_another_stores_payment_only_within_the_returns_reservation(platform, two_stores):
    seller, returner = two_stores
    seller.checkout.scan(COLA)
    intent = seller.payments.pay(wallet_code(Wallet.WECHAT), str(seller.checkout.current().remaining))
    sale = seller.checkout.complete()
    other = returner.payments.pay  # a payment of the returning store, not of that sale
    returner.checkout.scan(COLA)
    own = other(wallet_code(Wallet.WECHAT), str(returner.checkout.current().remaining))
    returner.checkout.complete()
    assert seller.sync.run_once().online
    line = returner.returns.find(sale.receipt_no).lines[0]
    token = Credentials(returner.config.platform.url).require_token()
    reservation, unknown = uuid.uuid4().hex, uuid.uuid4().hex
    with PlatformClient(platform.url, token) as client:
        released = uuid.uuid4().hex  # a return that did not happen: nothing of it is refunded
        client.reserve_refund(STORE, released, P.RefundReservation(number=sale.receipt_no, lines=[
            P.ReservedLine(line_id=line.line_id, quantity="1", amount_fen=300)]))
        client.settle_refund(STORE, released, confirm=False)
        with pytest.raises(Rejected) as refused:
            client.refund_elsewhere(STORE, released, P.ElsewhereWalletRefund(
                out_trade_no=intent.out_trade_no, wallet="wechat_pay", refund_no="RFreleased001", amount_fen=100))
        assert refused.value.error_code == "reservation_released"
        client.reserve_refund(STORE, reservation, P.RefundReservation(number=sale.receipt_no, lines=[
            P.ReservedLine(line_id=line.line_id, quantity="1", amount_fen=300)]))
        bad = [("RFtoomuch0001", intent.out_trade_no, 301, "exceeds_reservation"),
               ("RFnotonsale01", own.out_trade_no, 100, "payment_not_on_sale")]
        for refund_no, out_trade_no, fen, code in bad:
            with pytest.raises(Rejected) as refused:
                client.refund_elsewhere(STORE, reservation, P.ElsewhereWalletRefund(
                    out_trade_no=out_trade_no, wallet="wechat_pay", refund_no=refund_no, amount_fen=fen))
            assert refused.value.error_code == code
        with pytest.raises(Rejected) as refused:
            client.refund_elsewhere(STORE, unknown, P.ElsewhereWalletRefund(
                out_trade_no=intent.out_trade_no, wallet="wechat_pay", refund_no="RFnores00001", amount_fen=100))
        assert refused.value.error_code == "reservation_unknown"
        assert charged(platform, "S002", intent.out_trade_no) == 300  # nothing refunded
        for _ in range(2):  # the same refund number twice: refunded once
            answer = client.refund_elsewhere(STORE, reservation, P.ElsewhereWalletRefund(
                out_trade_no=intent.out_trade_no, wallet="wechat_pay", refund_no="RFgood000001", amount_fen=300))
            assert answer.code == "SUCCESS"
        assert charged(platform, "S002", intent.out_trade_no) == 0

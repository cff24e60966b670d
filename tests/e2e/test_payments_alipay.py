"""The direct ``alipay`` provider (the till signs RSA2) against the platform's simulated Alipay
gateway: signatures are checked both ways, and the service's rules hold as with the platform."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from payments_support import wallet_code
from qr_payment_support import QrRun, customer_scans
from sync_platform_proc import STORE, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig
from pos_app.domain.errors import PaymentsUnavailable
from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState
from pos_app.domain.payment_policy import TRANSPORT_ERROR
from pos_app.payments.alipay import AlipayProvider
from pos_app.payments.base import ProviderUnavailable
from pos_app.services.demo_catalog import gtin13
from tests_support import open_shift

APP_ID = "2021000000000001"


def pem_pair(tmp_path, name: str):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = tmp_path / f"{name}.pem"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def keys(platform, tmp_path):
    private, public = pem_pair(tmp_path, "app")
    platform.admin("PUT", "/admin/alipay-apps", {"app_id": APP_ID, "public_key_pem": public, "store_id": STORE})
    alipay_public = tmp_path / "alipay_public.pem"
    alipay_public.write_text(platform.admin("GET", "/admin/alipay-public-key")["public_key_pem"], encoding="utf-8")
    return private, alipay_public


def make_till(platform, demo_dir, private, alipay_public):
    config = Config(language="en", payments=PaymentsConfig(
        provider="alipay", alipay_gateway=platform.url + "/alipay/gateway.do", alipay_app_id=APP_ID,
        alipay_private_key_file=str(private), alipay_public_key_file=str(alipay_public), timing_scale=0.02,
        read_timeout_s=0.5))
    ctx = build_app(config, demo_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    for _ in range(2):
        ctx.checkout.scan(gtin13("690000000001"))
    return ctx


def charges(platform) -> dict[str, int]:
    return {c["out_trade_no"]: c["charged_fen"]
            for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]}


@pytest.mark.parametrize(("scenario", "tenths", "state"), [
    ("success", 0, IntentState.PAID), ("paying_then_success", 3, IntentState.PAID),
    ("systemerror_then_success", 0, IntentState.PAID), ("reverse_recall_twice", 0, IntentState.REVERSED),
    ("expired_code", 0, IntentState.FAILED),
])
def test_signed_payments_follow_the_same_rules(platform, demo_dir, keys, scenario, tenths, state):
    ctx = make_till(platform, demo_dir, *keys)
    try:
        due = ctx.checkout.current().remaining
        intent = ctx.payments.pay(wallet_code(Wallet.ALIPAY, scenario, tenths), str(due))
        assert intent.state is state
        expected = int(due * 100) if state is IntentState.PAID else 0
        assert charges(platform)[intent.out_trade_no] == expected
        if state is IntentState.PAID:
            ctx.checkout.complete()
            part = ctx.payments.refund(intent.out_trade_no, "0.50", refund_no="ALR0001")
            again = ctx.payments.refund(intent.out_trade_no, "0.50", refund_no="ALR0001")
            assert part.done and again.done and charges(platform)[intent.out_trade_no] == expected - 50
    finally:
        ctx.close()


def test_a_wrong_key_is_refused_and_a_forged_answer_is_not_believed(platform, demo_dir, keys, tmp_path):
    private, alipay_public = keys
    other_private, other_public = pem_pair(tmp_path, "other")
    ctx = make_till(platform, demo_dir, other_private, alipay_public)  # not the registered app key
    try:
        answer = ctx.payments.provider().pay("T01wrongkey00000002", Wallet.ALIPAY, wallet_code(Wallet.ALIPAY),
                                             100, "")
        assert answer.code == "40002"  # isv.invalid-signature: nothing was charged
        assert charges(platform) == {}
        with pytest.raises(PaymentsUnavailable, match="WeChat"):
            ctx.payments.pay(wallet_code(Wallet.WECHAT), "1.00")
    finally:
        ctx.close()
    forged = tmp_path / "forged_public.pem"
    forged.write_text(other_public, encoding="utf-8")
    client = AlipayProvider(platform.url + "/alipay/gateway.do", APP_ID, str(private), str(forged))
    try:  # answers signed by the real simulator do not verify with another key: unknown, not success
        assert client.pay("T01forged000000001", Wallet.ALIPAY, wallet_code(Wallet.ALIPAY), 100, "").code == \
            TRANSPORT_ERROR
    finally:
        client.close()


def test_unusable_key_files_are_clear_refusals(tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key", encoding="utf-8")
    with pytest.raises(ProviderUnavailable, match="cannot be used"):
        AlipayProvider("http://127.0.0.1:1/gateway.do", APP_ID, str(bad), str(bad))
    with pytest.raises(ProviderUnavailable, match="needs"):
        AlipayProvider("http://127.0.0.1:1/gateway.do", "", str(bad), str(bad))


def test_a_signed_precreate_qr_is_paid_by_the_customer_or_closed_by_cancel(platform, demo_dir, keys):
    """alipay.trade.precreate through the direct client: the QR's URL comes back signed; paid by the
    customer's scan it is the sale's tender; a second order cancelled is closed (trade.cancel)."""
    ctx = make_till(platform, demo_dir, *keys)
    try:
        due = ctx.checkout.current().remaining
        run = QrRun(ctx, Wallet.ALIPAY, due)
        shown = run.wait_shown()
        assert shown.qr_url.startswith("https://qr.alipay.com/")
        customer_scans(platform, shown.out_trade_no)
        assert run.finish().state is IntentState.PAID
        assert ctx.checkout.current().is_paid
        ctx.checkout.complete()
        ctx.checkout.scan(gtin13("690000000001"))
        run = QrRun(ctx, Wallet.ALIPAY, ctx.checkout.current().remaining)
        second = run.wait_shown()
        ctx.payments.cancel(second.intent_id)
        assert run.finish().state is IntentState.REVERSED
        with pytest.raises(PaymentsUnavailable):
            ctx.payments.pay_qr(Wallet.WECHAT, "1.00")  # this till signs for Alipay only
        assert charges(platform) == {shown.out_trade_no: int(due * 100), second.out_trade_no: 0}
    finally:
        ctx.close()

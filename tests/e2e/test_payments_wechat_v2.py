"""The direct ``wechatpay_v2`` provider (the till signs) against the platform's simulated WeChat Pay:
signatures are checked both ways, and the service's rules hold as with the platform provider."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from payments_support import wallet_code
from sync_platform_proc import STORE, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig
from pos_app.domain.errors import PaymentsUnavailable
from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState
from pos_app.domain.payment_policy import TRANSPORT_ERROR
from pos_app.payments.base import ProviderUnavailable
from pos_app.payments.secrets import SERVICE as SECRETS_SERVICE
from pos_app.payments.wechatpay_v2 import WechatPayV2Provider
from pos_app.services.demo_catalog import gtin13
from tests_support import open_shift

KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    proc.admin("PUT", "/admin/wechatpay-merchants", {"mch_id": "1900000109", "key": KEY, "store_id": STORE})
    yield proc
    proc.stop()


def make_till(platform, demo_dir, tmp_path, key: str = KEY, key_file: str | None = None):
    if key_file is None:
        key_file = tmp_path / "wechat.key"
        key_file.write_text(key + "\n", encoding="utf-8")
    config = Config(language="en", payments=PaymentsConfig(
        provider="wechatpay_v2", wechat_url=platform.url + "/wechatpay", wechat_app_id="wx0000000000000001",
        wechat_mch_id="1900000109", wechat_key_file=str(key_file), timing_scale=0.02, read_timeout_s=0.5))
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
    ("dropped_response", 10, IntentState.PAID), ("reverse_recall_twice", 0, IntentState.REVERSED),
    ("insufficient_funds", 0, IntentState.FAILED),
])
def test_signed_payments_follow_the_same_rules(platform, demo_dir, tmp_path, scenario, tenths, state):
    ctx = make_till(platform, demo_dir, tmp_path)
    try:
        due = ctx.checkout.current().remaining
        intent = ctx.payments.pay(wallet_code(Wallet.WECHAT, scenario, tenths), str(due))
        assert intent.state is state
        expected = int(due * 100) if state is IntentState.PAID else 0
        assert charges(platform)[intent.out_trade_no] == expected
        if state is IntentState.PAID:
            ctx.checkout.complete()
            part = ctx.payments.refund(intent.out_trade_no, "0.50", refund_no="WXR0001")
            assert part.done and charges(platform)[intent.out_trade_no] == expected - 50
    finally:
        ctx.close()


def test_a_wrong_key_is_refused_by_the_wallet_and_nothing_is_charged(platform, demo_dir, tmp_path):
    ctx = make_till(platform, demo_dir, tmp_path, key="not-the-merchant-key")
    try:
        provider = ctx.payments.provider()
        answer = provider.pay("T01wrongkey00000001", Wallet.WECHAT, wallet_code(Wallet.WECHAT), 100, "")
        assert answer.code == TRANSPORT_ERROR and "SIGNERROR" in answer.message
        assert charges(platform) == {}
        with pytest.raises(PaymentsUnavailable, match="Alipay"):
            ctx.payments.pay(wallet_code(Wallet.ALIPAY), "1.00")
        assert ctx.payments.recent() == []
    finally:
        ctx.close()


def test_missing_key_file_is_a_clear_refusal(tmp_path):
    with pytest.raises(ProviderUnavailable, match="cannot be read"):
        WechatPayV2Provider("http://127.0.0.1:1", "wx1", "1900000109", str(tmp_path / "missing.key"))
    with pytest.raises(ProviderUnavailable, match="needs"):
        WechatPayV2Provider("http://127.0.0.1:1", "", "1900000109", str(tmp_path / "missing.key"))


def test_the_merchant_key_can_live_in_the_os_keyring(platform, demo_dir, tmp_path, memory_keyring):
    memory_keyring.set_password(SECRETS_SERVICE, "wechat-key", KEY)
    ctx = make_till(platform, demo_dir, tmp_path, key_file="keyring:wechat-key")
    try:
        due = ctx.checkout.current().remaining
        intent = ctx.payments.pay(wallet_code(Wallet.WECHAT, "success"), str(due))
        assert intent.state is IntentState.PAID  # signed with the keyring's key: the wallet accepted it
        assert charges(platform)[intent.out_trade_no] == int(due * 100)
    finally:
        ctx.close()


@pytest.mark.parametrize(("ref", "message"), [
    ("keyring:", "needs the entry's name"),
    ("keyring:absent", "has no entry 'absent' of o2o-till-payments.*keyring set o2o-till-payments absent"),
])
def test_a_keyring_key_that_is_not_there_is_a_clear_refusal(memory_keyring, ref, message):
    with pytest.raises(ProviderUnavailable, match=message):
        WechatPayV2Provider("http://127.0.0.1:1", "wx1", "1900000109", ref)


def test_without_an_os_keyring_a_keyring_key_says_what_to_do(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(ProviderUnavailable, match="there is none: .*gnome-keyring.*or name a key file"):
        WechatPayV2Provider("http://127.0.0.1:1", "wx1", "1900000109", "keyring:wechat-key")

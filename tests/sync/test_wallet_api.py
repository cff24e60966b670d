"""The platform's wallet payment API and its simulator, over HTTP, through the till's `platform` provider."""

from __future__ import annotations

import time

import pytest
from payments_support import SCENARIO, wallet_code
from sync_platform_proc import STORE, TILL

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_policy import TRANSPORT_ERROR
from pos_app.payments.base import ProviderUnavailable
from pos_app.payments.platform import PlatformPaymentProvider


def code(wallet: Wallet, scenario: str, tenths: int = 0) -> str:
    return wallet_code(wallet, {v: k for k, v in SCENARIO.items()}[scenario], tenths)


@pytest.fixture
def provider(platform, token):
    p = PlatformPaymentProvider(platform.url, token, STORE, TILL, read_timeout_s=1.0)
    yield p
    p.close()


def charges(platform) -> dict[str, dict]:
    return {c["out_trade_no"]: c for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]}


def test_immediate_success_charges_once_and_a_replay_answers_like_a_query(platform, provider):
    a = provider.pay("S001T01-0001", Wallet.WECHAT, code(Wallet.WECHAT, "00"), 1450, "sale")
    assert a.code == "SUCCESS" and a.transaction_id.startswith("SIM") and a.payer.startswith("o*")
    again = provider.pay("S001T01-0001", Wallet.WECHAT, code(Wallet.WECHAT, "00"), 1450, "sale")
    assert again.code == "SUCCESS" and again.transaction_id == a.transaction_id
    assert provider.query("S001T01-0001", Wallet.WECHAT).code == "SUCCESS"
    c = charges(platform)["S001T01-0001"]
    assert (c["charged_fen"], c["state"]) == (1450, "paid")


def test_alipay_codes_paying_then_success_after_the_delay(platform, provider):
    a = provider.pay("S001T01-0002", Wallet.ALIPAY, code(Wallet.ALIPAY, "01", 3), 800, "")
    assert a.code == "10003" and a.transaction_id == ""
    assert provider.query("S001T01-0002", Wallet.ALIPAY).code == "WAIT_BUYER_PAY"
    time.sleep(0.4)
    assert provider.query("S001T01-0002", Wallet.ALIPAY).code == "TRADE_SUCCESS"


def test_explicit_failures_charge_nothing(platform, provider):
    assert provider.pay("S001T01-0003", Wallet.WECHAT, code(Wallet.WECHAT, "04"), 100, "").code == "NOTENOUGH"
    assert provider.pay("S001T01-0004", Wallet.ALIPAY, code(Wallet.ALIPAY, "05"), 100, "").code == \
        "ACQ.PAYMENT_AUTH_CODE_INVALID"
    assert provider.query("S001T01-0003", Wallet.WECHAT).code == "PAYERROR"
    assert {c["charged_fen"] for c in charges(platform).values()} == {0}


def test_reverse_answers_recall_twice_then_gives_the_money_back(platform, provider):
    assert provider.pay("S001T01-0005", Wallet.WECHAT, code(Wallet.WECHAT, "06"), 500, "").code == "USERPAYING"
    assert [provider.reverse("S001T01-0005", Wallet.WECHAT).retry for _ in range(3)] == [True, True, False]
    assert provider.query("S001T01-0005", Wallet.WECHAT).code == "REVOKED"
    c = charges(platform)["S001T01-0005"]
    assert (c["reverse_calls"], c["charged_fen"]) == (3, 0)


def test_a_dropped_answer_is_a_transport_error_but_the_charge_stands(platform, provider):
    a = provider.pay("S001T01-0006", Wallet.UNIONPAY, code(Wallet.UNIONPAY, "07", 20), 990, "")
    assert a.code == TRANSPORT_ERROR
    assert provider.query("S001T01-0006", Wallet.UNIONPAY).code == "SUCCESS"
    assert charges(platform)["S001T01-0006"]["charged_fen"] == 990


def test_admin_scenario_overrides_the_code_and_systemerror_hides_a_charge(platform, provider):
    platform.admin("PUT", "/admin/wallet-scenarios", {"scenario": "systemerror_then_success", "count": 1})
    assert provider.pay("S001T01-0007", Wallet.ALIPAY, code(Wallet.ALIPAY, "00"), 300, "").code == "20000"
    assert provider.query("S001T01-0007", Wallet.ALIPAY).code == "TRADE_SUCCESS"
    assert provider.pay("S001T01-0008", Wallet.ALIPAY, code(Wallet.ALIPAY, "00"), 300, "").code == "10000"


def test_refunds_are_idempotent_by_refund_number_and_never_exceed_the_charge(platform, provider):
    provider.pay("S001T01-0009", Wallet.WECHAT, code(Wallet.WECHAT, "00"), 1000, "")
    assert provider.refund("S001T01-0009", Wallet.WECHAT, "R-0009-1", 400, 1000).code == "SUCCESS"
    assert provider.refund("S001T01-0009", Wallet.WECHAT, "R-0009-1", 400, 1000).code == "SUCCESS"
    assert provider.refund("S001T01-0009", Wallet.WECHAT, "R-0009-2", 700, 1000).code == "INVALID_REQUEST"
    assert charges(platform)["S001T01-0009"]["charged_fen"] == 600
    assert provider.query("S001T01-MISSING", Wallet.ALIPAY).code == "ACQ.TRADE_NOT_EXIST"


def test_bad_requests_are_refused_by_the_contract(platform, token):
    import requests
    url = f"{platform.url}/stores/{STORE}/wallet-payments"
    headers = {"Authorization": f"Bearer {token}"}
    body = {"out_trade_no": "S001T01-0010", "wallet": "wechat_pay", "auth_code": "13x", "amount_fen": 1,
            "till_id": TILL}
    assert requests.post(url, json=body, headers=headers, timeout=5).status_code == 422
    assert requests.post(url, json={**body, "auth_code": "130000777777777777", "amount_fen": 0},
                         headers=headers, timeout=5).status_code == 422
    assert requests.post(url.replace(STORE, "S999"), json={**body, "auth_code": "130000777777777777"},
                         headers=headers, timeout=5).status_code == 403
    assert requests.get(url + "/S001T01-0010", timeout=5, params={"wallet": "wechat_pay"}).status_code == 401


def test_provider_without_url_or_token_is_unavailable():
    with pytest.raises(ProviderUnavailable, match="URL"):
        PlatformPaymentProvider("", "t", STORE, TILL)
    with pytest.raises(ProviderUnavailable, match="paired"):
        PlatformPaymentProvider("http://127.0.0.1:1", None, STORE, TILL)
    with pytest.raises(ProviderUnavailable, match="https"):
        PlatformPaymentProvider("http://example.com", "t", STORE, TILL)

"""The ``platform`` provider: the till asks the chain's platform, which holds the merchant keys.

This is the default: the keys of WeChat Pay and Alipay stay off store PCs. The wire shapes are
``sync.protocol.WalletPayment``/``WalletRefund``/``WalletAnswer`` (in the OpenAPI contract).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import requests
from pydantic import ValidationError

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_policy import TRANSPORT_ERROR, Answer
from pos_app.payments.base import ProviderUnavailable
from sync.client import check_platform_url
from sync.protocol import WalletAnswer, WalletPayment, WalletQrOrder, WalletRefund

log = logging.getLogger(__name__)


class PlatformPaymentProvider:
    """One requests session to the platform; not thread-safe (the payment worker owns it)."""

    name = "platform"
    wallets = frozenset(Wallet)
    qr_wallets = frozenset({Wallet.WECHAT, Wallet.ALIPAY})

    def __init__(self, base_url: str, token: str | None, store_id: str, till_id: str, *,
                 connect_timeout_s: float = 5.0, read_timeout_s: float = 30.0, ca_bundle: str | None = None):
        if not base_url:
            raise ProviderUnavailable("the platform URL is not configured")
        if not token:
            raise ProviderUnavailable("the till is not paired with the platform")
        try:
            self.base_url = check_platform_url(base_url)
        except ValueError as exc:
            raise ProviderUnavailable(str(exc)) from None
        self.store_id = store_id
        self.till_id = till_id
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._verify: str | bool = ca_bundle or True
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"
        self._session.headers["User-Agent"] = "o2o-till-payments/1"

    def _url(self, out_trade_no: str = "", tail: str = "") -> str:
        url = f"{self.base_url}/stores/{quote(self.store_id, safe='')}/wallet-payments"
        if out_trade_no:
            url += "/" + quote(out_trade_no, safe="")
        return url + tail

    def _call(self, method: str, url: str, what: str, wallet: Wallet, body: Any = None) -> Answer:
        try:
            resp = self._session.request(method, url, json=body, params={"wallet": wallet.value},
                                         timeout=self._timeout, verify=self._verify)
        except requests.RequestException as exc:
            log.warning("payment %s: no answer from the platform (%s)", what, type(exc).__name__)
            return Answer(TRANSPORT_ERROR, f"no answer from the platform ({type(exc).__name__})")
        if resp.status_code != 200:
            log.warning("payment %s: platform answered HTTP %s", what, resp.status_code)
            return Answer(TRANSPORT_ERROR, f"platform answered HTTP {resp.status_code}")
        try:
            answer = WalletAnswer.model_validate_json(resp.content)
        except ValidationError:
            log.warning("payment %s: platform answer does not match the contract", what)
            return Answer(TRANSPORT_ERROR, "platform answer does not match the contract")
        return Answer(answer.code, answer.message, answer.transaction_id, answer.payer, answer.retry, answer.qr_url)

    def pay(self, out_trade_no: str, wallet: Wallet, auth_code: str, amount_fen: int, description: str) -> Answer:
        body = WalletPayment(out_trade_no=out_trade_no, wallet=wallet.value, auth_code=auth_code,
                             amount_fen=amount_fen, till_id=self.till_id, description=description[:200])
        return self._call("POST", self._url(), "pay", wallet, body.model_dump(mode="json"))

    def create_qr(self, out_trade_no: str, wallet: Wallet, amount_fen: int, description: str,
                  expire_minutes: int) -> Answer:
        body = WalletQrOrder(out_trade_no=out_trade_no, wallet=wallet.value, amount_fen=amount_fen,
                             till_id=self.till_id, description=description[:200], expire_minutes=expire_minutes)
        url = f"{self.base_url}/stores/{quote(self.store_id, safe='')}/wallet-qr-orders"
        return self._call("POST", url, "create QR", wallet, body.model_dump(mode="json"))

    def query(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._call("GET", self._url(out_trade_no), "query", wallet)

    def reverse(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._call("POST", self._url(out_trade_no, "/reverse"), "reverse", wallet)

    def refund(self, out_trade_no: str, wallet: Wallet, refund_no: str, amount_fen: int, total_fen: int) -> Answer:
        body = WalletRefund(refund_no=refund_no, amount_fen=amount_fen)
        return self._call("POST", self._url(out_trade_no, "/refunds"), "refund", wallet, body.model_dump(mode="json"))

    def close(self) -> None:
        self._session.close()

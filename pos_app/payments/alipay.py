"""The ``alipay`` provider: the till signs Alipay open-API requests itself with RSA2.

RSA2 is RSA-SHA256 with PKCS#1 v1.5 over the sorted ``k=v&...`` request parameters, done with the
``cryptography`` library; every answer's signature (over the response object's JSON text) is
verified with Alipay's public key, and an answer that does not verify counts as no answer (unknown
outcome, queried later). Keys are PEM files named in the config and never logged. Only Alipay
codes are accepted.
"""

from __future__ import annotations

import base64
import json
import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_policy import TRANSPORT_ERROR, Answer
from pos_app.payments.base import ProviderUnavailable
from pos_app.payments.secrets import read_secret

log = logging.getLogger(__name__)
CHINA = timezone(timedelta(hours=8))  # Alipay's timestamps are Beijing time


def signing_text(params: dict[str, str]) -> bytes:
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v != "" and k != "sign").encode()


def _load_key(path: str, private: bool) -> Any:  # an RSA private or public key
    data = read_secret(path, "Alipay private key" if private else "Alipay public key")
    try:
        key = serialization.load_pem_private_key(data, None) if private else serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise ProviderUnavailable(f"the Alipay key file {path} cannot be used ({type(exc).__name__})") from None
    if not isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        raise ProviderUnavailable(f"the Alipay key file {path} does not hold an RSA key")
    return key


class AlipayProvider:
    name = "alipay"
    wallets = frozenset({Wallet.ALIPAY})
    qr_wallets = frozenset({Wallet.ALIPAY})  # alipay.trade.precreate

    def __init__(self, gateway: str, app_id: str, private_key_file: str, alipay_public_key_file: str, *,
                 connect_timeout_s: float = 5.0, read_timeout_s: float = 10.0):
        if not (gateway and app_id and private_key_file and alipay_public_key_file):
            raise ProviderUnavailable("Alipay needs its gateway, app id and both key files in [payments]")
        self._private = _load_key(private_key_file, private=True)
        self._alipay_public = _load_key(alipay_public_key_file, private=False)
        self.gateway, self.app_id = gateway, app_id
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._session = requests.Session()

    def _call(self, method: str, biz: dict[str, str]) -> dict[str, str] | None:
        params = {"app_id": self.app_id, "method": method, "charset": "utf-8", "sign_type": "RSA2",
                  "timestamp": datetime.now(CHINA).strftime("%Y-%m-%d %H:%M:%S"), "version": "1.0",
                  "biz_content": json.dumps(biz, separators=(",", ":"), ensure_ascii=False)}
        params["sign"] = base64.b64encode(self._private.sign(signing_text(params), padding.PKCS1v15(),
                                                             hashes.SHA256())).decode()
        name = method.replace(".", "_") + "_response"
        try:
            resp = self._session.post(self.gateway, data=params, timeout=self._timeout)
            text = resp.content.decode("utf-8")
            outer = json.loads(text)
        except (requests.RequestException, UnicodeDecodeError, ValueError) as exc:
            log.warning("alipay %s: no usable answer (%s)", method, type(exc).__name__)
            return None
        # the signature covers the response object's text exactly as sent, up to ',"sign"'
        prefix = f'"{name}":'
        start, end = text.find(prefix), text.rfind(',"sign"')
        inner = outer.get(name) if isinstance(outer, dict) else None
        if start < 0 or end < start or not isinstance(inner, dict):
            return None
        raw = text[start + len(prefix):end]
        try:
            self._alipay_public.verify(base64.b64decode(outer.get("sign", "")), raw.encode(), padding.PKCS1v15(),
                                       hashes.SHA256())
        except (InvalidSignature, ValueError):
            log.warning("alipay %s: the answer's signature is wrong; ignoring it", method)
            return None
        return {k: str(v) for k, v in inner.items()}

    @staticmethod
    def _answer(data: dict[str, str] | None, status_field: str = "") -> Answer:
        if data is None:
            return Answer(TRANSPORT_ERROR, "no verified answer from Alipay")
        code = data.get("code", "")
        if code == "40004" and data.get("sub_code"):
            code = data["sub_code"]
        elif code == "10000" and status_field:
            code = data.get(status_field, code)
        return Answer(code, data.get("sub_msg") or data.get("msg", ""), data.get("trade_no", ""),
                      data.get("buyer_logon_id", ""), data.get("retry_flag") == "Y", data.get("qr_code", ""))

    @staticmethod
    def _yuan(fen: int) -> str:
        return str(Decimal(fen).scaleb(-2).quantize(Decimal("0.01")))

    def pay(self, out_trade_no: str, wallet: Wallet, auth_code: str, amount_fen: int, description: str) -> Answer:
        return self._answer(self._call("alipay.trade.pay", {
            "out_trade_no": out_trade_no, "scene": "bar_code", "auth_code": auth_code,
            "subject": description or "O2O", "total_amount": self._yuan(amount_fen)}))

    def create_qr(self, out_trade_no: str, wallet: Wallet, amount_fen: int, description: str,
                  expire_minutes: int) -> Answer:
        """alipay.trade.precreate: the answer's ``qr_code`` is the QR's URL; trade.cancel closes it."""
        return self._answer(self._call("alipay.trade.precreate", {
            "out_trade_no": out_trade_no, "subject": description or "O2O", "total_amount": self._yuan(amount_fen),
            "timeout_express": f"{expire_minutes}m"}))

    def query(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._answer(self._call("alipay.trade.query", {"out_trade_no": out_trade_no}), "trade_status")

    def reverse(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._answer(self._call("alipay.trade.cancel", {"out_trade_no": out_trade_no}))

    def refund(self, out_trade_no: str, wallet: Wallet, refund_no: str, amount_fen: int, total_fen: int) -> Answer:
        return self._answer(self._call("alipay.trade.refund", {
            "out_trade_no": out_trade_no, "out_request_no": refund_no, "refund_amount": self._yuan(amount_fen)}))

    def close(self) -> None:
        self._session.close()

"""The ``wechatpay_v2`` provider: the till signs WeChat Pay v2 requests itself (chains that keep
the merchant key on the store PC).

WeChat Pay v2 speaks XML; every request and answer carries an HMAC-SHA256 signature over the
sorted parameters and the merchant's API key (computed with the standard library's ``hmac``). An
answer whose signature does not verify is treated as no answer (unknown outcome, queried later),
never as a result. Reverse and refund use the merchant's client certificate (mutual TLS). The key
is read from a file named in the config and is never logged. Only WeChat Pay codes are accepted.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import xml.etree.ElementTree as ET

import requests

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_policy import TRANSPORT_ERROR, Answer
from pos_app.payments.base import ProviderUnavailable
from pos_app.payments.secrets import read_secret

log = logging.getLogger(__name__)


def sign(params: dict[str, str], key: str) -> str:
    text = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v != "" and k != "sign")
    return hmac.new(key.encode(), f"{text}&key={key}".encode(), hashlib.sha256).hexdigest().upper()


def to_xml(params: dict[str, str]) -> bytes:
    root = ET.Element("xml")
    for k, v in params.items():
        ET.SubElement(root, k).text = v
    return bytes(ET.tostring(root, encoding="utf-8"))


def from_xml(data: bytes) -> dict[str, str]:
    root = ET.fromstring(data)
    return {child.tag: child.text or "" for child in root}


class WechatPayV2Provider:
    name = "wechatpay_v2"
    wallets = frozenset({Wallet.WECHAT})
    #: Dynamic QR (precreate / Native) goes through the platform provider only, for now.
    qr_wallets: frozenset[Wallet] = frozenset()

    def __init__(self, base_url: str, app_id: str, mch_id: str, key_file: str, *, cert_file: str = "",
                 cert_key_file: str = "", connect_timeout_s: float = 5.0, read_timeout_s: float = 10.0):
        if not (base_url and app_id and mch_id and key_file):
            raise ProviderUnavailable("WeChat Pay needs its URL, app id, merchant id and key file in [payments]")
        try:
            self._key = read_secret(key_file, "WeChat Pay key").decode("utf-8").strip()
        except UnicodeDecodeError:
            raise ProviderUnavailable(f"the WeChat Pay key in {key_file} is not text") from None
        if not self._key:
            raise ProviderUnavailable(f"the WeChat Pay key file {key_file} is empty")
        self.base_url = base_url.rstrip("/")
        self.app_id, self.mch_id = app_id, mch_id
        self._cert = (cert_file, cert_key_file) if cert_file else None
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._session = requests.Session()

    def _call(self, path: str, params: dict[str, str], *, with_cert: bool = False) -> dict[str, str] | None:
        """The verified answer, or None when there is no trustworthy answer."""
        body = {"appid": self.app_id, "mch_id": self.mch_id, "nonce_str": secrets.token_hex(16),
                "sign_type": "HMAC-SHA256", **params}
        body["sign"] = sign(body, self._key)
        try:
            resp = self._session.post(self.base_url + path, data=to_xml(body), timeout=self._timeout,
                                      cert=self._cert if with_cert else None,
                                      headers={"Content-Type": "application/xml"})
            answer = from_xml(resp.content)
        except (requests.RequestException, ET.ParseError) as exc:
            log.warning("wechat pay %s: no usable answer (%s)", path, type(exc).__name__)
            return None
        if answer.get("return_code") != "SUCCESS":
            log.warning("wechat pay %s: refused (%s)", path, answer.get("return_msg", "")[:60])
            return {"err_code": answer.get("return_msg") or "FAIL", "refused": "Y"}
        if not hmac.compare_digest(answer.get("sign", ""), sign(answer, self._key)):
            log.warning("wechat pay %s: the answer's signature is wrong; ignoring it", path)
            return None
        return answer

    @staticmethod
    def _answer(data: dict[str, str] | None, code_field: str = "") -> Answer:
        if data is None:
            return Answer(TRANSPORT_ERROR, "no verified answer from WeChat Pay")
        if data.get("refused") == "Y":  # e.g. SIGNERROR: the request was not processed; still unknown
            return Answer(TRANSPORT_ERROR, f"WeChat Pay refused the request ({data['err_code']})")
        if data.get("result_code") == "SUCCESS":
            code = data.get(code_field, "SUCCESS") if code_field else "SUCCESS"
        else:
            code = data.get("err_code") or "SYSTEMERROR"
        return Answer(code, data.get("err_code_des", ""), data.get("transaction_id", ""), data.get("openid", ""),
                      data.get("recall") == "Y")

    def pay(self, out_trade_no: str, wallet: Wallet, auth_code: str, amount_fen: int, description: str) -> Answer:
        return self._answer(self._call("/pay/micropay", {
            "body": description or "O2O", "out_trade_no": out_trade_no, "total_fee": str(amount_fen),
            "spbill_create_ip": "127.0.0.1", "auth_code": auth_code}))

    def create_qr(self, out_trade_no: str, wallet: Wallet, amount_fen: int, description: str,
                  expire_minutes: int) -> Answer:
        raise ProviderUnavailable("a dynamic QR needs the platform provider ([payments] provider = \"platform\")")

    def query(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._answer(self._call("/pay/orderquery", {"out_trade_no": out_trade_no}), "trade_state")

    def reverse(self, out_trade_no: str, wallet: Wallet) -> Answer:
        return self._answer(self._call("/secapi/pay/reverse", {"out_trade_no": out_trade_no}, with_cert=True))

    def refund(self, out_trade_no: str, wallet: Wallet, refund_no: str, amount_fen: int, total_fen: int) -> Answer:
        return self._answer(self._call("/secapi/pay/refund", {
            "out_trade_no": out_trade_no, "out_refund_no": refund_no, "refund_fee": str(amount_fen),
            "total_fee": str(total_fen)}, with_cert=True))

    def close(self) -> None:
        self._session.close()

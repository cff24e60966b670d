"""A simulated WeChat Pay v2 merchant API (micropay, orderquery, reverse, refund) for the till's
direct ``wechatpay_v2`` client (TEST/DEMO ONLY; not part of the platform contract).

It speaks WeChat's XML with HMAC-SHA256 signatures: a request signed with the wrong key is refused
with ``SIGNERROR`` as the real service would, and every answer is signed so the client can verify
it. The signature is computed here independently of the till's client, so a client that signs
wrongly fails. The trades are the same simulated wallet as the platform API's (``wallets.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.protocol import WalletAnswer, WalletPayment, WalletRefund, WireModel
from sync.reference_platform import wallets
from sync.reference_platform.app import ERRORS, StateDep

router = APIRouter(prefix="/wechatpay", include_in_schema=False)


class Merchant(WireModel):
    mch_id: str
    key: str
    store_id: str
    till_id: str = "T01"


class Merchants:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, Merchant] = {}

    def put(self, merchant: Merchant) -> None:
        with self._lock:
            self._by_id[merchant.mch_id] = merchant

    def get(self, mch_id: str) -> Merchant | None:
        with self._lock:
            return self._by_id.get(mch_id)


def merchants(state: StateDep) -> Merchants:
    merchants: Merchants = state.wechat_merchants
    return merchants


def signature(params: dict[str, str], key: str) -> str:
    """WeChat Pay v2 HMAC-SHA256: sorted non-empty k=v pairs joined by &, then &key=KEY."""
    text = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v != "" and k != "sign")
    return hmac.new(key.encode(), f"{text}&key={key}".encode(), hashlib.sha256).hexdigest().upper()


def _xml(params: dict[str, str]) -> Response:
    root = ET.Element("xml")
    for k, v in params.items():
        ET.SubElement(root, k).text = v
    return Response(ET.tostring(root, encoding="unicode"), media_type="application/xml")


async def _read(request: Request) -> dict[str, str]:
    try:
        root = ET.fromstring(await request.body())
    except ET.ParseError:
        return {}
    return {child.tag: child.text or "" for child in root}


def _signed(answer: dict[str, str], merchant: Merchant) -> Response:
    body = {"return_code": "SUCCESS", "return_msg": "OK", "mch_id": merchant.mch_id,
            "nonce_str": secrets.token_hex(8), **answer}
    body["sign"] = signature(body, merchant.key)
    return _xml(body)


def _check(params: dict[str, str], ms: Merchants) -> Merchant | Response:
    merchant = ms.get(params.get("mch_id", ""))
    if merchant is None:
        return _xml({"return_code": "FAIL", "return_msg": "MCHID_NOT_EXIST"})
    if params.get("sign_type") != "HMAC-SHA256" or not hmac.compare_digest(
            params.get("sign", ""), signature(params, merchant.key)):
        return _xml({"return_code": "FAIL", "return_msg": "SIGNERROR"})
    return merchant


def _result(answer: WalletAnswer, trade_state: bool = False) -> dict[str, str]:
    if trade_state:
        if answer.code == "ORDERNOTEXIST":
            return {"result_code": "FAIL", "err_code": "ORDERNOTEXIST"}
        return {"result_code": "SUCCESS", "trade_state": answer.code, "transaction_id": answer.transaction_id,
                "openid": answer.payer, "out_trade_no": answer.out_trade_no}
    if answer.code == "SUCCESS":
        return {"result_code": "SUCCESS", "transaction_id": answer.transaction_id, "openid": answer.payer,
                "out_trade_no": answer.out_trade_no, "recall": "Y" if answer.retry else "N"}
    return {"result_code": "FAIL", "err_code": answer.code, "err_code_des": answer.message,
            "recall": "Y" if answer.retry else "N"}


@router.post("/pay/micropay")
async def micropay(request: Request, state: StateDep, ms: Merchants = Depends(merchants)) -> Response:
    params = await _read(request)
    merchant = _check(params, ms)
    if isinstance(merchant, Response):
        return merchant
    body = WalletPayment(out_trade_no=params["out_trade_no"], wallet="wechat_pay", auth_code=params["auth_code"],
                         amount_fen=int(params["total_fee"]), till_id=merchant.till_id)
    return _signed(_result(await _run(wallets.pay, state, state.wallet_simulator, merchant.store_id, body)),
                   merchant)


@router.post("/pay/orderquery")
async def orderquery(request: Request, state: StateDep, ms: Merchants = Depends(merchants)) -> Response:
    params = await _read(request)
    merchant = _check(params, ms)
    if isinstance(merchant, Response):
        return merchant
    answer = await _run(wallets.query, state, merchant.store_id, params["out_trade_no"], "wechat_pay")
    return _signed(_result(answer, trade_state=True), merchant)


@router.post("/secapi/pay/reverse")
async def reverse(request: Request, state: StateDep, ms: Merchants = Depends(merchants)) -> Response:
    params = await _read(request)
    merchant = _check(params, ms)
    if isinstance(merchant, Response):
        return merchant
    answer = await _run(wallets.reverse, state, merchant.store_id, params["out_trade_no"], "wechat_pay")
    return _signed(_result(answer), merchant)


@router.post("/secapi/pay/refund")
async def refund(request: Request, state: StateDep, ms: Merchants = Depends(merchants)) -> Response:
    params = await _read(request)
    merchant = _check(params, ms)
    if isinstance(merchant, Response):
        return merchant
    body = WalletRefund(refund_no=params["out_refund_no"], amount_fen=int(params["refund_fee"]))
    answer = await _run(wallets.refund, state, merchant.store_id, params["out_trade_no"], "wechat_pay", body)
    return _signed(_result(answer), merchant)


async def _run(fn: Callable[..., WalletAnswer], *args: Any) -> WalletAnswer:
    """The simulator's database work runs in the thread pool, as the platform's handlers do."""
    return await run_in_threadpool(fn, *args)


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS,
                      include_in_schema=False)

    @admin.put("/wechatpay-merchants")
    def put_merchant(body: Merchant, ms: Merchants = Depends(merchants)) -> dict[str, str]:
        """TEST/DEMO ONLY: the merchant id and API key the simulated WeChat Pay checks signatures with."""
        ms.put(body)
        return {"mch_id": body.mch_id}

    return admin


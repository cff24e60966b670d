"""A simulated Alipay open-API gateway (trade.pay, query, cancel, refund) for the till's direct
``alipay`` client (TEST/DEMO ONLY; not part of the platform contract).

Requests must carry an RSA2 signature that verifies with the app's public key (registered with
``PUT /admin/alipay-apps``); answers are signed with the simulator's own key, whose public half
``GET /admin/alipay-public-key`` gives out. The trades are the wallet simulator's (``wallets.py``).
"""

from __future__ import annotations

import base64
import json
import threading
from decimal import Decimal
from functools import cached_property
from urllib.parse import parse_qsl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.protocol import WalletAnswer, WalletPayment, WalletQrOrder, WalletRefund, WireModel
from sync.reference_platform import wallet_qr, wallets
from sync.reference_platform.app import ERRORS, StateDep

router = APIRouter(prefix="/alipay", include_in_schema=False)


class AlipayApp(WireModel):
    app_id: str
    public_key_pem: str
    store_id: str
    till_id: str = "T01"


class AlipaySim:
    """Registered apps and the simulator's own signing key (made at start)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.apps: dict[str, AlipayApp] = {}

    @cached_property
    def key(self) -> rsa.RSAPrivateKey:
        """Made on first use: a platform that never simulates Alipay never pays for it."""
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def public_pem(self) -> str:
        return self.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    def put(self, app: AlipayApp) -> None:
        with self._lock:
            self.apps[app.app_id] = app


def sim(state: StateDep) -> AlipaySim:
    sim: AlipaySim = state.alipay_sim
    return sim


def _verified(params: dict[str, str], app: AlipayApp) -> bool:
    text = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v != "" and k != "sign").encode()
    try:
        public = serialization.load_pem_public_key(app.public_key_pem.encode())
        if not isinstance(public, rsa.RSAPublicKey):
            return False
        public.verify(base64.b64decode(params.get("sign", "")), text, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _signed(method: str, body: dict[str, str], ali: AlipaySim) -> Response:
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    sign = base64.b64encode(ali.key.sign(raw.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    name = method.replace(".", "_") + "_response"
    return Response(f'{{"{name}":{raw},"sign":"{sign}"}}', media_type="application/json")


def _fields(answer: WalletAnswer, method: str) -> dict[str, str]:
    code = answer.code
    common = {"out_trade_no": answer.out_trade_no, "trade_no": answer.transaction_id,
              "buyer_logon_id": answer.payer}
    if method == "alipay.trade.query":
        if code == "ACQ.TRADE_NOT_EXIST":
            return {"code": "40004", "msg": "Business Failed", "sub_code": code}
        return {"code": "10000", "msg": "Success", "trade_status": code, **common}
    if method == "alipay.trade.cancel":
        return {"code": "10000", "msg": "Success", "retry_flag": "Y" if answer.retry else "N",
                "out_trade_no": answer.out_trade_no}
    if method == "alipay.trade.precreate" and code == "10000":
        return {"code": "10000", "msg": "Success", "out_trade_no": answer.out_trade_no, "qr_code": answer.qr_url}
    if code in ("10000", "10003", "20000"):
        return {"code": code, "msg": "Success" if code == "10000" else "", **common}
    return {"code": "40004", "msg": "Business Failed", "sub_code": code, "sub_msg": answer.message}


@router.post("/gateway.do")
async def gateway(request: Request, state: StateDep, ali: AlipaySim = Depends(sim)) -> Response:
    params = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
    method = params.get("method", "")
    app = ali.apps.get(params.get("app_id", ""))
    if app is None or params.get("sign_type") != "RSA2" or not _verified(params, app):
        return _signed(method or "error", {"code": "40002", "msg": "Invalid Arguments",
                                           "sub_code": "isv.invalid-signature"}, ali)
    biz = json.loads(params.get("biz_content") or "{}")
    out_trade_no = biz.get("out_trade_no", "")
    if method == "alipay.trade.pay":
        body = WalletPayment(out_trade_no=out_trade_no, wallet="alipay", auth_code=biz["auth_code"],
                             amount_fen=int(Decimal(biz["total_amount"]) * 100), till_id=app.till_id)
        answer = await run_in_threadpool(wallets.pay, state, state.wallet_simulator, app.store_id, body)
    elif method == "alipay.trade.precreate":
        order = WalletQrOrder(out_trade_no=out_trade_no, wallet="alipay", till_id=app.till_id,
                              amount_fen=int(Decimal(biz["total_amount"]) * 100),
                              expire_minutes=int(str(biz.get("timeout_express", "5m")).rstrip("m") or 5))
        answer = await run_in_threadpool(wallet_qr.create, state, state.wallet_simulator, app.store_id, order)
    elif method == "alipay.trade.query":
        answer = await run_in_threadpool(wallets.query, state, app.store_id, out_trade_no, "alipay")
    elif method == "alipay.trade.cancel":
        answer = await run_in_threadpool(wallets.reverse, state, app.store_id, out_trade_no, "alipay")
    elif method == "alipay.trade.refund":
        refund = WalletRefund(refund_no=biz["out_request_no"], amount_fen=int(Decimal(biz["refund_amount"]) * 100))
        answer = await run_in_threadpool(wallets.refund, state, app.store_id, out_trade_no, "alipay", refund)
        if answer.code == "10000":
            return _signed(method, {"code": "10000", "msg": "Success", "fund_change": "Y",
                                    "out_trade_no": out_trade_no}, ali)
        return _signed(method, {"code": "40004", "msg": "Business Failed", "sub_code": answer.code}, ali)
    else:
        return _signed(method or "error", {"code": "40004", "sub_code": "isv.invalid-method"}, ali)
    return _signed(method, _fields(answer, method), ali)


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS,
                      include_in_schema=False)

    @admin.put("/alipay-apps")
    def put_app(body: AlipayApp, ali: AlipaySim = Depends(sim)) -> dict[str, str]:
        """TEST/DEMO ONLY: an app id and the public key its requests must verify with."""
        ali.put(body)
        return {"app_id": body.app_id}

    @admin.get("/alipay-public-key")
    def public_key(ali: AlipaySim = Depends(sim)) -> dict[str, str]:
        """The key the simulated Alipay signs its answers with (the till's alipay_public_key_file)."""
        return {"public_key_pem": ali.public_pem()}

    return admin

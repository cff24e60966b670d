"""Dynamic QR orders (the till shows a QR, the customer scans it) in the wallet SIMULATOR.

A real platform calls WeChat Pay's unified order with ``trade_type=NATIVE`` (answer: ``code_url``)
or Alipay's ``alipay.trade.precreate`` (answer: ``qr_code``) with the merchant's keys. Here the
order is a ``wallet_trades`` row in state ``paying`` with no success time, so the existing query,
reverse (= close, or refund when it was paid meanwhile) and charges routes serve it unchanged.

The customer's phone is played by ``POST /admin/stores/{store}/wallet-qr-orders/{no}/scan``: the
order is paid if it is still open and not expired; a closed or expired order refuses the scan,
as the wallet app would. An admin scenario (``PUT /admin/wallet-scenarios``) may make the next
creations answer SYSTEMERROR or drop the answer (``dropped_response``), for unknown outcomes.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time

from fastapi import APIRouter, Depends, FastAPI

from sync.protocol import OutTradeNo, WalletAnswer, WalletQrOrder, WireModel
from sync.reference_platform import db
from sync.reference_platform.app import ERRORS, DeviceDep, StateDep, open_db
from sync.reference_platform.state import ApiError, PlatformState
from sync.reference_platform.wallets import (
    _COLUMNS,
    SimDep,
    StorePath,
    WalletSimulator,
    _answer,
    _check_store,
    _code,
    _query_answer,
    _trade,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS wallet_qr_orders (
    store_id TEXT NOT NULL, out_trade_no TEXT NOT NULL, qr_url TEXT NOT NULL, expires_at TEXT NOT NULL,
    PRIMARY KEY (store_id, out_trade_no)
);
"""

router = APIRouter(responses=ERRORS, tags=["wallet payments"])


def install(app: FastAPI, db_path: str) -> None:
    conn = db.connect(db_path)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()
    app.include_router(router)
    app.include_router(admin_router())


def _qr_url(wallet: str) -> str:
    token = secrets.token_urlsafe(12)
    return f"weixin://wxpay/bizpayurl?pr={token}" if wallet == "wechat_pay" else f"https://qr.alipay.com/{token}"


@router.post("/stores/{store_id}/wallet-qr-orders", response_model=WalletAnswer, operation_id="wallet_qr_create")
def wallet_qr_create(store_id: StorePath, body: WalletQrOrder, device: DeviceDep, state: StateDep,
                     sim: SimDep) -> WalletAnswer:
    """Create a dynamic QR order and answer the URL to show. The same ``out_trade_no`` again answers
    the same URL while the order is open, and the order's state once it is paid or closed."""
    _check_store(device.store_id, store_id)
    return create(state, sim, store_id, body)


def create(state: PlatformState, sim: WalletSimulator, store_id: str, body: WalletQrOrder) -> WalletAnswer:
    """The simulated wallet opens the order; shared by the platform API and the simulated Alipay."""
    scenario, delay_s = sim.choose("")  # only an admin scenario steers a QR order
    now = db.utcnow()
    with open_db(state) as conn, db.write_tx(conn):
        row = _trade(conn, store_id, body.out_trade_no)
        if row is None:
            url = _qr_url(body.wallet)
            conn.execute(
                f"INSERT INTO wallet_trades ({_COLUMNS}, was_paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
                (store_id, body.out_trade_no, body.till_id, body.wallet, body.amount_fen, "QR", "qr_order",
                 "paying", "", None, f"SIM{secrets.token_hex(12)}", "o" + "*" * 8 + secrets.token_hex(2),
                 now.isoformat()))
            conn.execute("INSERT INTO wallet_qr_orders VALUES (?, ?, ?, ?)",
                         (store_id, body.out_trade_no, url,
                          (now + dt.timedelta(minutes=body.expire_minutes)).isoformat()))
            row = _trade(conn, store_id, body.out_trade_no)
        qr = conn.execute("SELECT qr_url FROM wallet_qr_orders WHERE store_id = ? AND out_trade_no = ?",
                          (store_id, body.out_trade_no)).fetchone()
        assert row is not None  # found or written just above
        if qr is None or row[7] != "paying":  # a payment-code trade, or an order already paid or closed
            return _query_answer(conn, row)
    if scenario == "dropped_response":
        time.sleep(delay_s)  # the till has stopped waiting: the order exists, the till never saw its URL
    if scenario == "systemerror_then_success":
        return WalletAnswer(out_trade_no=body.out_trade_no, wallet=body.wallet, code=_code("unknown", body.wallet))
    return _answer(row, "success").model_copy(update={"qr_url": qr[0], "transaction_id": "", "payer": ""})


class QrScan(WireModel):
    out_trade_no: str
    state: str  # paid
    amount_fen: int


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)

    @admin.post("/stores/{store_id}/wallet-qr-orders/{out_trade_no}/scan", response_model=QrScan,
                operation_id="admin_wallet_qr_scan")
    def scan(store_id: StorePath, out_trade_no: OutTradeNo, state: StateDep) -> QrScan:
        """TEST/DEMO ONLY: the customer's phone scans the QR and pays the order's amount."""
        now = db.utcnow()
        with open_db(state) as conn, db.write_tx(conn):
            qr = conn.execute("SELECT expires_at FROM wallet_qr_orders WHERE store_id = ? AND out_trade_no = ?",
                              (store_id, out_trade_no)).fetchone()
            row = _trade(conn, store_id, out_trade_no)
            if qr is None or row is None:
                raise ApiError(404, "not_found", f"no QR order {out_trade_no}")
            if row[7] != "paying":
                raise ApiError(409, "qr_order_closed", f"the QR order {out_trade_no} is {row[7]}: it cannot be paid")
            expired = dt.datetime.fromisoformat(qr[0]) <= now
            if expired:  # the wallet closes it: a query now answers closed
                conn.execute("UPDATE wallet_trades SET state = 'failed', fail_code = 'expired' "
                             "WHERE store_id = ? AND out_trade_no = ?", (store_id, out_trade_no))
            else:
                conn.execute("UPDATE wallet_trades SET state = 'paid', was_paid = 1, success_at = ? "
                             "WHERE store_id = ? AND out_trade_no = ?", (now.isoformat(), store_id, out_trade_no))
        if expired:
            raise ApiError(409, "qr_order_expired", f"the QR order {out_trade_no} has expired")
        return QrScan(out_trade_no=out_trade_no, state="paid", amount_fen=row[4])

    return admin

"""The platform's wallet payment API and the wallet SIMULATOR behind it (test/demo only).

A real platform forwards these calls to WeChat Pay, Alipay or UnionPay with the merchant's keys;
the reference platform answers them itself, with the codes and timings of the real services, so
the till's state machine can be tested end to end. What the simulated customer does is chosen by
the payment code scanned, or, for the next payments, by ``PUT /admin/wallet-scenarios``:

digits 3-4 of the code (after the wallet's two-digit prefix) pick the scenario, digits 5-6 a
delay in tenths of a second:

====  =====================================================================================
00    immediate success
01    "user is paying", then success after the delay
02    "user is paying" until the till gives up (the reverse then succeeds)
03    SYSTEMERROR (Alipay 20000) although the charge was taken: a query finds it paid
04    insufficient funds (explicit failure)
05    expired payment code (explicit failure)
06    "user is paying" forever; the first two reverses answer recall=Y / retry_flag=Y
07    the charge is taken, then the answer is lost (the platform answers after the delay, which
      is longer than the till waits)
====  =====================================================================================

Every charge is a row in ``wallet_trades``; ``GET /admin/stores/{store}/wallet-charges`` shows
what each customer was really charged (paid minus reversed and refunded), so tests can check
"charged exactly the sale amount or nothing".
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query
from pydantic import Field, StrictInt

from sync.protocol import (
    Code,
    OnlineWalletPayment,
    OutTradeNo,
    WalletAnswer,
    WalletKind,
    WalletPayment,
    WalletRefund,
    WireModel,
)
from sync.reference_platform import db
from sync.reference_platform.app import ERRORS, DeviceDep, StateDep, open_db
from sync.reference_platform.state import ApiError, PlatformState

SCHEMA = """
CREATE TABLE IF NOT EXISTS wallet_trades (
    store_id TEXT NOT NULL, out_trade_no TEXT NOT NULL, till_id TEXT NOT NULL, wallet TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, code_last4 TEXT NOT NULL, scenario TEXT NOT NULL,
    state TEXT NOT NULL,            -- paying | paid | failed | reversed
    fail_code TEXT NOT NULL DEFAULT '',
    success_at TEXT,                -- a paying trade becomes paid at this time (NULL: never)
    transaction_id TEXT NOT NULL, payer TEXT NOT NULL, created_at TEXT NOT NULL,
    reverse_calls INTEGER NOT NULL DEFAULT 0, refunded_fen INTEGER NOT NULL DEFAULT 0,
    was_paid INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, out_trade_no)
);
CREATE TABLE IF NOT EXISTS wallet_refunds (
    store_id TEXT NOT NULL, refund_no TEXT NOT NULL, out_trade_no TEXT NOT NULL, amount_fen INTEGER NOT NULL,
    PRIMARY KEY (store_id, refund_no)
);
"""

SCENARIOS = {
    "00": "success", "01": "paying_then_success", "02": "paying_forever", "03": "systemerror_then_success",
    "04": "insufficient_funds", "05": "expired_code", "06": "reverse_recall_twice", "07": "dropped_response",
}
Scenario = Annotated[str, Field(pattern="^(" + "|".join(SCENARIOS.values()) + ")$")]

#: (WeChat/UnionPay code, Alipay code) for each answer the simulator gives.
_CODES = {
    "success": ("SUCCESS", "10000"), "paying": ("USERPAYING", "10003"), "unknown": ("SYSTEMERROR", "20000"),
    "no_funds": ("NOTENOUGH", "ACQ.BUYER_BALANCE_NOT_ENOUGH"),
    "expired": ("AUTHCODEEXPIRE", "ACQ.PAYMENT_AUTH_CODE_INVALID"),
    "q_paid": ("SUCCESS", "TRADE_SUCCESS"), "q_paying": ("USERPAYING", "WAIT_BUYER_PAY"),
    "q_failed": ("PAYERROR", "TRADE_CLOSED"), "q_reversed": ("REVOKED", "TRADE_CLOSED"),
    "q_missing": ("ORDERNOTEXIST", "ACQ.TRADE_NOT_EXIST"), "refund_too_large": ("INVALID_REQUEST", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"),
}


def _code(kind: str, wallet: str) -> str:
    return _CODES[kind][1 if wallet == "alipay" else 0]


@dataclass
class _Override:
    scenario: str
    delay_s: float
    remaining: int


class WalletSimulator:
    """In-process settings of the simulator (the trades themselves are in the database)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._override: _Override | None = None

    def set_next(self, scenario: str, delay_s: float, count: int) -> None:
        with self._lock:
            self._override = _Override(scenario, delay_s, count) if count > 0 else None

    def choose(self, auth_code: str) -> tuple[str, float]:
        with self._lock:
            if self._override is not None:
                chosen = (self._override.scenario, self._override.delay_s)
                self._override.remaining -= 1
                if self._override.remaining <= 0:
                    self._override = None
                return chosen
        return SCENARIOS.get(auth_code[2:4], "success"), int(auth_code[4:6] or "0") / 10


def simulator(state: StateDep) -> WalletSimulator:
    sim: WalletSimulator = state.wallet_simulator
    return sim


def install(app: FastAPI, db_path: str) -> None:
    """Add the wallet tables, the simulator and both routers to the platform app."""
    conn = db.connect(db_path)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()
    app.state.platform.wallet_simulator = WalletSimulator()
    app.include_router(router)
    app.include_router(admin_router())
    from sync.reference_platform import wechat_v2

    app.state.platform.wechat_merchants = wechat_v2.Merchants()
    app.include_router(wechat_v2.router)
    app.include_router(wechat_v2.admin_router())
    from sync.reference_platform import alipay_sim

    app.state.platform.alipay_sim = alipay_sim.AlipaySim()
    app.include_router(alipay_sim.router)
    app.include_router(alipay_sim.admin_router())
    from sync.reference_platform import wallet_qr

    wallet_qr.install(app, db_path)


SimDep = Annotated[WalletSimulator, Depends(simulator)]
StorePath = Annotated[Code, Path(description="Store id; must be the device's store")]
WalletParam = Annotated[WalletKind, Query(description="The wallet of the payment (it picks the answer codes)")]
router = APIRouter(responses=ERRORS, tags=["wallet payments"])


def _check_store(device_store: str, store_id: str) -> None:
    if store_id != device_store:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device_store}, not {store_id}")


def _now() -> dt.datetime:
    return db.utcnow()


def _settle(conn: sqlite3.Connection, row: sqlite3.Row | tuple[Any, ...], now: dt.datetime) -> str:
    """The trade's state now: a paying trade whose success time has come is paid."""
    store_id, out_trade_no, state, success_at = row[0], row[1], row[7], row[9]
    if state == "paying" and success_at and dt.datetime.fromisoformat(success_at) <= now:
        conn.execute("UPDATE wallet_trades SET state = 'paid', was_paid = 1 WHERE store_id = ? AND out_trade_no = ?",
                     (store_id, out_trade_no))
        return "paid"
    return str(state)


_COLUMNS = ("store_id, out_trade_no, till_id, wallet, amount_fen, code_last4, scenario, state, fail_code, "
            "success_at, transaction_id, payer, created_at, reverse_calls, refunded_fen")


def _trade(conn: sqlite3.Connection, store_id: str, out_trade_no: str) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = conn.execute(f"SELECT {_COLUMNS} FROM wallet_trades WHERE store_id = ? AND out_trade_no = ?",
                        (store_id, out_trade_no)).fetchone()
    return row


def _answer(row: tuple[Any, ...], code_kind: str, **kw: Any) -> WalletAnswer:
    paid = code_kind in ("success", "q_paid")
    return WalletAnswer(out_trade_no=row[1], wallet=row[3], code=_code(code_kind, row[3]),
                        transaction_id=row[10] if paid else "", payer=row[11] if paid else "",
                        amount_fen=row[4], **kw)


def _query_answer(conn: sqlite3.Connection, row: tuple[Any, ...]) -> WalletAnswer:
    state = _settle(conn, row, _now())
    kind = {"paid": "q_paid", "paying": "q_paying", "failed": "q_failed", "reversed": "q_reversed"}[state]
    return _answer(row, kind)


@router.post("/stores/{store_id}/wallet-payments", response_model=WalletAnswer, operation_id="wallet_pay")
def wallet_pay(store_id: StorePath, body: WalletPayment, device: DeviceDep, state: StateDep,
               sim: SimDep) -> WalletAnswer:
    """Charge the customer's payment code. A repeated ``out_trade_no`` answers as a query would."""
    _check_store(device.store_id, store_id)
    return pay(state, sim, store_id, body)


def pay(state: PlatformState, sim: WalletSimulator, store_id: str, body: WalletPayment) -> WalletAnswer:
    """The simulated wallet takes (or refuses) the charge; shared by the platform API and the
    simulated WeChat Pay v2 API."""
    now = _now()
    scenario, delay_s = sim.choose(body.auth_code)
    with open_db(state) as conn, db.write_tx(conn):
        row = _trade(conn, store_id, body.out_trade_no)
        if row is not None:
            return _query_answer(conn, row)
        success_at: dt.datetime | None = now
        trade_state, fail_code, answer = "paid", "", "success"
        if scenario in ("paying_then_success",):
            trade_state, success_at, answer = "paying", now + dt.timedelta(seconds=delay_s), "paying"
        elif scenario in ("paying_forever", "reverse_recall_twice"):
            trade_state, success_at, answer = "paying", None, "paying"
        elif scenario == "systemerror_then_success":
            answer = "unknown"
        elif scenario in ("insufficient_funds", "expired_code"):
            trade_state, success_at = "failed", None
            answer = fail_code = "no_funds" if scenario == "insufficient_funds" else "expired"
        conn.execute(
            f"INSERT INTO wallet_trades ({_COLUMNS}, was_paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
            (store_id, body.out_trade_no, body.till_id, body.wallet, body.amount_fen, body.auth_code[-4:], scenario,
             trade_state, fail_code, success_at.isoformat() if success_at else None,
             f"SIM{secrets.token_hex(12)}", "o" + "*" * 8 + secrets.token_hex(2), now.isoformat(),
             1 if trade_state == "paid" else 0),
        )
        row = _trade(conn, store_id, body.out_trade_no)
    if scenario == "dropped_response":
        time.sleep(delay_s)  # the till has stopped waiting: its answer is lost, the charge stands
    assert row is not None  # written just above
    return _answer(row, answer)


def take_online_payment(conn: sqlite3.Connection, store_id: str, wallet: str, amount_fen: int) -> OnlineWalletPayment:
    """The customer paid an online order in the app (JSAPI): a paid trade of the order's store, which
    a return refunds like any wallet payment of the store. Call in a write tx."""
    out_trade_no = f"OL{secrets.token_hex(12)}"
    conn.execute(
        f"INSERT INTO wallet_trades ({_COLUMNS}, was_paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1)",
        (store_id, out_trade_no, "online", wallet, amount_fen, "", "success", "paid", "", _now().isoformat(),
         f"SIM{secrets.token_hex(12)}", "o" + "*" * 8 + secrets.token_hex(2), _now().isoformat()))
    return OnlineWalletPayment(wallet=wallet, out_trade_no=out_trade_no, amount_fen=amount_fen)


@router.get("/stores/{store_id}/wallet-payments/{out_trade_no}", response_model=WalletAnswer,
            operation_id="wallet_query")
def wallet_query(store_id: StorePath, out_trade_no: OutTradeNo, wallet: WalletParam, device: DeviceDep,
                 state: StateDep) -> WalletAnswer:
    _check_store(device.store_id, store_id)
    return query(state, store_id, out_trade_no, wallet)


def query(state: PlatformState, store_id: str, out_trade_no: str, wallet: str) -> WalletAnswer:
    with open_db(state) as conn, db.write_tx(conn):
        row = _trade(conn, store_id, out_trade_no)
        if row is None:
            return WalletAnswer(out_trade_no=out_trade_no, wallet=wallet, code=_code("q_missing", wallet))
        return _query_answer(conn, row)


@router.post("/stores/{store_id}/wallet-payments/{out_trade_no}/reverse", response_model=WalletAnswer,
             operation_id="wallet_reverse")
def wallet_reverse(store_id: StorePath, out_trade_no: OutTradeNo, wallet: WalletParam, device: DeviceDep,
                   state: StateDep) -> WalletAnswer:
    """WeChat reverse / Alipay trade.cancel: gives back a charge (or closes a pending one)."""
    _check_store(device.store_id, store_id)
    return reverse(state, store_id, out_trade_no, wallet)


def reverse(state: PlatformState, store_id: str, out_trade_no: str, wallet: str) -> WalletAnswer:
    with open_db(state) as conn, db.write_tx(conn):
        row = _trade(conn, store_id, out_trade_no)
        if row is None:  # nothing was charged: there is nothing to give back
            return WalletAnswer(out_trade_no=out_trade_no, wallet=wallet,
                                code="10000" if wallet == "alipay" else "ORDERNOTEXIST")
        calls = row[13] + 1
        conn.execute("UPDATE wallet_trades SET reverse_calls = ? WHERE store_id = ? AND out_trade_no = ?",
                     (calls, store_id, out_trade_no))
        if row[6] == "reverse_recall_twice" and calls <= 2:
            return _answer(row, "success", retry=True, message="the customer is still paying; call again")
        _settle(conn, row, _now())
        conn.execute("UPDATE wallet_trades SET state = 'reversed' WHERE store_id = ? AND out_trade_no = ?",
                     (store_id, out_trade_no))
        return _answer(row, "success").model_copy(update={"transaction_id": "", "payer": ""})


@router.post("/stores/{store_id}/wallet-payments/{out_trade_no}/refunds", response_model=WalletAnswer,
             operation_id="wallet_refund")
def wallet_refund(store_id: StorePath, out_trade_no: OutTradeNo, wallet: WalletParam, body: WalletRefund,
                  device: DeviceDep, state: StateDep) -> WalletAnswer:
    """Refund part or all of a paid payment; the same ``refund_no`` always gets the same answer."""
    _check_store(device.store_id, store_id)
    return refund(state, store_id, out_trade_no, wallet, body)


def refund(state: PlatformState, store_id: str, out_trade_no: str, wallet: str, body: WalletRefund) -> WalletAnswer:
    with open_db(state) as conn, db.write_tx(conn):
        row = _trade(conn, store_id, out_trade_no)
        if row is None:
            return WalletAnswer(out_trade_no=out_trade_no, wallet=wallet, code=_code("q_missing", wallet))
        done = conn.execute("SELECT amount_fen FROM wallet_refunds WHERE store_id = ? AND refund_no = ?",
                            (store_id, body.refund_no)).fetchone()
        if done is not None:
            return _answer(row, "success").model_copy(update={"amount_fen": done[0]})
        state_now = _settle(conn, row, _now())
        if state_now != "paid" or row[14] + body.amount_fen > row[4]:
            return _answer(row, "refund_too_large", message="nothing left to refund")
        conn.execute("INSERT INTO wallet_refunds VALUES (?, ?, ?, ?)",
                     (store_id, body.refund_no, out_trade_no, body.amount_fen))
        conn.execute("UPDATE wallet_trades SET refunded_fen = refunded_fen + ? WHERE store_id = ? AND out_trade_no = ?",
                     (body.amount_fen, store_id, out_trade_no))
        return _answer(row, "success").model_copy(update={"amount_fen": body.amount_fen})


# -- admin: drive the simulator, inspect the charges ------------------------------------------------

class ScenarioSet(WireModel):
    scenario: Scenario
    delay_s: float = Field(default=0, ge=0, le=600)
    count: StrictInt = Field(default=1, ge=0, le=10_000)


class WalletCharge(WireModel):
    out_trade_no: str
    till_id: str
    wallet: str
    amount_fen: int
    scenario: str
    state: str
    reverse_calls: int
    refunded_fen: int
    #: What the customer is out of pocket now: the amount if paid, minus refunds; 0 otherwise.
    charged_fen: int


class WalletCharges(WireModel):
    items: list[WalletCharge]


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)

    @admin.put("/wallet-scenarios", response_model=ScenarioSet, operation_id="admin_wallet_scenario")
    def set_scenario(body: ScenarioSet, sim: SimDep) -> ScenarioSet:
        """TEST/DEMO ONLY: the next ``count`` payments follow ``scenario`` whatever code is scanned."""
        sim.set_next(body.scenario, body.delay_s, body.count)
        return body

    @admin.get("/stores/{store_id}/wallet-charges", response_model=WalletCharges,
               operation_id="admin_wallet_charges")
    def charges(store_id: StorePath, state: StateDep) -> WalletCharges:
        now = _now()
        with open_db(state) as conn, db.write_tx(conn):
            rows = conn.execute(f"SELECT {_COLUMNS} FROM wallet_trades WHERE store_id = ? ORDER BY created_at",
                                (store_id,)).fetchall()
            items = []
            for row in rows:
                current = _settle(conn, row, now)
                items.append(WalletCharge(
                    out_trade_no=row[1], till_id=row[2], wallet=row[3], amount_fen=row[4], scenario=row[6],
                    state=current, reverse_calls=row[13], refunded_fen=row[14],
                    charged_fen=row[4] - row[14] if current == "paid" else 0))
        return WalletCharges(items=items)

    return admin

"""The chain's refundable-quantity ledger for sales a till does not hold: another till's or store's
sales (stored with their lines when pushed) and online orders (paid online, collected).

A till reserves the units of a return (PUT, idempotent per reservation id = the till's return id)
before it refunds and confirms after its return is committed; the return event confirms it too.
A reservation the till never confirms (it was killed after reserving) lapses after
`PlatformState.refund_reservation_ttl_s`: its units are refundable again. A late confirm (or the
same PUT again) still succeeds while nobody else took the units; otherwise ``reservation_lapsed``.
Reservations run in BEGIN IMMEDIATE transactions, so two tills asking for the last unit of a line
at the same moment are serialised: one is reserved, the other refused (``exceeds_refundable``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path

from sync.protocol import (
    ClientId,
    Code,
    ElsewhereWalletRefund,
    RefundableSale,
    RefundReservation,
    RefundReservationResult,
    WalletAnswer,
    WalletRefund,
)
from sync.reference_platform import db
from sync.reference_platform.app import ERRORS, Device, DeviceDep, StateDep, open_db
from sync.reference_platform.refund_ledger import (
    SCHEMA,
    document,
    now_text,
    refundable,
    settle,
    shortfall,
    upgrade,
)
from sync.reference_platform.state import ApiError, PlatformState

router = APIRouter(responses=ERRORS, tags=["returns"])


def install(app: FastAPI, db_path: str) -> None:
    conn = db.connect(db_path)
    try:
        conn.executescript(SCHEMA)
        upgrade(conn)
    finally:
        conn.close()
    app.include_router(router)
    app.include_router(admin_router())


def _body_hash(body: RefundReservation) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


NumberPath = Annotated[Code, Path(description="A receipt number or an online order number")]
ReservationPath = Annotated[ClientId, Path(description="The till's return id")]


@router.get("/stores/{store_id}/refundable-sales/{number}", response_model=RefundableSale)
def get_refundable(store_id: Code, number: NumberPath, device: DeviceDep, state: StateDep) -> RefundableSale:
    """A sale of any till or store of the chain, or an online order, with its lines, tenders,
    promotion shares and what is still refundable of each line."""
    _own_store(device.store_id, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        return refundable(conn, number, till=(device.store_id, device.till_id))


@router.put("/stores/{store_id}/refund-reservations/{reservation_id}", response_model=RefundReservationResult)
def reserve(store_id: Code, reservation_id: ReservationPath, body: RefundReservation, device: DeviceDep,
            state: StateDep) -> RefundReservationResult:
    _own_store(device.store_id, store_id)
    digest = _body_hash(body)
    now = dt.datetime.now(dt.UTC)
    expires = now_text(now + dt.timedelta(seconds=state.refund_reservation_ttl_s))
    with open_db(state) as conn, db.write_tx(conn):
        row = conn.execute("SELECT body_hash, status, expires_at FROM refund_reservations WHERE reservation_id = ?",
                           (reservation_id,)).fetchone()
        if row is not None:
            if row[0] != digest:
                raise ApiError(422, "reservation_differs", f"reservation {reservation_id} was made for other lines")
            lapsed = row[1] == "lapsed" or row[1] == "reserved" and row[2] is not None and row[2] <= now_text(now)
            if not lapsed:
                return RefundReservationResult(reservation_id=reservation_id, status=row[1])
        sale = refundable(conn, body.number, now_text(now))  # a lapsed reservation holds nothing now
        if any(ln.line_id not in {s.line_id for s in sale.lines} for ln in body.lines):
            raise ApiError(422, "line_unknown", f"a line of the reservation is not on {body.number}")
        short = shortfall(sale, [(ln.line_id, ln.quantity) for ln in body.lines])
        if short is not None:
            raise ApiError(422, "exceeds_refundable", short)
        if row is not None:  # the till reserves again after its reservation lapsed: the units were still free
            conn.execute("UPDATE refund_reservations SET status = 'reserved', expires_at = ? WHERE reservation_id = ?",
                         (expires, reservation_id))
            return RefundReservationResult(reservation_id=reservation_id, status="reserved")
        conn.execute("INSERT INTO refund_reservations (reservation_id, sale_id, store_id, till_id, body_hash, status, "
                     "number, expires_at) VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?)",
                     (reservation_id, sale.sale_id, store_id, device.till_id, digest, body.number, expires))
        conn.executemany("INSERT INTO refund_reserved_lines VALUES (?, ?, ?, ?)",
                         [(reservation_id, ln.line_id, ln.quantity, ln.amount_fen) for ln in body.lines])
        conn.executemany("INSERT INTO refund_reserved_tenders VALUES (?, ?, ?, ?, ?)",
                         [(reservation_id, n, t.kind, t.reference, t.amount_fen) for n, t in enumerate(body.tenders)])
    return RefundReservationResult(reservation_id=reservation_id, status="reserved")


def _settle_route(store_id: str, reservation_id: str, device: Device, state: PlatformState,
                  status: str) -> RefundReservationResult:
    _own_store(device.store_id, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        done = settle(conn, reservation_id, status)
    if done is None:
        raise ApiError(404, "reservation_unknown", f"no reservation {reservation_id}")
    if done == "lapsed":
        raise ApiError(422, "reservation_lapsed",
                       f"reservation {reservation_id} expired unconfirmed and its units were returned elsewhere")
    return RefundReservationResult(reservation_id=reservation_id, status=done)


@router.post("/stores/{store_id}/refund-reservations/{reservation_id}/confirm", response_model=RefundReservationResult)
def confirm(store_id: Code, reservation_id: ReservationPath, device: DeviceDep, state: StateDep
            ) -> RefundReservationResult:
    """The till's return is committed: the reserved units are refunded for good."""
    return _settle_route(store_id, reservation_id, device, state, "confirmed")


@router.post("/stores/{store_id}/refund-reservations/{reservation_id}/release", response_model=RefundReservationResult)
def release(store_id: Code, reservation_id: ReservationPath, device: DeviceDep, state: StateDep
            ) -> RefundReservationResult:
    """The till did not complete the return: the units are refundable again."""
    return _settle_route(store_id, reservation_id, device, state, "released")


@router.post("/stores/{store_id}/refund-reservations/{reservation_id}/wallet-refunds", response_model=WalletAnswer,
             operation_id="wallet_refund_elsewhere")
def wallet_refund_elsewhere(store_id: Code, reservation_id: ReservationPath, body: ElsewhereWalletRefund,
                            device: DeviceDep, state: StateDep) -> WalletAnswer:
    """Refund a wallet payment of the sale of ``reservation_id`` that another store took: wallets
    are per store (the paying store is the merchant), so the till cannot refund it with its own
    store's credentials; the platform, which holds every store's merchant keys, refunds it for the
    paying store. Only a payment of that sale, at most the reservation's amount; the same
    ``refund_no`` always gets the same answer (the wallet refunds it once)."""
    from sync.reference_platform import wallets

    _own_store(device.store_id, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        row = conn.execute("SELECT number, store_id, status FROM refund_reservations WHERE reservation_id = ?",
                           (reservation_id,)).fetchone()
        if row is None or row[1] != store_id:
            raise ApiError(404, "reservation_unknown", f"no reservation {reservation_id}")
        if row[2] == "released":
            raise ApiError(422, "reservation_released", f"reservation {reservation_id} was released: nothing is returned")
        doc = document(conn, row[0])
        paying = doc["store_id"]
        references = {t.get("reference") or "" for t in doc["tenders"]}
        trade = conn.execute("SELECT transaction_id FROM wallet_trades WHERE store_id = ? AND out_trade_no = ?",
                             (paying, body.out_trade_no)).fetchone()
        if trade is None or not references & {body.out_trade_no, trade[0]}:
            raise ApiError(422, "payment_not_on_sale", f"{body.out_trade_no} is not a wallet payment of this sale")
        reserved = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM refund_reserved_lines "
                                "WHERE reservation_id = ?", (reservation_id,)).fetchone()[0]
        earlier = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM elsewhere_wallet_refunds "
                               "WHERE reservation_id = ? AND refund_no != ?", (reservation_id, body.refund_no)).fetchone()[0]
        if earlier + body.amount_fen > reserved:
            raise ApiError(422, "exceeds_reservation",
                           f"at most {reserved - earlier} fen of reservation {reservation_id} can be refunded")
        conn.execute("INSERT OR IGNORE INTO elsewhere_wallet_refunds VALUES (?, ?, ?, ?, ?)",
                     (body.refund_no, reservation_id, paying, body.out_trade_no, body.amount_fen))
    return wallets.refund(state, paying, body.out_trade_no, body.wallet,
                          WalletRefund(refund_no=body.refund_no, amount_fen=body.amount_fen))


def _own_store(device_store: str, store_id: str) -> None:
    if device_store != store_id:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device_store}, not {store_id}")


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)

    @admin.get("/refund-ledger/{number}", response_model=RefundableSale, operation_id="admin_refund_ledger")
    def ledger(number: NumberPath, state: StateDep) -> RefundableSale:
        """The ledger of a sale or online order: per line, refunded and reserved quantities."""
        with open_db(state) as conn, db.write_tx(conn):
            return refundable(conn, number)

    return admin

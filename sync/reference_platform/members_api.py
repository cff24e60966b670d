"""Member routes of the reference platform: terms, balances, online holds (devices) and the
admin's test hooks (terms, stored value, member codes)."""

from __future__ import annotations

import sqlite3
import time
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import Field, StrictInt

from sync import member_codes
from sync.protocol import ClientId, Code, PushResult, WireModel
from sync.protocol.members import (
    MemberAccount,
    MemberAllowance,
    MemberHold,
    MemberHoldAnswer,
    MemberLedgerEntry,
    MemberSignup,
    MemberTerms,
)
from sync.reference_platform import db, member_ledger, signing
from sync.reference_platform.app import ERRORS, DeviceDep, IdemHeader, StateDep, _check_store, _push, open_db
from sync.reference_platform.state import ApiError

router = APIRouter(responses=ERRORS, tags=["members"])


def _terms(conn: sqlite3.Connection, store_id: str) -> MemberTerms:
    row = conn.execute("SELECT body FROM member_terms WHERE store_id = ?", (store_id,)).fetchone()
    return MemberTerms.model_validate_json(row[0]) if row else MemberTerms()


def _refused(exc: member_ledger.HoldRefused) -> ApiError:
    return ApiError(404 if exc.code == "unknown_member" else 422, exc.code, str(exc))


@router.get("/stores/{store_id}/member-terms", response_model=MemberTerms)
def member_terms(store_id: Code, device: DeviceDep, state: StateDep) -> MemberTerms:
    """How points are earned and redeemed in this store, and what a till may take offline."""
    _check_store(device, store_id)
    with open_db(state) as conn:
        return _terms(conn, store_id)


@router.get("/stores/{store_id}/members/{member_id}", response_model=MemberAccount)
def member_account(store_id: Code, member_id: Code, device: DeviceDep, state: StateDep) -> MemberAccount:
    _check_store(device, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        found = member_ledger.account_answer(conn, member_id)
    if found is None:
        raise ApiError(404, "unknown_member", f"member {member_id} is unknown")
    return found


@router.post("/stores/{store_id}/members/{member_id}/holds", response_model=MemberHoldAnswer)
def hold(store_id: Code, member_id: Code, body: MemberHold, device: DeviceDep, state: StateDep) -> MemberHoldAnswer:
    """Reserve points or hold stored value for a sale in progress; idempotent per ``hold_id``.
    The ledger entry of the completed sale captures it; the till releases it if the sale is voided.
    A hold lasts the terms' ``hold_ttl_s`` (asking again for the same id starts it again), then it
    expires: the amount is free again and a later capture is applied only if the balance covers it
    (else refused ``hold_expired``)."""
    _check_store(device, store_id)
    if body.till_id != device.till_id:
        raise ApiError(403, "wrong_till", f"this device is till {device.till_id}")
    try:
        with open_db(state) as conn, db.write_tx(conn):
            return member_ledger.hold(conn, member_id, body, db.utcnow(), _terms(conn, store_id).hold_ttl_s)
    except member_ledger.HoldRefused as exc:
        raise _refused(exc) from None


@router.post("/stores/{store_id}/members/{member_id}/holds/{hold_id}/release", response_model=MemberHoldAnswer)
def release(store_id: Code, member_id: Code, hold_id: ClientId, device: DeviceDep, state: StateDep) -> MemberHoldAnswer:
    """Give a hold back (sale voided, tender removed, till restarted mid-sale); idempotent."""
    _check_store(device, store_id)
    try:
        with open_db(state) as conn, db.write_tx(conn):
            return member_ledger.release(conn, member_id, hold_id, device.till_id, db.utcnow())
    except member_ledger.HoldRefused as exc:
        raise _refused(exc) from None


@router.post("/stores/{store_id}/member-ledger", response_model=PushResult, tags=["push"])
def push_member_ledger(store_id: Code, body: MemberLedgerEntry, device: DeviceDep, state: StateDep,
                       key: IdemHeader = None) -> JSONResponse:
    """A member ledger entry (points earned/redeemed, stored value topped up/spent/refunded, a void);
    applied once per ``entry_id`` whatever the key, a spend it can't cover is a conflict."""
    return _push(state, device, store_id, "member_ledger", key, body)


@router.post("/stores/{store_id}/member-signups", response_model=PushResult, tags=["push"])
def push_member_signup(store_id: Code, body: MemberSignup, device: DeviceDep, state: StateDep,
                       key: IdemHeader = None) -> JSONResponse:
    """A member signed up at a till: a new member, or merged with the member of that phone; the
    member reaches the tills in the members feed."""
    return _push(state, device, store_id, "member_signup", key, body)


# -- admin (tests, demo) ------------------------------------------------------------------------


class StoredValueSet(WireModel):
    stored_value_fen: Annotated[StrictInt, Field(ge=0, le=10**12)]


class MemberCodeOut(WireModel):
    code: str


class AllowancesSet(WireModel):
    count: int


def _admin_router() -> APIRouter:
    from sync.reference_platform.admin import require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)

    @admin.put("/stores/{store_id}/member-terms", response_model=MemberTerms)
    def put_terms(store_id: Code, body: MemberTerms, state: StateDep) -> MemberTerms:
        with open_db(state) as conn, db.write_tx(conn):
            conn.execute("INSERT OR REPLACE INTO member_terms (store_id, body) VALUES (?, ?)",
                         (store_id, body.model_dump_json()))
        return body

    @admin.put("/members/{member_id}/stored-value", response_model=MemberAccount)
    def set_stored_value(member_id: Code, body: StoredValueSet, state: StateDep) -> MemberAccount:
        with open_db(state) as conn, db.write_tx(conn):
            if member_ledger.account(conn, member_id) is None:
                raise ApiError(404, "unknown_member", f"member {member_id} is unknown")
            conn.execute("UPDATE member_accounts SET stored_value_fen = ? WHERE member_id = ?",
                         (body.stored_value_fen, member_id))
            return member_ledger.account_answer(conn, member_id)  # type: ignore[return-value]

    @admin.get("/members/{member_id}/account", response_model=MemberAccount)
    def get_account(member_id: Code, state: StateDep) -> MemberAccount:
        with open_db(state) as conn, db.write_tx(conn):
            found = member_ledger.account_answer(conn, member_id)
        if found is None:
            raise ApiError(404, "unknown_member", f"member {member_id} is unknown")
        return found

    @admin.put("/stores/{store_id}/tills/{till_id}/member-allowances", response_model=AllowancesSet)
    def put_allowances(store_id: Code, till_id: Code, body: Annotated[list[MemberAllowance], Field(max_length=20_000)],
                       state: StateDep) -> AllowancesSet:
        """Grant members what they may spend offline at one till (its ``member_allowances`` feed)."""
        scope = db.scope_for("member_allowances", store_id, till_id)
        with open_db(state) as conn, db.write_tx(conn):
            for grant in body:
                db.put_entity(conn, "member_allowances", scope, grant.member_id, grant.model_dump(mode="json"))
        return AllowancesSet(count=len(body))

    @admin.post("/members/{member_id}/code", response_model=MemberCodeOut)
    def member_code(member_id: Code, state: StateDep, ttl_s: int = 60) -> MemberCodeOut:
        """What the member's app would show: a signed member code valid ``ttl_s`` seconds."""
        with open_db(state) as conn, db.write_tx(conn):
            key_id, key = signing.signing_key(conn)
        return MemberCodeOut(code=member_codes.sign_member_code(key, key_id, member_id, int(time.time()) + ttl_s))

    return admin


def install(app: FastAPI) -> None:
    app.include_router(router)
    app.include_router(_admin_router())

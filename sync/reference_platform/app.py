"""The device-facing API of the reference platform (pairing, change feeds, pushes).

Handlers are plain ``def`` functions run in the server's thread pool; each worker thread keeps
one SQLite connection.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import (
    PAGE_MODELS,
    SNAPSHOT_MODELS,
    Code,
    CouponRedemption,
    ErrorBody,
    FeedCounts,
    Loyalty,
    PairingRequest,
    PairingResponse,
    PickupClaimAnswer,
    PickupClaimRequest,
    PickupCodeAnswer,
    PickupCodeCheck,
    PickupEvent,
    PlatformKeys,
    PushResult,
    Return,
    Sale,
    StaffPinChange,
    StockMovement,
    WireModel,
    ZReport,
)
from sync.reference_platform import db, signing
from sync.reference_platform.pushes import APPLIERS, body_hash, claim_pickup, put_z_report
from sync.reference_platform.state import (
    ApiError,
    PlatformState,
    api_error_handler,
    decode_cursor,
    decode_snapshot_token,
    encode_cursor,
    encode_snapshot_token,
    error_response,
    hash_token,
)

bearer = HTTPBearer(auto_error=False, description="Device token from POST /pairing")
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
    409: {"model": ErrorBody}, 410: {"model": ErrorBody}, 422: {"model": ErrorBody},
}


@dataclass(frozen=True)
class Device:
    store_id: str
    till_id: str


def get_state(request: Request) -> PlatformState:
    state: PlatformState = request.app.state.platform
    return state


@contextlib.contextmanager
def open_db(state: PlatformState) -> Iterator[sqlite3.Connection]:
    """This worker thread's connection (opened once per thread: connecting costs per request)."""
    conn = getattr(state.local, "conn", None)
    if conn is None:
        conn = state.local.conn = db.connect(state.db_path)
    if conn.in_transaction:  # a previous request died mid-transaction; never inherit it
        conn.execute("ROLLBACK")
    yield conn


def require_device(
    state: Annotated[PlatformState, Depends(get_state)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Device:
    unauthorized = {"WWW-Authenticate": "Bearer"}
    if creds is None or creds.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "missing bearer device token", headers=unauthorized)
    with open_db(state) as conn:
        row = conn.execute(
            "SELECT store_id, till_id, revoked_at FROM devices WHERE token_hash = ?", (hash_token(creds.credentials),)
        ).fetchone()
    if row is None or row[2] is not None:
        raise ApiError(401, "unauthorized", "device token is unknown or revoked", headers=unauthorized)
    return Device(store_id=row[0], till_id=row[1])


DeviceDep = Annotated[Device, Depends(require_device)]
StateDep = Annotated[PlatformState, Depends(get_state)]
IdemHeader = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="Outbox event id; the same key always gets the first answer"),
]

router = APIRouter(responses=ERRORS)
#: How long a pairing code's first user may retry with the same device key.
PAIRING_RETRY_WINDOW = dt.timedelta(minutes=5)


@router.get("/health", tags=["meta"])
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/pairing", response_model=PairingResponse, tags=["pairing"])
def pair(body: PairingRequest, state: StateDep, request: Request) -> PairingResponse:
    """Exchange a one-time pairing code for a device token (shown once, stored hashed).

    A retry with the same code and ``device_key`` within a few minutes (the first answer was lost)
    gets a new token and the first one is revoked, so no orphan token stays registered. Attempts
    are limited per client address (429 with Retry-After)."""
    wait = state.pairing_attempt(request.client.host if request.client else "?")
    if wait is not None:
        raise ApiError(429, "too_many_pairing_attempts", "too many pairing attempts from this address; wait",
                       headers={"Retry-After": str(int(wait) + 1)})
    now = db.utcnow()
    with open_db(state) as conn, db.write_tx(conn):
        row = conn.execute(
            "SELECT store_id, till_id, expires_at, used_at, used_by_key, token_hash FROM pairing_codes WHERE code = ?",
            (body.code,),
        ).fetchone()
        retry = (row is not None and row[3] is not None and body.device_key is not None and row[4] == body.device_key
                 and now - dt.datetime.fromisoformat(row[3]) <= PAIRING_RETRY_WINDOW)
        if row is None or (row[3] is not None and not retry) or dt.datetime.fromisoformat(row[2]) < now:
            raise ApiError(400, "pairing_code_invalid", "pairing code is unknown, already used or expired")
        store_id, till_id = row[0], row[1]
        if (body.store_id and body.store_id != store_id) or (body.till_id and body.till_id != till_id):
            raise ApiError(400, "pairing_mismatch", "pairing code was issued for another store or till")
        token = secrets.token_urlsafe(32)
        if retry:  # the first answer never arrived: its token is revoked, not left registered
            conn.execute("UPDATE devices SET revoked_at = ? WHERE token_hash = ?", (now.isoformat(), row[5]))
        conn.execute("UPDATE pairing_codes SET used_at = ?, used_by_key = ?, token_hash = ? WHERE code = ?",
                     (now.isoformat(), body.device_key, hash_token(token), body.code))
        conn.execute(
            "INSERT INTO devices (token_hash, store_id, till_id, device_name, created_at) VALUES (?, ?, ?, ?, ?)",
            (hash_token(token), store_id, till_id, body.device_name, now.isoformat()),
        )
        signing.signing_key(conn)  # made at the first pairing if the platform has none yet
        keys = signing.public_keys(conn)
    return PairingResponse(token=token, store_id=store_id, till_id=till_id, platform_keys=keys)


@router.get("/keys", response_model=PlatformKeys, tags=["pairing"])
def keys(device: DeviceDep, state: StateDep) -> PlatformKeys:
    """The platform's public keys: a till checks signed pickup QR codes with them, offline."""
    with open_db(state) as conn, db.write_tx(conn):
        signing.signing_key(conn)
        return PlatformKeys(keys=signing.public_keys(conn))


def _feed(state: PlatformState, device: Device, resource: str, cursor: str | None, limit: int,
          checkpoint_every: int | None = None) -> str:
    """The page as JSON text; stored items are validated JSON already, so they are spliced in."""
    scope = db.scope_for(resource, device.store_id, device.till_id)
    after = 0 if cursor is None else decode_cursor(cursor, resource, scope)
    with open_db(state) as conn:
        conn.execute("BEGIN")  # one read snapshot for rows, horizon and max seq
        try:
            if cursor is not None and after < db.horizon(conn, resource, scope):
                raise ApiError(410, "cursor_expired", f"{resource} cursor is older than the retention horizon; "
                               "take a snapshot")
            rows = db.feed_rows(conn, resource, scope, after, limit + 1)
            top = db.max_seq(conn)
        finally:
            conn.execute("COMMIT")
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][1] if has_more else max(top, after)
    items = ",".join(
        f'{{"key":{json.dumps(key)},"deleted":true,"data":null}}' if deleted
        else f'{{"key":{json.dumps(key)},"deleted":false,"data":{data}}}'
        for key, _seq, deleted, data in rows
    )
    cursor_json = json.dumps(encode_cursor(resource, scope, last))
    marks = range(checkpoint_every, len(rows), checkpoint_every) if checkpoint_every else range(0)
    checkpoints = ",".join(f'{{"after":{n},"cursor":{json.dumps(encode_cursor(resource, scope, rows[n - 1][1]))}}}'
                           for n in marks)  # the feed goes on after an item's seq
    return (f'{{"items":[{items}],"next_cursor":{cursor_json},"has_more":{"true" if has_more else "false"},'
            f'"checkpoints":[{checkpoints}]}}')


#: A snapshot page stops growing past this many bytes of items (well under the till's 32 MB cap).
SNAPSHOT_PAGE_BYTES = 4 * 1024 * 1024


def _snapshot(state: PlatformState, device: Device, resource: str, limit: int | None, token: str | None) -> str:
    """A snapshot (page) as JSON text: live items by key after the token's, with the cursor taken when
    the snapshot began (see ``sync.protocol.Snapshot``)."""
    scope = db.scope_for(resource, device.store_id, device.till_id)
    top, after = (None, "") if token is None else decode_snapshot_token(token, resource, scope)
    with open_db(state) as conn:
        conn.execute("BEGIN")
        try:
            if top is None:
                top = db.max_seq(conn)
            elif top < db.horizon(conn, resource, scope):
                raise ApiError(410, "snapshot_expired", f"{resource} was compacted since this snapshot began; "
                               "start it again")
            rows = conn.execute(
                "SELECT key, data FROM entities WHERE resource = ? AND scope = ? AND deleted = 0 AND key > ? "
                "ORDER BY key LIMIT ?", (resource, scope, after, -1 if limit is None else limit + 1),
            ).fetchall()
        finally:
            conn.execute("COMMIT")
    taken: list[tuple[str, str]] = []
    size = 0
    for key, data in rows[:limit]:
        if taken and size + len(data) > SNAPSHOT_PAGE_BYTES:
            break
        taken.append((key, data))
        size += len(data) + 1
    more = len(taken) < len(rows)
    next_token = json.dumps(encode_snapshot_token(resource, scope, top, taken[-1][0])) if more else "null"
    return (f'{{"items":[{",".join(data for _key, data in taken)}],'
            f'"cursor":{json.dumps(encode_cursor(resource, scope, top))},"next_token":{next_token}}}')


class _RawJSON(JSONResponse):
    """A response whose content is already JSON text."""

    def render(self, content: object) -> bytes:
        assert isinstance(content, str)
        return content.encode()


def _make_feed_route(resource: str) -> None:
    page_model = PAGE_MODELS[resource]
    snapshot_model = SNAPSHOT_MODELS[resource]

    def feed(
        device: DeviceDep,
        state: StateDep,
        cursor: Annotated[str | None, Query(max_length=512, pattern=r"^[A-Za-z0-9_=-]+$")] = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
        checkpoint_every: Annotated[int | None, Query(ge=1, le=5000, description="A cursor after every N items")] = None,
    ) -> JSONResponse:
        return _RawJSON(_feed(state, device, resource, cursor, limit, checkpoint_every))

    def snapshot(
        device: DeviceDep,
        state: StateDep,
        limit: Annotated[int | None, Query(ge=1, le=5000, description="Items per page; none: all at once")] = None,
        token: Annotated[str | None, Query(max_length=512, pattern=r"^[A-Za-z0-9_=-]+$",
                                           description="next_token of the page before")] = None,
    ) -> JSONResponse:
        return _RawJSON(_snapshot(state, device, resource, limit, token))

    router.add_api_route(
        f"/feeds/{resource}", feed, methods=["GET"], response_model=page_model, tags=["feeds"],
        summary=f"Change feed of {resource}", operation_id=f"feed_{resource}",
    )
    router.add_api_route(
        f"/snapshots/{resource}", snapshot, methods=["GET"], response_model=snapshot_model, tags=["feeds"],
        summary=f"Snapshot of {resource}", operation_id=f"snapshot_{resource}",
    )


for _resource in PAGE_MODELS:
    _make_feed_route(_resource)


@router.get("/feeds", response_model=FeedCounts, tags=["feeds"])
def feed_counts(device: DeviceDep, state: StateDep) -> FeedCounts:
    """How many live items each feed holds for this device: the till's first download shows
    "N of M" from these."""
    with open_db(state) as conn:
        counts = {r: db.live_count(conn, r, db.scope_for(r, device.store_id, device.till_id)) for r in PAGE_MODELS}
    return FeedCounts(counts=counts)


def _push(state: PlatformState, device: Device, path_store: str, kind: str, key: str | None,
          event: WireModel) -> JSONResponse:
    """Idempotent push: first answer is stored with the key; a replay gets it back verbatim."""
    if path_store != device.store_id:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device.store_id}, not {path_store}")
    if getattr(event, "store_id", path_store) != path_store:
        raise ApiError(422, "store_mismatch", "store_id in the body differs from the store in the path")
    if getattr(event, "till_id", device.till_id) != device.till_id:
        raise ApiError(403, "wrong_till", f"this device is till {device.till_id}; it may not push for "
                                          f"till {event.till_id}")  # type: ignore[attr-defined]
    if key is None:
        raise ApiError(400, "missing_idempotency_key", "Idempotency-Key header is required on every push")
    if not (8 <= len(key) <= 64 and all(c.isalnum() or c in "-_" for c in key) and key.isascii()):
        raise ApiError(400, "bad_idempotency_key", "Idempotency-Key must be 8-64 characters of [A-Za-z0-9_-]")
    digest = body_hash(event)
    state.begin(device.store_id, key)
    try:
        state.apply_fault("before_commit")
        with open_db(state) as conn, db.write_tx(conn):
            row = conn.execute(
                "SELECT body_hash, result FROM pushes WHERE store_id = ? AND idem_key = ?", (device.store_id, key)
            ).fetchone()
            if row is not None:
                if row[0] != digest:
                    raise ApiError(422, "idempotency_key_reused",
                                   f"Idempotency-Key {key} was already used with a different body")
                replayed = True
                result = PushResult.model_validate_json(row[1])
            else:
                replayed = False
                result = APPLIERS[kind](conn, event, key, db.utcnow())
                conn.execute(
                    "INSERT INTO pushes (store_id, idem_key, kind, body_hash, body, result, received_at, till_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (device.store_id, key, kind, digest, event.model_dump_json(), result.model_dump_json(),
                     result.received_at.isoformat(), device.till_id),
                )
        state.apply_fault("after_commit")
    finally:
        state.end(device.store_id, key)
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return JSONResponse(result.model_dump(mode="json"), headers=headers)


StorePath = Annotated[Code, Path(description="Store id; must be the device's store")]


@router.post("/stores/{store_id}/sales", response_model=PushResult, tags=["push"])
def push_sale(store_id: StorePath, body: Sale, device: DeviceDep, state: StateDep, key: IdemHeader = None) -> JSONResponse:
    """A completed sale; its stock movements are applied in the same transaction."""
    return _push(state, device, store_id, "sale", key, body)


@router.post("/stores/{store_id}/returns", response_model=PushResult, tags=["push"])
def push_return(store_id: StorePath, body: Return, device: DeviceDep, state: StateDep, key: IdemHeader = None) -> JSONResponse:
    return _push(state, device, store_id, "return", key, body)


@router.post("/stores/{store_id}/stock-movements", response_model=PushResult, tags=["push"])
def push_stock_movement(store_id: StorePath, body: StockMovement, device: DeviceDep, state: StateDep,
                        key: IdemHeader = None) -> JSONResponse:
    return _push(state, device, store_id, "stock_movement", key, body)


@router.post("/stores/{store_id}/pickup-events", response_model=PushResult, tags=["push"])
def push_pickup_event(store_id: StorePath, body: PickupEvent, device: DeviceDep, state: StateDep,
                      key: IdemHeader = None) -> JSONResponse:
    """A pickup status change; answers a conflict if the order changed online (e.g. cancelled)."""
    return _push(state, device, store_id, "pickup_event", key, body)


@router.post("/stores/{store_id}/loyalty", response_model=PushResult, tags=["push"])
def push_loyalty(store_id: StorePath, body: Loyalty, device: DeviceDep, state: StateDep, key: IdemHeader = None) -> JSONResponse:
    return _push(state, device, store_id, "loyalty", key, body)


def _check_store(device: Device, store_id: str) -> None:
    if store_id != device.store_id:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device.store_id}, not {store_id}")


@router.post("/stores/{store_id}/pickup-codes/check", response_model=PickupCodeAnswer, tags=["pickup"])
def check_pickup_code(store_id: StorePath, body: PickupCodeCheck, device: DeviceDep,
                      state: StateDep) -> PickupCodeAnswer:
    """Is this typed pickup code right, for ``order_id`` or for one of the store's open orders?
    The answer names the order, never the code; the till counts wrong answers toward its lock."""
    _check_store(device, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        if body.order_id is not None:
            matches = signing.code_is(conn, store_id, body.order_id, body.code)
            return PickupCodeAnswer(matches=matches, order_id=body.order_id if matches else None)
        # an open order first; else a collected one, so the clerk hears "already used"
        found = (signing.orders_with_code(conn, store_id, body.code)
                 or signing.orders_with_code(conn, store_id, body.code, statuses=("collected",))[-1:])
    return PickupCodeAnswer(matches=len(found) == 1, order_id=found[0] if len(found) == 1 else None)


@router.post("/stores/{store_id}/pickup-orders/{order_id}/claim", response_model=PickupClaimAnswer, tags=["pickup"])
def claim_pickup_order(store_id: StorePath, order_id: Code, body: PickupClaimRequest, device: DeviceDep,
                       state: StateDep) -> PickupClaimAnswer:
    """This till starts picking the order: granted unless another till holds an unexpired claim
    (then the answer names it); ``takeover`` (a manager) takes it anyway. Every till sees the
    claim in the ``pickup_orders`` feed."""
    _check_store(device, store_id)
    with open_db(state) as conn, db.write_tx(conn):
        answer = claim_pickup(conn, store_id, order_id, device.till_id, body, db.utcnow())
    if answer is None:
        raise ApiError(404, "unknown_order", f"pickup order {order_id} is unknown")
    return answer


@router.post("/stores/{store_id}/coupon-redemptions", response_model=PushResult, tags=["push"])
def push_coupon_redemption(store_id: StorePath, body: CouponRedemption, device: DeviceDep, state: StateDep,
                           key: IdemHeader = None) -> JSONResponse:
    """A coupon used in a sale; a second use of a code answers a conflict (coupon_already_used)."""
    return _push(state, device, store_id, "coupon_redemption", key, body)


@router.post("/stores/{store_id}/staff-pins", response_model=PushResult, tags=["push"])
def push_staff_pin(store_id: StorePath, body: StaffPinChange, device: DeviceDep, state: StateDep,
                   key: IdemHeader = None) -> JSONResponse:
    """A PIN chosen at a till in place of a one-time PIN; ``pin_reset_since`` when head office
    reset it again after."""
    return _push(state, device, store_id, "staff_pin", key, body)


@router.put("/stores/{store_id}/tills/{till_id}/z-reports/{business_date}", response_model=PushResult,
            tags=["push"])
def put_z(store_id: StorePath, till_id: Code, business_date: dt.date, body: ZReport, device: DeviceDep,
          state: StateDep, key: IdemHeader = None) -> JSONResponse:
    """End-of-day report; idempotent per (store, till, business date)."""
    if store_id != device.store_id:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device.store_id}, not {store_id}")
    if till_id != device.till_id:
        raise ApiError(403, "wrong_till", f"this device is till {device.till_id}; it may not report for till {till_id}")
    if (body.store_id, body.till_id, body.business_date) != (store_id, till_id, business_date):
        raise ApiError(422, "path_mismatch", "store, till and business date in the body differ from the path")
    with open_db(state) as conn, db.write_tx(conn):
        result = put_z_report(conn, body, key, db.utcnow())
    return JSONResponse(result.model_dump(mode="json"))


async def _validation_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"[:500] for e in exc.errors()]
    return error_response(ApiError(422, "invalid_request", "request does not match the contract", details))


async def _http_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(ApiError(exc.status_code, code, str(exc.detail)))


def create_app(db_path: str, admin_token: str, pairing_ttl_s: int = 900) -> FastAPI:
    """The platform app over the SQLite file ``db_path`` (created if missing)."""
    from sync.reference_platform.admin import router as admin_router

    db.init_db(db_path)
    app = FastAPI(
        title="O2O central platform (reference implementation)",
        version="1",
        description="Contract between the O2O till and the central platform. Money is integer fen, "
        "quantities are decimal strings, timestamps are UTC ISO 8601.",
    )
    app.state.platform = PlatformState(db_path, admin_token, pairing_ttl_s)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.include_router(router)
    app.include_router(admin_router)
    from sync.reference_platform import media, wallets

    wallets.install(app, db_path)
    from sync.reference_platform import members_api, refunds

    refunds.install(app, db_path)  # cross-channel returns: lookup, reservations, the ledger
    media.install(app)
    members_api.install(app)
    from sync.reference_platform import batches

    batches.install(app)  # many outbox events in one request (sync/protocol/batches.py)
    return app


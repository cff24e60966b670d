"""Admin API of the reference platform: what head office does, and what tests inspect.

Protected by the admin bearer token given with ``--admin-token`` (or printed at start).
``PUT /admin/faults`` is TEST/DEMO ONLY: it makes pushes fail or stall on purpose.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import sqlite3
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AwareDatetime, Field, StrictInt, model_validator

from sync import pickup_codes
from sync.protocol import (
    PICKUP_QR_PREFIX,
    Argon2idHash,
    CategoryInfo,
    Code,
    Coupon,
    DeviceSettings,
    Fen,
    LongText,
    Member,
    Phone,
    PickupOrder,
    PickupOrderLine,
    Product,
    Promotion,
    Resource,
    SignedQuantity,
    Staff,
    StaffRole,
    StockLevel,
    StoreProfile,
    TaxClassInfo,
    Text,
    WalletKind,
    WireModel,
)
from sync.reference_platform import db, signing
from sync.reference_platform.app import ERRORS, StateDep, open_db
from sync.reference_platform.state import ApiError, Faults, PlatformState, hash_token, new_pairing_code

admin_bearer = HTTPBearer(auto_error=False, scheme_name="AdminToken", description="Admin token of the platform")


def require_admin(
    state: StateDep, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer)]
) -> None:
    if creds is None or not hmac.compare_digest(hash_token(creds.credentials), state.admin_token_hash):
        raise ApiError(401, "unauthorized", "admin token missing or wrong", headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)


class PairingCodeRequest(WireModel):
    store_id: Code
    till_id: Code


class PairingCodeOut(WireModel):
    code: str
    store_id: str
    till_id: str
    expires_at: dt.datetime


class Count(WireModel):
    count: int


class PriceChange(WireModel):
    price_fen: Fen
    member_price_fen: Fen | None


class StockSet(WireModel):
    quantity: SignedQuantity


class NewPickupOrder(WireModel):
    order_no: Code | None = None
    customer_name: Text
    customer_phone: Phone
    payment: Literal["paid_online", "pay_at_store"]
    pickup_deadline: AwareDatetime
    notes: LongText = ""
    lines: list[PickupOrderLine] = Field(min_length=1, max_length=500)
    #: A ``paid_online`` order paid by this wallet in the app: the simulator takes the payment.
    wallet: WalletKind | None = None

    @model_validator(mode="after")
    def _wallet_paid_online(self) -> NewPickupOrder:
        if self.wallet is not None and self.payment != "paid_online":
            raise ValueError("only a paid_online order is paid by a wallet")
        return self


class CreatedPickupOrder(WireModel):
    order: PickupOrder
    pickup_code: str
    qr_payload: str


class Received(WireModel):
    kind: str
    idempotency_key: str
    till_id: str
    received_at: str
    body: dict[str, Any]
    result: dict[str, Any]


class ReceivedList(WireModel):
    count: int
    items: list[Received]


class SaleRow(WireModel):
    sale_id: str
    kind: str
    idempotency_key: str
    receipt_no: str
    total_fen: int


class SalesList(WireModel):
    count: int
    items: list[SaleRow]


class FaultSettings(WireModel):
    """TEST/DEMO ONLY. See ``state.Faults``."""

    fail_next: Annotated[StrictInt, Field(ge=0, le=100_000)] = 0
    fail_status: Annotated[StrictInt, Field(ge=400, le=599)] = 500
    fail_phase: Literal["before_commit", "after_commit"] = "before_commit"
    delay_next: Annotated[StrictInt, Field(ge=0, le=100_000)] = 0
    delay_s: Annotated[float, Field(ge=0, le=60)] = 0.0
    delay_phase: Literal["before_commit", "after_commit"] = "before_commit"
    random_fail_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    random_delay_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    seed: int | None = None


#: A PIN typed by head office: 4 to 8 digits (the till's own rule).
PlainPin = Annotated[str, Field(strict=True, pattern=r"^[0-9]{4,8}$")]


class NewStaff(WireModel):
    """Create or change a staff member: ``pin`` is a one-time PIN (hashed here, to be changed at
    the first sign-in); ``pin_hash`` is an Argon2id hash made elsewhere, kept as the PIN; neither
    keeps the PIN an existing member has (a new one needs one of them)."""

    staff_id: Code
    display_name: Annotated[str, Field(strict=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
    role: StaffRole
    badge_code: Code | None = None
    pin: PlainPin | None = None
    pin_hash: Argon2idHash | None = None


class PinReset(WireModel):
    pin: PlainPin


# -- helpers shared with the demo seed -------------------------------------------------------


def upsert_products(conn: sqlite3.Connection, products: list[Product]) -> None:
    """Each product changes the catalog feed and the prices feed. Call in a write tx."""
    for p in products:
        db.put_entity(conn, "catalog", "", p.sku, p.model_dump(mode="json"))
        db.put_entity(conn, "prices", "", p.sku, {
            "sku": p.sku, "price_fen": p.price_fen, "member_price_fen": p.member_price_fen,
        })


def create_pickup_order(conn: sqlite3.Connection, store_id: str, spec: NewPickupOrder) -> CreatedPickupOrder:
    """A new order with a random 6-digit code unique among the store's open orders. The feed
    carries only its Argon2id hash; the customer's QR carries a token signed by the platform.
    Call in a write tx."""
    code = signing.new_code(conn, store_id)
    order_id = secrets.token_hex(16)
    order_no = spec.order_no or f"PU{db.next_seq(conn):08d}"
    paid = None
    if spec.wallet is not None:
        from sync.reference_platform.wallets import take_online_payment

        total = sum(int((Decimal(ln.quantity) * ln.price_fen).to_integral_value()) for ln in spec.lines)
        paid = take_online_payment(conn, store_id, spec.wallet, total)
    order = PickupOrder(
        order_id=order_id, order_no=order_no, customer_name=spec.customer_name,
        customer_phone=spec.customer_phone, status="new", payment=spec.payment,
        pickup_deadline=spec.pickup_deadline.astimezone(dt.UTC), notes=spec.notes, lines=spec.lines,
        pickup_code_argon2=pickup_codes.code_hash(code), wallet_payment=paid,
    )
    db.put_entity(conn, "pickup_orders", store_id, order_id, order.model_dump(mode="json"))
    signing.remember_code(conn, store_id, order_id, code)
    key_id, key = signing.signing_key(conn)
    token = pickup_codes.sign_pickup_token(key, key_id, store_id, order_id, order_no)
    return CreatedPickupOrder(order=order, pickup_code=code, qr_payload=f"{PICKUP_QR_PREFIX}:{order_no}:{token}")


def create_pairing_code(conn: sqlite3.Connection, store_id: str, till_id: str, ttl_s: int) -> PairingCodeOut:
    code = new_pairing_code()
    expires = db.utcnow() + dt.timedelta(seconds=ttl_s)
    conn.execute(
        "INSERT INTO pairing_codes (code, store_id, till_id, expires_at) VALUES (?, ?, ?, ?)",
        (code, store_id, till_id, expires.isoformat()),
    )
    return PairingCodeOut(code=code, store_id=store_id, till_id=till_id, expires_at=expires)


# -- routes ----------------------------------------------------------------------------------


@router.post("/pairing-codes", response_model=PairingCodeOut)
def new_pairing(body: PairingCodeRequest, state: StateDep) -> PairingCodeOut:
    with open_db(state) as conn, db.write_tx(conn):
        return create_pairing_code(conn, body.store_id, body.till_id, state.pairing_ttl_s)


@router.post("/stores/{store_id}/tills/{till_id}/revoke", response_model=Count)
def revoke(store_id: Code, till_id: Code, state: StateDep) -> Count:
    """Revoke every device token of this till: its next call answers 401."""
    with open_db(state) as conn, db.write_tx(conn):
        cur = conn.execute(
            "UPDATE devices SET revoked_at = ? WHERE store_id = ? AND till_id = ? AND revoked_at IS NULL",
            (db.utcnow().isoformat(), store_id, till_id),
        )
    return Count(count=cur.rowcount)


@router.put("/products", response_model=Count)
def put_products(body: Annotated[list[Product], Field(max_length=20_000)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        upsert_products(conn, body)
    return Count(count=len(body))


@router.put("/prices/{sku}", response_model=Product)
def change_price(sku: Code, body: PriceChange, state: StateDep) -> Product:
    with open_db(state) as conn, db.write_tx(conn):
        data = db.get_entity(conn, "catalog", "", sku)
        if data is None:
            raise ApiError(404, "unknown_sku", f"no product {sku}")
        product = Product.model_validate({**data, **body.model_dump()})
        upsert_products(conn, [product])
    return product


@router.delete("/products/{sku}", response_model=Count)
def delete_product(sku: Code, state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        if db.get_entity(conn, "catalog", "", sku) is None:
            raise ApiError(404, "unknown_sku", f"no product {sku}")
        db.put_entity(conn, "catalog", "", sku, None)
        db.put_entity(conn, "prices", "", sku, None)
    return Count(count=1)


@router.put("/stores/{store_id}/stock/{sku}", response_model=StockLevel)
def set_stock(store_id: Code, sku: Code, body: StockSet, state: StateDep) -> StockLevel:
    level = StockLevel(sku=sku, quantity=body.quantity, as_of=db.utcnow())
    with open_db(state) as conn, db.write_tx(conn):
        db.put_entity(conn, "stock", store_id, sku, level.model_dump(mode="json"))
    return level


@router.get("/stores/{store_id}/stock/{sku}", response_model=StockLevel)
def get_stock(store_id: Code, sku: Code, state: StateDep) -> StockLevel:
    with open_db(state) as conn:
        data = db.get_entity(conn, "stock", store_id, sku)
    if data is None:
        raise ApiError(404, "unknown_stock", f"no stock level of {sku} in store {store_id}")
    return StockLevel.model_validate(data)


@router.put("/members", response_model=Count)
def put_members(body: Annotated[list[Member], Field(max_length=20_000)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        for m in body:
            db.put_entity(conn, "members", "", m.member_id, m.model_dump(mode="json"))
    return Count(count=len(body))


@router.put("/coupons", response_model=Count)
def put_coupons(body: Annotated[list[Coupon], Field(max_length=20_000)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        for c in body:
            db.put_entity(conn, "coupons", "", c.code, c.model_dump(mode="json"))
    return Count(count=len(body))


@router.put("/promotions", response_model=Count)
def put_promotions(body: Annotated[list[Promotion], Field(max_length=20_000)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        for p in body:
            db.put_entity(conn, "promotions", "", p.promotion_id, p.model_dump(mode="json"))
    return Count(count=len(body))


@router.delete("/promotions/{promotion_id}", response_model=Count)
def delete_promotion(promotion_id: Code, state: StateDep) -> Count:
    """End a promotion early: its tombstone reaches every till on the next pull."""
    with open_db(state) as conn, db.write_tx(conn):
        if db.get_entity(conn, "promotions", "", promotion_id) is None:
            raise ApiError(404, "unknown_promotion", f"no promotion {promotion_id}")
        db.put_entity(conn, "promotions", "", promotion_id, None)
    return Count(count=1)


@router.post("/stores/{store_id}/pickup-orders", response_model=CreatedPickupOrder)
def new_pickup_order(store_id: Code, body: NewPickupOrder, state: StateDep) -> CreatedPickupOrder:
    """Create an order; the answer holds the plain pickup code so a test can play the customer."""
    with open_db(state) as conn, db.write_tx(conn):
        return create_pickup_order(conn, store_id, body)


def _order(conn: sqlite3.Connection, store_id: str, order_id: str) -> dict[str, Any]:
    data = db.get_entity(conn, "pickup_orders", store_id, order_id)
    if data is None:
        raise ApiError(404, "unknown_order", f"no pickup order {order_id} in store {store_id}")
    return data


@router.get("/stores/{store_id}/pickup-orders/{order_id}", response_model=PickupOrder)
def get_pickup_order(store_id: Code, order_id: Code, state: StateDep) -> PickupOrder:
    with open_db(state) as conn:
        return PickupOrder.model_validate(_order(conn, store_id, order_id))


@router.post("/stores/{store_id}/pickup-orders/{order_id}/cancel", response_model=PickupOrder)
def cancel_pickup_order(store_id: Code, order_id: Code, state: StateDep) -> PickupOrder:
    """The customer cancelled online; the till's next status change gets a conflict."""
    with open_db(state) as conn, db.write_tx(conn):
        data = _order(conn, store_id, order_id)
        if data["status"] in ("collected", "partially_collected"):
            raise ApiError(409, "order_collected", f"order is {data['status']} and cannot be cancelled")
        data["status"] = "cancelled"
        db.put_entity(conn, "pickup_orders", store_id, order_id, data)
    return PickupOrder.model_validate(data)


# -- provisioning: store profile, tax classes, categories, staff, device settings ------------------


@router.put("/stores/{store_id}/profile", response_model=StoreProfile)
def put_store_profile(store_id: Code, body: StoreProfile, state: StateDep) -> StoreProfile:
    if body.store_id != store_id:
        raise ApiError(422, "path_mismatch", "store_id in the body differs from the store in the path")
    with open_db(state) as conn, db.write_tx(conn):
        db.put_entity(conn, "store_profile", store_id, store_id, body.model_dump(mode="json"))
    return body


@router.put("/tax-classes", response_model=Count)
def put_tax_classes(body: Annotated[list[TaxClassInfo], Field(max_length=100)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        for t in body:
            db.put_entity(conn, "tax_classes", "", t.code, t.model_dump(mode="json"))
    return Count(count=len(body))


@router.put("/categories", response_model=Count)
def put_categories(body: Annotated[list[CategoryInfo], Field(max_length=5000)], state: StateDep) -> Count:
    with open_db(state) as conn, db.write_tx(conn):
        for c in body:
            db.put_entity(conn, "categories", "", c.code, c.model_dump(mode="json"))
    return Count(count=len(body))


def _hash_pin(pin: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(pin)  # Argon2id with argon2-cffi's defaults


@router.post("/stores/{store_id}/staff", response_model=Staff)
def put_staff(store_id: Code, body: NewStaff, state: StateDep) -> Staff:
    """Create or change a staff member of the store (at most one of ``pin`` and ``pin_hash``)."""
    if body.pin is not None and body.pin_hash is not None:
        raise ApiError(422, "pin_ambiguous", "give pin (one-time) or pin_hash (Argon2id), not both")
    new_hash = body.pin_hash or (_hash_pin(body.pin) if body.pin is not None else None)
    with open_db(state) as conn, db.write_tx(conn):
        existing = db.get_entity(conn, "staff", store_id, body.staff_id)
        if new_hash is not None:
            pin_hash, change_required = new_hash, body.pin is not None
        elif existing is not None:
            pin_hash, change_required = existing["pin_hash"], existing["pin_change_required"]
        else:
            raise ApiError(422, "pin_required", "a new staff member needs pin (one-time) or pin_hash (Argon2id)")
        staff = Staff(staff_id=body.staff_id, display_name=body.display_name, role=body.role,
                      badge_code=body.badge_code, pin_hash=pin_hash, pin_change_required=change_required)
        db.put_entity(conn, "staff", store_id, staff.staff_id, staff.model_dump(mode="json"))
    return staff


@router.post("/stores/{store_id}/staff/{staff_id}/reset-pin", response_model=Staff)
def reset_pin(store_id: Code, staff_id: Code, body: PinReset, state: StateDep) -> Staff:
    """A new one-time PIN: the person must choose their own at the next sign-in."""
    pin_hash = _hash_pin(body.pin)
    with open_db(state) as conn, db.write_tx(conn):
        data = db.get_entity(conn, "staff", store_id, staff_id)
        if data is None:
            raise ApiError(404, "unknown_staff", f"no staff member {staff_id} in store {store_id}")
        staff = Staff.model_validate({**data, "pin_hash": pin_hash, "pin_change_required": True})
        db.put_entity(conn, "staff", store_id, staff_id, staff.model_dump(mode="json"))
    return staff


@router.delete("/stores/{store_id}/staff/{staff_id}", response_model=Count)
def deactivate_staff(store_id: Code, staff_id: Code, state: StateDep) -> Count:
    """A tombstone: the person can no longer sign in at any till of the store."""
    with open_db(state) as conn, db.write_tx(conn):
        if db.get_entity(conn, "staff", store_id, staff_id) is None:
            raise ApiError(404, "unknown_staff", f"no staff member {staff_id} in store {store_id}")
        db.put_entity(conn, "staff", store_id, staff_id, None)
    return Count(count=1)


@router.put("/stores/{store_id}/tills/{till_id}/devices", response_model=DeviceSettings)
def put_device_settings(store_id: Code, till_id: Code, body: DeviceSettings, state: StateDep) -> DeviceSettings:
    if body.till_id != till_id:
        raise ApiError(422, "path_mismatch", "till_id in the body differs from the till in the path")
    with open_db(state) as conn, db.write_tx(conn):
        db.put_entity(conn, "device_settings", db.scope_for("device_settings", store_id, till_id), till_id,
                      body.model_dump(mode="json"))
    return body


@router.get("/received", response_model=ReceivedList)
def received(
    state: StateDep,
    store_id: Code | None = None,
    kind: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
) -> ReceivedList:
    """Every push the platform accepted or answered, in arrival order."""
    sql = "SELECT kind, idem_key, till_id, received_at, body, result FROM pushes WHERE 1 = 1"
    args: list[str] = []
    if store_id:
        sql += " AND store_id = ?"
        args.append(store_id)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    with open_db(state) as conn:
        rows = conn.execute(sql + " ORDER BY rowid", args).fetchall()
    items = [
        Received(kind=r[0], idempotency_key=r[1], till_id=r[2], received_at=r[3], body=json.loads(r[4]),
                 result=json.loads(r[5]))
        for r in rows
    ]
    return ReceivedList(count=len(items), items=items)


@router.get("/stores/{store_id}/sales", response_model=SalesList)
def sales(store_id: Code, state: StateDep) -> SalesList:
    """Sales and returns recorded (one row per sale id: the exactly-once evidence)."""
    with open_db(state) as conn:
        rows = conn.execute(
            "SELECT sale_id, kind, idem_key, receipt_no, total_fen FROM sales WHERE store_id = ? ORDER BY rowid",
            (store_id,),
        ).fetchall()
    items = [SaleRow(sale_id=r[0], kind=r[1], idempotency_key=r[2], receipt_no=r[3], total_fen=r[4]) for r in rows]
    return SalesList(count=len(items), items=items)


@router.get("/stores/{store_id}/z-reports", response_model=list[dict[str, Any]])
def z_reports(store_id: Code, state: StateDep) -> list[dict[str, Any]]:
    with open_db(state) as conn:
        rows = conn.execute(
            "SELECT body FROM z_reports WHERE store_id = ? ORDER BY business_date", (store_id,)
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


class TillDay(WireModel):
    """One till's Z report of the day, as the store's day lists it."""

    till_id: Code
    z_no: StrictInt
    sale_count: StrictInt
    return_count: StrictInt
    net_sales_fen: StrictInt
    cash_counted_fen: StrictInt


class StoreDay(WireModel):
    """A store's business day across its tills: one Z per till, and their sums."""

    store_id: Code
    business_date: dt.date
    tills: list[TillDay]
    sale_count: StrictInt
    return_count: StrictInt
    net_sales_fen: StrictInt


@router.get("/stores/{store_id}/days/{business_date}", response_model=StoreDay)
def store_day(store_id: Code, business_date: dt.date, state: StateDep) -> StoreDay:
    """Every till's Z report of ``business_date`` and the store's totals (the sum of the tills')."""
    with open_db(state) as conn:
        rows = conn.execute("SELECT body FROM z_reports WHERE store_id = ? AND business_date = ? ORDER BY till_id",
                            (store_id, business_date.isoformat())).fetchall()
    tills = [TillDay.model_validate({k: z[k] for k in TillDay.model_fields}) for z in map(json.loads, (r[0] for r in rows))]
    return StoreDay(store_id=store_id, business_date=business_date, tills=tills,
                    sale_count=sum(t.sale_count for t in tills), return_count=sum(t.return_count for t in tills),
                    net_sales_fen=sum(t.net_sales_fen for t in tills))


@router.post("/feeds/{resource}/compact", response_model=Count)
def compact_feed(resource: Resource, state: StateDep, store_id: Code = "", till_id: Code = "") -> Count:
    """Forget tombstones so that every cursor issued before now answers 410 (retention horizon)."""
    if resource in db.STORE_SCOPED | db.TILL_SCOPED and not store_id:
        raise ApiError(422, "store_id_required", f"{resource} is kept per store: pass store_id")
    with open_db(state) as conn, db.write_tx(conn):
        top = db.compact(conn, resource, db.scope_for(resource, store_id, till_id))
    return Count(count=top)


@router.put("/faults", response_model=FaultSettings, summary="TEST/DEMO ONLY: inject push failures")
def set_faults(body: FaultSettings, state: StateDep) -> FaultSettings:
    state.set_faults(Faults(**body.model_dump()))
    return body


__all__ = ["PlatformState", "create_pairing_code", "create_pickup_order", "router", "upsert_products"]

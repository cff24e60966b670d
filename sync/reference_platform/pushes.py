"""What the platform does with each pushed event, inside the transaction that records it.

Each ``apply_*`` runs in the same write transaction as the idempotency record, so an event
and its effects (a sale and its stock movements, a pickup status change) are committed
together or not at all. A business refusal is a ``PushResult`` with status ``conflict``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from decimal import Decimal

from sync.protocol import (
    CLAIM_TTL,
    CouponRedemption,
    Loyalty,
    PickupClaim,
    PickupClaimAnswer,
    PickupClaimRequest,
    PickupEvent,
    PickupOrder,
    PushResult,
    Return,
    Sale,
    StaffPinChange,
    StockDelta,
    StockMovement,
    WireModel,
    ZReport,
)
from sync.reference_platform import member_ledger
from sync.reference_platform import refund_ledger as refunds
from sync.reference_platform.db import get_entity, put_entity

#: A coupon's share on a sale or return line is named ``coupon:<code>`` (the till's pricing engine).
COUPON_SHARE = "coupon:"

#: Pickup status changes a till may make: current status -> allowed new statuses.
PICKUP_TRANSITIONS = {
    "new": {"picking", "ready", "cancelled", "expired"},
    # new: the till stopped picking (claim released); picking: another till took it over (its claim)
    "picking": {"new", "picking", "ready", "cancelled", "expired"},
    "ready": {"picking", "collected", "partially_collected", "cancelled", "expired"},
    "partially_collected": {"collected", "partially_collected"},
    # The platform expires overdue orders lazily too; the till saying so is then no conflict.
    "expired": {"expired"},
}


#: How long a pickup claim holds unless renewed or released (``serve --pickup-claim-ttl``).
claim_ttl: dt.timedelta = CLAIM_TTL


def body_hash(model: WireModel) -> str:
    canonical = json.dumps(model.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _result(kind: str, key: str | None, now: dt.datetime, code: str | None = None, message: str = "",
            order_status: str | None = None) -> PushResult:
    return PushResult(
        status="accepted" if code is None else "conflict",
        kind=kind,
        idempotency_key=key,
        received_at=now,
        conflict_code=code,
        message=message,
        order_status=order_status,
    )


def apply_stock_delta(conn: sqlite3.Connection, store_id: str, sku: str, delta: str, now: dt.datetime) -> None:
    current = get_entity(conn, "stock", store_id, sku)
    quantity = Decimal(current["quantity"]) if current else Decimal(0)
    new = {"sku": sku, "quantity": format(quantity + Decimal(delta), "f"), "as_of": now.isoformat()}
    put_entity(conn, "stock", store_id, sku, new)


def _apply_movements(conn: sqlite3.Connection, store_id: str, moves: list[StockDelta], now: dt.datetime) -> None:
    for move in moves:
        apply_stock_delta(conn, store_id, move.sku, move.delta, now)


def apply_sale(conn: sqlite3.Connection, ev: Sale, key: str, now: dt.datetime) -> PushResult:
    if conn.execute("SELECT 1 FROM sales WHERE store_id = ? AND sale_id = ?", (ev.store_id, ev.sale_id)).fetchone():
        return _result("sale", key, now, "duplicate_sale", f"sale {ev.sale_id} was already received under another key")
    conn.execute(
        "INSERT INTO sales (store_id, sale_id, idem_key, receipt_no, total_fen, kind) VALUES (?, ?, ?, ?, ?, 'sale')",
        (ev.store_id, ev.sale_id, key, ev.receipt_no, ev.total_fen),
    )
    _apply_movements(conn, ev.store_id, ev.stock_movements, now)
    refunds.record_sale(conn, ev)
    return _result("sale", key, now)


def apply_return(conn: sqlite3.Connection, ev: Return, key: str, now: dt.datetime) -> PushResult:
    """A return of a sale of this store; of another store's sale or an online order when the till
    reserved its units (reservation id = return id), which the return confirms; or without a
    receipt (no original sale)."""
    original = conn.execute(
        "SELECT 1 FROM sales WHERE store_id = ? AND sale_id = ? AND kind = 'sale'", (ev.store_id, ev.original_sale_id)
    ).fetchone()
    reserved = refunds.settle(conn, ev.return_id, "confirmed")
    over = None
    if reserved is None and original is not None:  # the till's own sale: its units leave the chain's ledger too
        over = refunds.record_local_return(conn, ev)
    if reserved == "lapsed":  # the till refunded units its lapsed reservation no longer held: a manager's case
        return _result("return", key, now, "reservation_lapsed",
                       f"return {ev.return_id}: its reservation expired and the units were returned elsewhere")
    if ev.original_sale_id is not None and original is None and reserved != "confirmed":
        return _result("return", key, now, "unknown_original_sale", f"original sale {ev.original_sale_id} is unknown")
    if conn.execute("SELECT 1 FROM sales WHERE store_id = ? AND sale_id = ?", (ev.store_id, ev.return_id)).fetchone():
        return _result("return", key, now, "duplicate_return", f"return {ev.return_id} was already received")
    conn.execute(
        "INSERT INTO sales (store_id, sale_id, idem_key, receipt_no, total_fen, kind) "
        "VALUES (?, ?, ?, ?, ?, 'return')",
        (ev.store_id, ev.return_id, key, ev.receipt_no, ev.total_fen),
    )
    _apply_movements(conn, ev.store_id, ev.stock_movements, now)
    _restore_coupons(conn, ev)
    if over is not None:  # recorded as it happened (the money is gone), and the manager is told
        return _result("return", key, now, "over_refunded", over)
    return _result("return", key, now)


def _restore_coupons(conn: sqlite3.Connection, ev: Return) -> None:
    """Count the coupon shares a return gives back against the sale's use of each coupon; when all
    of it is back and the coupon's terms say so (`restore_on_return`), the coupon is usable again:
    its redemption goes, and the feed names the sale whose use was undone (the till clears its mark)."""
    back: dict[str, int] = {}
    for line in ev.lines:
        for share in line.promotions:
            if share.promotion_id.startswith(COUPON_SHARE):
                code = share.promotion_id[len(COUPON_SHARE):]
                back[code] = back.get(code, 0) + share.discount_fen
    for code, fen in back.items():
        used = get_entity(conn, "coupon_redemptions", "", code)
        if used is None or used.get("sale_id") != ev.original_sale_id:
            continue
        returned = int(used.get("returned_fen", 0)) + fen
        coupon = get_entity(conn, "coupons", "", code)
        if coupon is not None and coupon.get("restore_on_return") and returned >= int(used.get("discount_fen", 0)):
            put_entity(conn, "coupon_redemptions", "", code, None)
            put_entity(conn, "coupons", "", code, {**coupon, "restored_sale_id": used["sale_id"]})
        else:
            put_entity(conn, "coupon_redemptions", "", code, {**used, "returned_fen": returned})


def apply_stock_movement(conn: sqlite3.Connection, ev: StockMovement, key: str, now: dt.datetime) -> PushResult:
    apply_stock_delta(conn, ev.store_id, ev.sku, ev.delta, now)
    return _result("stock_movement", key, now)


def _live_claim(order: PickupOrder, now: dt.datetime) -> PickupClaim | None:
    claim = order.claimed_by
    return claim if claim is not None and claim.expires_at > now else None


def claim_pickup(conn: sqlite3.Connection, store_id: str, order_id: str, till_id: str, body: PickupClaimRequest,
                 now: dt.datetime) -> PickupClaimAnswer | None:
    """Grant ``till_id`` the claim unless another till holds a live one (or a manager takes it over)."""
    data = get_entity(conn, "pickup_orders", store_id, order_id)
    if data is None:
        return None
    held = _live_claim(PickupOrder.model_validate(data), now)
    if held is not None and held.till_id != till_id and not body.takeover:
        return PickupClaimAnswer(order_id=order_id, granted=False, claim=held)
    claim = PickupClaim(till_id=till_id, staff_name=body.staff_name, expires_at=now + claim_ttl)
    put_entity(conn, "pickup_orders", store_id, order_id, {**data, "claimed_by": claim.model_dump(mode="json")})
    return PickupClaimAnswer(order_id=order_id, granted=True, claim=claim)


def apply_pickup_event(conn: sqlite3.Connection, ev: PickupEvent, key: str, now: dt.datetime) -> PushResult:
    data = get_entity(conn, "pickup_orders", ev.store_id, ev.order_id)
    if data is None:
        return _result("pickup_event", key, now, "unknown_order", f"pickup order {ev.order_id} is unknown")
    order = PickupOrder.model_validate(data)
    held = _live_claim(order, now)
    if held is not None and held.till_id != ev.till_id and ev.status == "new":
        return _result("pickup_event", key, now)  # stopped picking an order another till took over: it stays theirs
    if held is not None and held.till_id != ev.till_id:  # picked offline here while another till holds it
        twice = sorted({*order.double_picked_at, ev.till_id})
        put_entity(conn, "pickup_orders", ev.store_id, ev.order_id, {**data, "double_picked_at": twice})
        return _result("pickup_event", key, now, "picked_elsewhere",
                       f"order {order.order_no} is being picked at till {held.till_id} ({held.staff_name}); "
                       f"till {ev.till_id} {ev.status} it too while offline: check the goods with both tills",
                       order_status=order.status)
    if order.status in ("new", "picking", "ready") and now > order.pickup_deadline:
        data = {**data, "status": "expired"}  # expiry is applied lazily, when someone touches the order
        put_entity(conn, "pickup_orders", ev.store_id, ev.order_id, data)
        order = PickupOrder.model_validate(data)
    allowed = PICKUP_TRANSITIONS.get(order.status, set())
    if ev.status not in allowed:
        code = f"order_{order.status}" if order.status in ("cancelled", "expired", "collected") else "bad_transition"
        return _result(
            "pickup_event", key, now, code,
            f"order {order.order_no} is {order.status} on the platform; cannot become {ev.status}",
            order_status=order.status,
        )
    ordered = {line.line_id: Decimal(line.quantity) for line in order.lines}
    for line in ev.lines:
        if line.line_id not in ordered or Decimal(line.quantity) > ordered[line.line_id]:
            return _result(
                "pickup_event", key, now, "bad_lines",
                f"line {line.line_id} is not on order {order.order_no} or more than ordered",
                order_status=order.status,
            )
    claim = (held or PickupClaim(till_id=ev.till_id, staff_name=ev.user_id, expires_at=now + claim_ttl)
             if ev.status == "picking" else None)  # picking holds the order; any next status ends the claim
    put_entity(conn, "pickup_orders", ev.store_id, ev.order_id,
               {**data, "status": ev.status, "claimed_by": claim.model_dump(mode="json") if claim else None})
    return _result("pickup_event", key, now)


def apply_loyalty(conn: sqlite3.Connection, ev: Loyalty, key: str, now: dt.datetime) -> PushResult:
    member = get_entity(conn, "members", "", ev.member_id)
    if member is None:
        return _result("loyalty", key, now, "unknown_member", f"member {ev.member_id} is unknown")
    points = member["points"] + ev.points_delta
    if points < 0:
        return _result("loyalty", key, now, "insufficient_points", f"member has {member['points']} points")
    put_entity(conn, "members", "", ev.member_id, {**member, "points": points})
    return _result("loyalty", key, now)


def apply_coupon_redemption(conn: sqlite3.Connection, ev: CouponRedemption, key: str, now: dt.datetime) -> PushResult:
    """A coupon is used once chain-wide: a second redemption of the code is a conflict."""
    if get_entity(conn, "coupons", "", ev.code) is None:
        return _result("coupon_redemption", key, now, "unknown_coupon", f"no coupon {ev.code}")
    used = get_entity(conn, "coupon_redemptions", "", ev.code)
    if used is not None and used["redemption_id"] != ev.redemption_id:
        return _result("coupon_redemption", key, now, "coupon_already_used",
                       f"coupon {ev.code} was already used on receipt {used['receipt_no']}")
    put_entity(conn, "coupon_redemptions", "", ev.code, ev.model_dump(mode="json"))
    return _result("coupon_redemption", key, now)


def apply_staff_pin(conn: sqlite3.Connection, ev: StaffPinChange, key: str, now: dt.datetime) -> PushResult:
    """The PIN a person chose at a till becomes theirs on every till of the store (the staff feed
    carries it), unless head office reset the PIN again since: then its newer PIN stays."""
    staff = get_entity(conn, "staff", ev.store_id, ev.staff_id)
    if staff is None:
        return _result("staff_pin", key, now, "unknown_staff", f"no active staff member {ev.staff_id}")
    if staff["pin_hash"] == ev.pin_hash:
        return _result("staff_pin", key, now)
    if staff["pin_hash"] != ev.replaced_pin_hash:
        return _result("staff_pin", key, now, "pin_reset_since",
                       "head office set a new PIN after this one was chosen; the newer PIN stays")
    put_entity(conn, "staff", ev.store_id, ev.staff_id,
               {**staff, "pin_hash": ev.pin_hash, "pin_change_required": False})
    return _result("staff_pin", key, now)


APPLIERS: dict[str, Callable[[sqlite3.Connection, WireModel, str, dt.datetime], PushResult]] = {
    "sale": apply_sale,  # type: ignore[dict-item]
    "return": apply_return,  # type: ignore[dict-item]
    "stock_movement": apply_stock_movement,  # type: ignore[dict-item]
    "pickup_event": apply_pickup_event,  # type: ignore[dict-item]
    "loyalty": apply_loyalty,  # type: ignore[dict-item]
    "coupon_redemption": apply_coupon_redemption,  # type: ignore[dict-item]
    "staff_pin": apply_staff_pin,  # type: ignore[dict-item]
    "member_ledger": member_ledger.push_entry,  # type: ignore[dict-item]
    "member_signup": member_ledger.push_signup,  # type: ignore[dict-item]
}


def put_z_report(conn: sqlite3.Connection, ev: ZReport, key: str | None, now: dt.datetime) -> PushResult:
    """Store a Z report once per (store, till, date); the same body again answers the original."""
    digest = body_hash(ev)
    row = conn.execute(
        "SELECT body_hash, result FROM z_reports WHERE store_id = ? AND till_id = ? AND business_date = ?",
        (ev.store_id, ev.till_id, ev.business_date.isoformat()),
    ).fetchone()
    if row is not None:
        if row[0] == digest:
            return PushResult.model_validate_json(row[1])
        return _result("z_report", key, now, "z_report_differs",
                       f"a different Z report for {ev.business_date} of till {ev.till_id} is already stored")
    result = _result("z_report", key, now)
    conn.execute(
        "INSERT INTO z_reports (store_id, till_id, business_date, body_hash, body, result) VALUES (?, ?, ?, ?, ?, ?)",
        (ev.store_id, ev.till_id, ev.business_date.isoformat(), digest, ev.model_dump_json(), result.model_dump_json()),
    )
    return result

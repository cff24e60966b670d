"""Online orders on the reference platform process for return tests: made, paid, picked up."""

from __future__ import annotations

import datetime as dt
import uuid

from sync_platform_proc import STORE, PlatformProcess

from sync import protocol as P
from sync.client import PlatformClient


def collected_online_order(platform: PlatformProcess, token: str, order_no: str, wallet: str | None = "wechat_pay",
                           colas: int = 4, till: str = "T02") -> dict:
    """An order of ``colas`` x 3.00 paid in the app (by ``wallet``; None: paid otherwise online),
    then picked up at the store (collected, as ``till``, whose token it is, reports it): returnable by its number."""
    deadline = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    created = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "order_no": order_no, "customer_name": "张三", "customer_phone": "13800000000", "payment": "paid_online",
        "wallet": wallet, "pickup_deadline": deadline,
        "lines": [{"line_id": "L1", "sku": "100001", "name": "可口可乐", "quantity": str(colas), "unit": "pcs",
                   "price_fen": 300}]})
    order_id = created["order"]["order_id"]
    with PlatformClient(platform.url, token) as client:
        for status, lines in (("ready", []), ("collected", [{"line_id": "L1", "quantity": str(colas)}])):
            event = P.PickupEvent.model_validate({
                "event_id": uuid.uuid4().hex, "order_id": order_id, "store_id": STORE, "status": status,
                "lines": lines, "at": dt.datetime.now(dt.UTC).isoformat(), "till_id": till, "user_id": "C01"})
            assert client.push("pickup_event", uuid.uuid4().hex, event).status == "accepted"
    return dict(created["order"])


def sell_and_push(ctx, *codes: str) -> str:
    """A card sale of ``codes`` on the till ``ctx``, pushed to the platform: its receipt number."""
    for code in codes:
        ctx.checkout.scan(code)
    ctx.checkout.add_tender("card", str(ctx.checkout.current().total), "SLIP7")
    sale = ctx.checkout.complete()
    assert ctx.sync.run_once().online
    return sale.receipt_no


def ledger(platform: PlatformProcess, number: str) -> list[tuple[str, str]]:
    """The platform's refund ledger of a sale: (refunded, reserved) quantity per line."""
    lines = platform.admin("GET", f"/admin/refund-ledger/{number}")["lines"]
    return [(ln["refunded_quantity"], ln["reserved_quantity"]) for ln in lines]

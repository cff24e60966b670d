"""Pickup orders for tests: wire orders as the platform sends them, fed through the till's sync store."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.domain.barcode import make_ean13
from pos_app.services.pickup_codes import save_platform_keys
from sync import pickup_codes
from sync import protocol as P

#: The platform's QR signing key in these tests (the till only ever gets the public half).
PLATFORM_KEY = Ed25519PrivateKey.generate()
PLATFORM_KEY_ID = "pktest"
STORE = "S001"  # the demo config's store

COLA = ("100001", "6900000000014", "可口可乐 330ml")  # sku, gtin, name (demo catalog)
PEPSI = ("100002", "6900000000021", "百事可乐 500ml")
WATER = ("100003", "6900000000038", "农夫山泉 饮用天然水 550ml")
APPLES = ("200001", "10001", "红富士苹果")  # sku, PLU, name: sold by weight


def weight_label(plu: str, grams: int) -> str:
    """A weight13 scale label: 23 PPPPP WWWWW C."""
    return make_ean13(f"23{plu}{grams:05d}")


def wire_order(order_no: str, lines: list[tuple[str, str, str, str]], *, payment: str = "paid_online",
               deadline: datetime | None = None, status: str = "new", code: str | None = None,
               name: str = "王小明", phone: str = "13812345678") -> tuple[P.PickupOrder, str]:
    """`lines`: (sku, name, quantity, unit). Returns the order and its plain code."""
    code = code or f"{secrets.randbelow(10**6):06d}"
    order = P.PickupOrder(
        order_id=secrets.token_hex(16), order_no=order_no, customer_name=name, customer_phone=phone,
        status=status, payment=payment,
        pickup_deadline=deadline or datetime.now(UTC) + timedelta(hours=4), notes="",
        lines=[P.PickupOrderLine(line_id=f"L{i}", sku=sku, name=nm, quantity=qty, unit=unit, price_fen=300)
               for i, (sku, nm, qty, unit) in enumerate(lines, 1)],
        pickup_code_argon2=pickup_codes.code_hash(code),
    )
    return order, code


def qr_for(order: P.PickupOrder, key: Ed25519PrivateKey = PLATFORM_KEY, store_id: str = STORE) -> str:
    """The customer's QR as the platform issues it: the order signed with the platform's key."""
    token = pickup_codes.sign_pickup_token(key, PLATFORM_KEY_ID, store_id, order.order_id, order.order_no)
    return f"{P.PICKUP_QR_PREFIX}:{order.order_no}:{token}"


def platform_key() -> P.PlatformKey:
    return P.PlatformKey(key_id=PLATFORM_KEY_ID, purpose="pickup_qr", algorithm="ed25519",
                         public_key=pickup_codes.public_key_text(PLATFORM_KEY))


def feed(ctx, *orders: P.PickupOrder, cursor: str = "c1") -> None:
    """Apply orders exactly as the sync engine does: one page through the till's sync storage.
    The till also gets the platform's public key, as pairing gives it."""
    save_platform_keys(ctx.db, [platform_key()])
    items = [P.FeedItem[P.PickupOrder](key=o.order_id, deleted=False, data=o) for o in orders]
    ctx.sync.storage.apply_page("pickup_orders", items, cursor)

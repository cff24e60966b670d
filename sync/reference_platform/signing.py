"""The reference platform's pickup-code secrets: its Ed25519 signing key and the codes' MACs.

The signing key is made on first use and kept in the platform's database (a real platform keeps it
in a key store); tills only ever get the public half. Typed codes are found with an HMAC-SHA256
under a random pepper of the platform, so the platform can answer "which order has this code"
without keeping plain codes, and refuses to issue a code an open order of the store already has.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from sync import pickup_codes
from sync.protocol import PlatformKey
from sync.reference_platform import db


def signing_key(conn: sqlite3.Connection) -> tuple[str, Ed25519PrivateKey]:
    """The current pickup-QR key (created on first use). Call in a write tx."""
    row = conn.execute("SELECT key_id, private_key FROM signing_keys WHERE purpose = 'pickup_qr' "
                       "ORDER BY created_at DESC LIMIT 1").fetchone()
    if row is not None:
        return row[0], Ed25519PrivateKey.from_private_bytes(row[1])
    key = Ed25519PrivateKey.generate()
    key_id = f"pk{secrets.token_hex(4)}"
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    conn.execute("INSERT INTO signing_keys (key_id, purpose, private_key, created_at) VALUES (?, 'pickup_qr', ?, ?)",
                 (key_id, raw, db.utcnow().isoformat()))
    return key_id, key


def public_keys(conn: sqlite3.Connection) -> list[PlatformKey]:
    rows = conn.execute("SELECT key_id, private_key FROM signing_keys WHERE purpose = 'pickup_qr' "
                        "ORDER BY created_at").fetchall()
    return [PlatformKey(key_id=key_id, purpose="pickup_qr", algorithm="ed25519",
                        public_key=pickup_codes.public_key_text(Ed25519PrivateKey.from_private_bytes(raw)))
            for key_id, raw in rows]


def _pepper(conn: sqlite3.Connection) -> bytes:
    row = conn.execute("SELECT value FROM platform_secrets WHERE name = 'pickup_code_pepper'").fetchone()
    if row is not None:
        return bytes(row[0])
    value = secrets.token_bytes(32)
    conn.execute("INSERT INTO platform_secrets (name, value) VALUES ('pickup_code_pepper', ?)", (value,))
    return value


def code_mac(conn: sqlite3.Connection, store_id: str, code: str) -> str:
    return hmac.new(_pepper(conn), f"{store_id}\n{code}".encode(), hashlib.sha256).hexdigest()


def orders_with_code(conn: sqlite3.Connection, store_id: str, code: str,
                     statuses: tuple[str, ...] = ("new", "picking", "ready", "partially_collected")) -> list[str]:
    """Orders of the store in ``statuses`` (default: open ones) whose code is ``code``."""
    ids = [r[0] for r in conn.execute("SELECT order_id FROM pickup_codes WHERE store_id = ? AND code_mac = ?",
                                      (store_id, code_mac(conn, store_id, code)))]
    out = []
    for order_id in ids:
        data = db.get_entity(conn, "pickup_orders", store_id, order_id)
        if data is not None and data["status"] in statuses:
            out.append(order_id)
    return out


def code_is(conn: sqlite3.Connection, store_id: str, order_id: str, code: str) -> bool:
    """Whether ``code`` is the code of that order, whatever its status."""
    row = conn.execute("SELECT code_mac FROM pickup_codes WHERE store_id = ? AND order_id = ?",
                       (store_id, order_id)).fetchone()
    return row is not None and hmac.compare_digest(row[0], code_mac(conn, store_id, code))


def new_code(conn: sqlite3.Connection, store_id: str) -> str:
    """A random 6-digit code no open order of the store has."""
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if not orders_with_code(conn, store_id, code):
            return code


def remember_code(conn: sqlite3.Connection, store_id: str, order_id: str, code: str) -> None:
    conn.execute("INSERT OR REPLACE INTO pickup_codes (order_id, store_id, code_mac) VALUES (?, ?, ?)",
                 (order_id, store_id, code_mac(conn, store_id, code)))

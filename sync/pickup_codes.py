"""How a pickup order's code is proven at the till without the till holding anything secret.

Two ways in, as the contract (``protocol.PickupOrder``) describes them:

* **The customer's QR**: ``O2OPU:{order_no}:{key_id}.{signature}``. The platform signs
  ``pickup_token_message(store, order id, order no)`` with its Ed25519 key; the till checks the
  signature offline with the platform's *public* key (``GET /keys``, also in the pairing
  answer). A copied till database holds nothing that makes a valid QR.
* **The typed 6-digit code**: checked online by the platform (``POST /stores/{store}/pickup-codes/check``).
  Offline, the till compares it with the order's Argon2id hash at a real cost (at least
  ``ARGON2_MIN_MEMORY_KIB`` and ``ARGON2_MIN_TIME``): a 10^6 search then costs hours of CPU and
  memory instead of the second a salted SHA-256 took, and the till's attempt limit stops a clerk
  trying codes long before.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

#: OWASP's minimum for Argon2id (19 MiB, 2 passes); the contract refuses cheaper hashes.
ARGON2_MIN_MEMORY_KIB = 19_456
ARGON2_MIN_TIME = 2
ARGON2_PATTERN = (r"^\$argon2id\$v=19\$m=([0-9]{5,8}),t=([0-9]{1,2}),p=([0-9]{1,2})"
                  r"\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{22,86}$")
_ARGON2 = re.compile(ARGON2_PATTERN)
_HASHER = PasswordHasher(time_cost=ARGON2_MIN_TIME, memory_cost=ARGON2_MIN_MEMORY_KIB, parallelism=1,
                         type=Type.ID)
#: ``{key_id}.{signature}``: the key id (a Code) and 64 signature bytes, base64url without padding.
KEY_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}"
TOKEN_PATTERN = rf"{KEY_ID_PATTERN}\.[A-Za-z0-9_-]{{86}}"
_TOKEN = re.compile(rf"^({KEY_ID_PATTERN})\.([A-Za-z0-9_-]{{86}})$")


def code_hash(code: str) -> str:
    """The Argon2id hash (PHC string) the platform puts in the feed instead of the code."""
    return _HASHER.hash(code)


def argon2_cost_ok(phc: str) -> bool:
    """True if ``phc`` is an Argon2id hash at least as costly as the contract asks."""
    m = _ARGON2.match(phc)
    return m is not None and int(m.group(1)) >= ARGON2_MIN_MEMORY_KIB and int(m.group(2)) >= ARGON2_MIN_TIME


def code_matches(phc: str, code: str) -> bool:
    """Slow on purpose (one Argon2id run); False for a wrong code or an unusable hash."""
    try:
        return _HASHER.verify(phc, code)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def pickup_token_message(store_id: str, order_id: str, order_no: str) -> bytes:
    """The bytes the platform signs: what a QR vouches for, nothing the QR could change."""
    return f"o2o-pickup-v1\n{store_id}\n{order_id}\n{order_no}".encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The raw 32-byte public key, standard base64 (``PlatformKey.public_key``)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def sign_pickup_token(key: Ed25519PrivateKey, key_id: str, store_id: str, order_id: str, order_no: str) -> str:
    """Platform side: the token part of the customer's QR."""
    return f"{key_id}.{_b64(key.sign(pickup_token_message(store_id, order_id, order_no)))}"


def split_token(token: str) -> tuple[str, bytes] | None:
    """``(key_id, signature)`` of a well-formed token, else None."""
    m = _TOKEN.match(token)
    if m is None:
        return None
    try:
        return m.group(1), base64.urlsafe_b64decode(m.group(2) + "==")
    except (binascii.Error, ValueError):
        return None


def verify_pickup_token(public_keys: Mapping[str, str], token: str, store_id: str, order_id: str,
                        order_no: str) -> bool:
    """Till side, offline: the token was signed by one of the platform's keys for this order."""
    parts = split_token(token)
    if parts is None or parts[0] not in public_keys:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_keys[parts[0]], validate=True))
        key.verify(parts[1], pickup_token_message(store_id, order_id, order_no))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True

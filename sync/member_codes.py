"""The app's dynamic member code, proven at the till with no secret on the till.

``O2OMB:{member_id}:{expires}:{key_id}.{signature}``: the platform signs
``member_code_message(member id, expiry)`` with its Ed25519 key; the till checks it offline with
the platform's public keys (the same ``GET /keys`` / pairing answer as signed pickup QRs). The
message is domain-separated from pickup tokens, so one signature can never pass for the other.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.pickup_codes import split_token

PREFIX = "O2OMB"


def member_code_message(member_id: str, expires_at: int) -> bytes:
    return f"o2o-member-v1\n{member_id}\n{expires_at}".encode()


def sign_member_code(key: Ed25519PrivateKey, key_id: str, member_id: str, expires_at: int) -> str:
    """Platform side (the member's app shows it as a QR, refreshed before ``expires_at``)."""
    sig = base64.urlsafe_b64encode(key.sign(member_code_message(member_id, expires_at))).decode().rstrip("=")
    return f"{PREFIX}:{member_id}:{expires_at}:{key_id}.{sig}"


def verify_member_token(public_keys: Mapping[str, str], token: str, member_id: str, expires_at: int) -> bool:
    """Till side, offline: ``token`` was signed by one of the platform's keys for this member and expiry."""
    parts = split_token(token)
    if parts is None or parts[0] not in public_keys:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_keys[parts[0]], validate=True))
        key.verify(parts[1], member_code_message(member_id, expires_at))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True

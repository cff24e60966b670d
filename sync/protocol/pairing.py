"""Pairing a till, the platform's signing keys, pickup-code checks and the error body."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from pydantic import (
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
)

from sync import pickup_codes
from sync.protocol.types import ClientId, Code, LongText, PickupCode, Text, WireModel

# ---------------------------------------------------------------------------------------------
# Pairing and errors
# ---------------------------------------------------------------------------------------------


class PairingRequest(WireModel):
    """Exchange a one-time pairing code for a device token.

    ``store_id``/``till_id`` are optional checks: if given they must match the code's.
    """

    code: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9A-Z]{6,16}$")]
    store_id: Code | None = None
    till_id: Code | None = None
    device_name: Text = ""
    #: Random per pairing attempt (UUID4 hex): a retry with the same code and key shortly after
    #: (the answer was lost) gets a new token, and the platform revokes the one never received.
    device_key: ClientId | None = None


class PlatformKey(WireModel):
    """A public key of the platform. ``pickup_qr`` keys sign the customers' pickup QR codes."""

    key_id: Annotated[str, StringConstraints(strict=True, pattern=rf"^{pickup_codes.KEY_ID_PATTERN}$")]
    purpose: Literal["pickup_qr"]
    algorithm: Literal["ed25519"]
    public_key: Annotated[str, StringConstraints(strict=True, min_length=44, max_length=44)]

    @field_validator("public_key")
    @classmethod
    def _raw_32_bytes(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("public_key is not base64") from None
        if len(raw) != 32:
            raise ValueError("public_key is not 32 bytes (raw Ed25519)")
        return value


class PlatformKeys(WireModel):
    """``GET /keys``: the keys a till needs to check what the platform signed, offline."""

    keys: list[PlatformKey] = Field(max_length=20)


class PairingResponse(WireModel):
    token: Annotated[str, StringConstraints(strict=True, min_length=20, max_length=200)]
    store_id: Code
    till_id: Code
    #: The platform's public keys, so a freshly paired till can check pickup QR codes at once.
    platform_keys: list[PlatformKey] = Field(default_factory=list, max_length=20)


class PickupCodeCheck(WireModel):
    """A typed pickup code, checked by the platform: for one order, or among the store's orders."""

    code: PickupCode
    order_id: Code | None = None


class PickupCodeAnswer(WireModel):
    """``matches`` and the order it belongs to; never the code itself."""

    matches: StrictBool
    order_id: Code | None = None


class ErrorBody(WireModel):
    """Body of every 4xx/5xx answer. ``error`` is a stable code, ``message`` is for people."""

    error: Code
    message: LongText
    details: list[LongText] = Field(default_factory=list)

"""Pair a till with the platform: spend a one-time code, keep the token in the keyring."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from pydantic import ValidationError

from sync.client import PlatformClient
from sync.credentials import Credentials, DemoTokenFile
from sync.errors import RetryableError
from sync.protocol import PairingRequest, PlatformKey

#: Tries of one pairing when no answer arrives (the platform honours the same code and device key).
PAIRING_ATTEMPTS = 3


@dataclass(frozen=True)
class PairingResult:
    platform_url: str
    store_id: str
    till_id: str
    #: The platform's public keys (pickup QR signatures); the app keeps them in its database.
    platform_keys: tuple[PlatformKey, ...] = ()


def pair(
    platform_url: str,
    code: str,
    credentials: Credentials | DemoTokenFile,
    store_id: str | None = None,
    till_id: str | None = None,
    *,
    device_name: str = "",
    ca_bundle: str | None = None,
) -> PairingResult:
    """Exchange ``code`` for a device token and store it; returns the store and till it is for.

    The keyring is checked first so a missing keyring does not waste the one-time code.
    Raises ValueError for a malformed code (nothing sent), ``Rejected`` for a wrong/used/expired
    one, ``RetryableError`` when unreachable.
    """
    credentials.check()
    normalized = code.strip().upper().replace("-", "").replace(" ", "")
    try:
        request = PairingRequest(code=normalized, store_id=store_id, till_id=till_id, device_name=device_name,
                                 device_key=uuid.uuid4().hex)
    except ValidationError as exc:
        raise ValueError(f"pairing code {code!r} is not well formed: expected 6-16 letters and digits") from exc
    with PlatformClient(platform_url, ca_bundle=ca_bundle) as client:
        for attempt in range(PAIRING_ATTEMPTS):
            try:
                response = client.pair(request)
                break
            except RetryableError:  # the answer may have been lost: the same key may ask again
                if attempt == PAIRING_ATTEMPTS - 1:
                    raise
                time.sleep(1.0)
    credentials.store_token(response.token)
    return PairingResult(platform_url=client.base_url, store_id=response.store_id, till_id=response.till_id,
                         platform_keys=tuple(response.platform_keys))

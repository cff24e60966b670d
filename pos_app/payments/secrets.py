"""Merchant keys of the direct wallet clients: read from a file, or from the OS keyring.

A `[payments]` key setting of the form ``keyring:NAME`` reads the entry NAME of the service
``o2o-till-payments`` from the OS keyring (store it with the keyring package's own command:
``keyring set o2o-till-payments NAME``); any other value is a file path. The mutual-TLS client
certificate stays a file (the HTTP library takes paths). Secrets are never logged; on a machine
without a keyring the message says what to do instead of falling back to anything.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.errors

from pos_app.payments.base import ProviderUnavailable
from sync.credentials import HOW_TO_FIX, usable_keyring

KEYRING_PREFIX = "keyring:"
SERVICE = "o2o-till-payments"


def read_secret(ref: str, what: str) -> bytes:
    """The bytes of the secret `ref` names; `what` says which key it is in messages."""
    if not ref.startswith(KEYRING_PREFIX):
        try:
            return Path(ref).read_bytes()
        except OSError as exc:
            raise ProviderUnavailable(f"the {what} file {ref} cannot be read ({exc.strerror})") from None
    name = ref.removeprefix(KEYRING_PREFIX)
    if not name:
        raise ProviderUnavailable(f"the {what} setting 'keyring:' needs the entry's name, e.g. keyring:merchant-key")
    backend = keyring.get_keyring()
    if not usable_keyring(backend):
        raise ProviderUnavailable(f"the {what} is to come from the OS keyring, but there is none: "
                                  f"{HOW_TO_FIX}; or name a key file in [payments]")
    try:
        value = backend.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise ProviderUnavailable(f"the OS keyring did not give the {what} ({exc})") from None
    if not value:
        raise ProviderUnavailable(f"the OS keyring has no entry {name!r} of {SERVICE} for the {what}: "
                                  f"store it with `keyring set {SERVICE} {name}`")
    return value.encode("utf-8")

"""The device token lives in the OS keyring, never in files, the database or logs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from sync.client import _is_loopback, check_platform_url
from sync.errors import NoKeyringError, NotPairedError

SERVICE = "o2o-till-platform"
HOW_TO_FIX = (
    "no usable OS keyring to keep the platform token: on Linux install and unlock gnome-keyring "
    "(or KWallet) with a D-Bus session; on Windows the Credential Manager is used; on macOS the "
    "Keychain; or set PYTHON_KEYRING_BACKEND to a keyring backend class"
)


def usable_keyring(backend: KeyringBackend) -> bool:
    """False for keyring's fail and null backends (a headless box), which would lose or refuse secrets."""
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return type(backend).__module__ != "keyring.backends.null"


class Credentials:
    """Device token of one platform URL in the keyring (the URL is the keyring user name)."""

    def __init__(self, platform_url: str, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self.platform_url = check_platform_url(platform_url)
        self._backend = backend
        self._service = service

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not usable_keyring(backend):
            raise NoKeyringError(HOW_TO_FIX)
        return backend

    def check(self) -> None:
        """Raise NoKeyringError now, before a one-time pairing code is spent."""
        self._keyring()

    def get_token(self) -> str | None:
        try:
            return self._keyring().get_password(self._service, self.platform_url)
        except keyring.errors.KeyringError as exc:
            raise NoKeyringError(f"{HOW_TO_FIX} (keyring said: {exc})") from exc

    def require_token(self) -> str:
        token = self.get_token()
        if not token:
            raise NotPairedError(f"this till is not paired with {self.platform_url}: run `pos-app pair`")
        return token

    def store_token(self, token: str) -> None:
        try:
            self._keyring().set_password(self._service, self.platform_url, token)
        except keyring.errors.KeyringError as exc:
            raise NoKeyringError(f"{HOW_TO_FIX} (keyring said: {exc})") from exc

    def delete_token(self) -> None:
        try:
            self._keyring().delete_password(self._service, self.platform_url)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise NoKeyringError(f"{HOW_TO_FIX} (keyring said: {exc})") from exc


DEMO_LABEL = (
    "DEMO ONLY: device token of the local demo platform started by `make run` (127.0.0.1). "
    "A real platform's token is only ever kept in the OS keyring."
)


class DemoTokenFile:
    """The demo platform's device token in a labelled file, for machines without a keyring.

    Same interface as :class:`Credentials`. Only a loopback platform URL is accepted, so a real
    platform's token can never end up in a plain file.
    """

    def __init__(self, platform_url: str, path: Path) -> None:
        url = check_platform_url(platform_url)
        if not _is_loopback(urlsplit(url).hostname or ""):
            raise ValueError(f"only the local demo platform's token may be kept in a file, not {url}'s")
        self.platform_url = url
        self.path = path

    def check(self) -> None:
        """A file always works; nothing to check."""

    def get_token(self) -> str | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("label") != DEMO_LABEL or data.get("platform_url") != self.platform_url:
            return None
        return data.get("token") or None

    def require_token(self) -> str:
        token = self.get_token()
        if not token:
            raise NotPairedError(f"this till is not paired with the demo platform {self.platform_url}")
        return token

    def store_token(self, token: str) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"label": DEMO_LABEL, "platform_url": self.platform_url, "token": token}, out, indent=2)
        tmp.replace(self.path)

    def delete_token(self) -> None:
        self.path.unlink(missing_ok=True)

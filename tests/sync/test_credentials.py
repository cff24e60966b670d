"""The device token lives in the keyring; without a usable keyring the error says what to do."""

from __future__ import annotations

import pytest
from keyring.backends import chainer, fail

from sync.credentials import SERVICE, Credentials
from sync.errors import NoKeyringError, NotPairedError
from tests_support import MemoryKeyring


def test_token_round_trip_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    creds = Credentials("https://platform.example.com/")
    assert creds.get_token() is None
    with pytest.raises(NotPairedError, match="not paired with https://platform.example.com"):
        creds.require_token()
    creds.store_token("secret-token")
    assert memory_keyring.secrets == {(SERVICE, "https://platform.example.com"): "secret-token"}
    assert creds.require_token() == "secret-token"
    creds.delete_token()
    creds.delete_token()  # deleting twice is fine
    assert creds.get_token() is None


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()], ids=["fail", "empty-chainer"])
def test_no_usable_keyring_says_what_to_install(backend: object, monkeypatch: pytest.MonkeyPatch) -> None:
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    creds = Credentials("https://platform.example.com", backend=backend)  # type: ignore[arg-type]
    for action in (creds.check, creds.get_token, lambda: creds.store_token("t")):
        with pytest.raises(NoKeyringError, match="gnome-keyring.*Credential Manager.*PYTHON_KEYRING_BACKEND"):
            action()


def test_plain_http_only_on_loopback() -> None:
    with pytest.raises(ValueError, match="must use https"):
        Credentials("http://platform.example.com")
    with pytest.raises(ValueError, match="must look like"):
        Credentials("ftp://platform.example.com")
    assert Credentials("http://127.0.0.1:8765").platform_url == "http://127.0.0.1:8765"

"""Pairing over real HTTP: the token lands in the keyring; bad codes and missing keyrings are clear."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests
from keyring.backends import fail
from sync_platform_proc import REPO, STORE, TILL, PlatformProcess

from sync.credentials import SERVICE, Credentials
from sync.errors import NoKeyringError, Rejected
from sync.pairing import pair
from tests_support import MemoryKeyring


def test_pair_stores_the_token_in_the_keyring(platform: PlatformProcess, memory_keyring: MemoryKeyring) -> None:
    code = platform.pairing_code()
    result = pair(platform.url, f" {code[:4].lower()}-{code[4:]} ", Credentials(platform.url), STORE, TILL)
    assert (result.store_id, result.till_id, result.platform_url) == (STORE, TILL, platform.url)
    token = memory_keyring.secrets[(SERVICE, platform.url)]
    resp = requests.get(platform.url + "/feeds/members", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert resp.status_code == 200


def test_wrong_code_is_rejected_and_nothing_stored(platform: PlatformProcess, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(Rejected, match="pairing code is unknown, already used or expired") as caught:
        pair(platform.url, "ABCDEFGH", Credentials(platform.url))
    assert caught.value.error_code == "pairing_code_invalid"
    with pytest.raises(Rejected, match="another store or till"):
        pair(platform.url, platform.pairing_code(), Credentials(platform.url), store_id="S999")
    assert memory_keyring.secrets == {}


def test_malformed_code_is_refused_before_sending(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="not well formed"):
        pair("http://127.0.0.1:9", "12!", Credentials("http://127.0.0.1:9"))


def test_missing_keyring_does_not_spend_the_code(platform: PlatformProcess, memory_keyring: MemoryKeyring) -> None:
    code = platform.pairing_code()
    with pytest.raises(NoKeyringError):
        pair(platform.url, code, Credentials(platform.url, backend=fail.Keyring()))
    assert pair(platform.url, code, Credentials(platform.url)).till_id == TILL


def test_sync_imports_neither_the_app_nor_qt_nor_the_server() -> None:
    probe = ("import sys, sync.engine, sync.pairing, sync.credentials, sync.storage; "
             "print(sorted(m for m in ('fastapi', 'uvicorn', 'PySide6', 'pos_app') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60,
                         check=True)
    assert out.stdout.strip() == "[]"

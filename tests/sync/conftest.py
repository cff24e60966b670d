"""Fixtures of the sync tests: in-memory keyring, the platform process, a paired till."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sync_platform_proc import STORE, TILL, PlatformProcess
from sync_sqlite_storage import SqliteSyncStorage

from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import MemoryKeyring


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[SqliteSyncStorage]:
    store = SqliteSyncStorage(str(tmp_path / "till.sqlite3"))
    yield store
    store.close()


@pytest.fixture
def paired(platform: PlatformProcess, memory_keyring: MemoryKeyring) -> Iterator[PlatformClient]:
    """A client holding a fresh device token of (S001, T01)."""
    creds = Credentials(platform.url)
    pair(platform.url, platform.pairing_code(), creds, STORE, TILL)
    client = PlatformClient(platform.url, creds.require_token(), read_timeout_s=10)
    yield client
    client.close()


@pytest.fixture
def token(platform: PlatformProcess) -> str:
    """A device token of (S001, T01), obtained over raw HTTP."""
    resp = requests.post(platform.url + "/pairing", json={"code": platform.pairing_code()}, timeout=10)
    assert resp.status_code == 200, resp.text
    return resp.json()["token"]

"""TLS is verified: a self-signed platform is refused unless its CA bundle is configured."""

from __future__ import annotations

import json
import ssl
import subprocess
from pathlib import Path

import pytest
from sync_stub_server import Answer, stub_platform

from sync.client import PlatformClient
from sync.errors import RetryableError


@pytest.fixture
def cert(tmp_path: Path) -> tuple[Path, Path]:
    key, crt = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(crt),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    return key, crt


def test_custom_ca_bundle(cert: tuple[Path, Path]) -> None:
    key, crt = cert
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(crt, key)
    with stub_platform(context) as stub:
        stub.on("/feeds/members", Answer(body=json.dumps({"items": [], "next_cursor": "YzE",
                                                          "has_more": False}).encode()))
        https = stub.url.replace("http://", "https://")
        with PlatformClient(https, "tok") as untrusting, pytest.raises(RetryableError, match="TLS error"):
            untrusting.feed("members", None)
        with PlatformClient(https, "tok", ca_bundle=str(crt)) as trusting:
            assert trusting.feed("members", None).next_cursor == "YzE"

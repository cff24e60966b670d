"""Each reason a pairing fails has its own error (the wizard and the re-pair dialog show its text),
and a failed pairing records nothing."""

from __future__ import annotations

import ssl
import subprocess
from pathlib import Path

import pytest
from sync_stub_server import Answer, stub_platform

from pos_app.domain.errors import PairingBadCode, PairingBadUrl, PairingNotPlatform, PairingTls


@pytest.fixture
def tls_context(tmp_path: Path) -> ssl.SSLContext:
    key, crt = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(crt),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(crt, key)
    return context


def test_an_untrusted_certificate_is_a_tls_error(app, memory_keyring, tls_context):
    with stub_platform(tls_context) as stub:
        https = stub.url.replace("http://", "https://")
        with pytest.raises(PairingTls) as refused:
            app.provisioning.connect(https, "ABCD2345")
    assert refused.value.params["host"] == https.removeprefix("https://")
    assert app.provisioning.pairing() is None


def test_a_web_server_that_is_not_a_platform_says_so(app, memory_keyring):
    with stub_platform() as stub:
        stub.on("/pairing", Answer(200, b"<html>hello</html>", {"Content-Type": "text/html"}))
        with pytest.raises(PairingNotPlatform):
            app.provisioning.connect(stub.url, "ABCD2345")
        stub.on("/pairing", Answer(404, b'{"error":"not_found","message":"no such page"}'))
        with pytest.raises(PairingNotPlatform):
            app.provisioning.connect(stub.url, "ABCD2345")
    assert app.provisioning.pairing() is None


@pytest.mark.parametrize("url", ["platform.example.com", "ftp://platform.example.com", "http://10.0.0.5:8765",
                                 "https://platform.example.com/?x=1"])
def test_a_malformed_address_is_refused_before_anything_is_sent(app, memory_keyring, url):
    with pytest.raises(PairingBadUrl) as refused:
        app.provisioning.connect(url, "ABCD2345")
    assert refused.value.params["url"] == url


def test_a_malformed_code_is_refused_before_anything_is_sent(app, memory_keyring):
    with stub_platform() as stub:
        with pytest.raises(PairingBadCode):
            app.provisioning.connect(stub.url, "ab")
        assert stub.requests == []

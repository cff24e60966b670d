"""`make run` without an OS keyring: the demo platform's token (and only the demo's) in a labelled file."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.demo_platform import DemoPlatform
from pos_app.domain.errors import PairingNoKeyring
from pos_app.services.provisioning import DEMO_TOKEN_FILE
from sync.credentials import DEMO_LABEL, DemoTokenFile


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_the_demo_platform_pairs_without_a_keyring_and_sync_runs(demo_dir, no_keyring):
    (demo_dir / "logs").mkdir(exist_ok=True)
    demo = DemoPlatform(demo_dir, port=0)
    demo.start()
    try:
        config = demo.pair(Config(language="en"), demo_dir / "config.toml")
        stored = json.loads((demo_dir / DEMO_TOKEN_FILE).read_text(encoding="utf-8"))
        assert stored["label"] == DEMO_LABEL and stored["platform_url"] == demo.url and stored["token"]
        ctx = build_app(config, demo_dir)
        try:
            assert ctx.provisioning.pairing().demo
            report = ctx.sync.run_once()
            assert report is not None and report.ok and ctx.sync.state().code == "online"
            assert report.pulled["catalog"] >= 49
        finally:
            ctx.close()
        assert demo.pair(config, demo_dir / "config.toml") == config  # the file's token is used again
    finally:
        demo.stop()


def test_a_real_pairing_without_a_keyring_is_refused_and_writes_no_file(tmp_path, no_keyring):
    platform = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    try:
        ctx = build_app(Config(language="en"), tmp_path / "till", tmp_path / "config.toml")
        try:
            code = platform.pairing_code()
            with pytest.raises(PairingNoKeyring):
                ctx.provisioning.connect(platform.url, code)
            assert ctx.provisioning.pairing() is None
        finally:
            ctx.close()
        assert not list((tmp_path / "till").glob("*token*"))
        platform.admin("POST", "/pairing", {"code": code}, expect=200)  # the code was not spent
    finally:
        platform.stop()


def test_only_a_loopback_platform_token_may_go_to_a_file(tmp_path):
    with pytest.raises(ValueError, match="only the local demo platform"):
        DemoTokenFile("https://platform.example.com", tmp_path / "t.json")
    token_file = DemoTokenFile("http://127.0.0.1:8765", tmp_path / "t.json")
    token_file.store_token("x" * 30)
    assert token_file.get_token() == "x" * 30
    assert DemoTokenFile("http://127.0.0.1:9999", tmp_path / "t.json").get_token() is None  # another platform

"""Tills with members against the reference platform process: pairing, member terms, stored value."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.commands.sync_cmds import demo_catalog_payload
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.services.demo_catalog import gtin13
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

MILK12 = gtin13("690000000012")  # 65.00 (61.75 for members)
COLA = gtin13("690000000001")  # 3.00


def start_platform(tmp_path: Path) -> PlatformProcess:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(demo_catalog_payload(), ensure_ascii=False), encoding="utf-8")
    return PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log",
                           ["--demo", "--demo-catalog", str(catalog)]).start()


#: Wallet timings at 2 % of the published ones, a short read timeout: top-ups by payment code in tests.
FAST_PAYMENTS = PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5)


def make_till(platform: PlatformProcess, demo_dir: Path, tmp_path: Path, till_id: str, url: str | None = None,
              payments: PaymentsConfig | None = None):
    """A paired, synced, signed-in till with an open shift; its own data dir and URL (keyring key)."""
    url = url or platform.url
    data_dir = tmp_path / f"till-{till_id}"
    if not data_dir.exists():
        data_dir.mkdir()
        shutil.copy(demo_dir / "till.db", data_dir / "till.db")
        pair(url, platform.pairing_code(till=till_id), Credentials(url), "S001", till_id)
    config = Config(language="en", till_id=till_id,
                    platform=PlatformConfig(url=url, read_timeout_s=5, connect_timeout_s=2),
                    payments=payments or PaymentsConfig())
    ctx = build_app(config, data_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    report = ctx.sync.run_once()
    assert report is not None and report.online, report
    assert ctx.members.refresh_terms()
    if ctx.shifts.current() is None:
        open_shift(ctx)
    return ctx


def account(platform: PlatformProcess, member_id: str) -> dict:
    return platform.admin("GET", f"/admin/members/{member_id}/account")

"""A till killed (SIGKILL) while its QR is on the screen resolves the QR order on restart, like a
payment-code intent: paid meanwhile -> the sale is completed with it; not paid -> the order is
closed, so the customer can no longer pay a QR that no screen shows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sync_platform_proc import STORE, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.payment_intent import IntentState, PaymentMethod
from sync.credentials import Credentials

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "qr_crash_child.py"


def kill_while_showing_qr(data_dir: Path, url: str, token: str) -> str:
    """Start the child, wait for its QR, SIGKILL it; the QR order's out_trade_no."""
    proc = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "TILL_TOKEN": token})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the QR is shown (or the child dies)
        assert line.startswith("QR "), proc.stderr.read() if proc.poll() is not None else line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    return line.split()[1]


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.mark.parametrize("paid_while_dead", [True, False])
def test_a_qr_order_left_by_a_killed_till_is_resolved_on_restart(platform, demo_dir, memory_keyring,
                                                                  paid_while_dead):
    token = requests.post(platform.url + "/pairing", json={"code": platform.pairing_code()}, timeout=10).json()["token"]
    out_trade_no = kill_while_showing_qr(demo_dir, platform.url, token)
    scan = f"/admin/stores/{STORE}/wallet-qr-orders/{out_trade_no}/scan"
    if paid_while_dead:
        platform.admin("POST", scan)  # the customer paid the QR they had scanned
    Credentials(platform.url).store_token(token)
    ctx = build_app(Config(language="en", platform=PlatformConfig(url=platform.url),
                           payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5)), demo_dir)
    try:
        ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
        before = next(i for i in ctx.payments.recent() if i.out_trade_no == out_trade_no)
        assert before.method is PaymentMethod.QR and before.state is IntentState.PAYING
        ctx.payments.resume()
        after = ctx.payments.get(before.intent_id)
        assert ctx.payments.unresolved() == []
        charge = {c["out_trade_no"]: c for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]}
        if paid_while_dead:
            assert after.state is IntentState.PAID and after.sale_id  # the sale completed with it
            assert charge[out_trade_no]["charged_fen"] == after.amount_fen
            assert ctx.checkout.current().lines == ()
        else:
            assert after.state is IntentState.REVERSED and charge[out_trade_no]["charged_fen"] == 0
            assert ctx.checkout.current().tenders == ()
            assert platform.admin("POST", scan, expect=409)["error"] == "qr_order_closed"
    finally:
        ctx.close()

"""Wallet payments survive SIGKILL at any instant: no charge without a sale, no sale without a charge.

A child till pays by payment code in a loop against the reference platform (a real process) and
is killed at random moments; each restart resumes what was left. At the end every intent is final
and the platform's charges equal the till's completed wallet tenders exactly.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from sync_platform_proc import STORE, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from sync.credentials import Credentials
from tests_support import MemoryKeyring

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "payment_crash_child.py"
MIN_PAYMENTS = 50
MIN_KILLS = 6


def run_until_killed(data_dir: Path, url: str, token: str, seed: int, delay: float) -> list[list[str]]:
    proc = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), url, str(seed)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "TILL_TOKEN": token})
    lines: list[list[str]] = []
    ready = threading.Event()

    def reader():
        for line in proc.stdout:
            if line.endswith("\n"):
                lines.append(line.split())
                if line.startswith("READY"):
                    ready.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    assert ready.wait(30), proc.stderr.read() if proc.poll() is not None else "child not ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    t.join(10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    return lines


def test_wallet_payments_survive_sigkill_at_random_moments(tmp_path, demo_dir, memory_keyring: MemoryKeyring):
    platform = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    try:
        token = requests.post(platform.url + "/pairing", json={"code": platform.pairing_code()},
                              timeout=10).json()["token"]
        rnd = random.Random(20261201)
        payments, kills = 0, 0
        while payments < MIN_PAYMENTS or kills < MIN_KILLS:
            lines = run_until_killed(demo_dir, platform.url, token, seed=kills, delay=rnd.uniform(0.5, 4.0))
            payments += sum(1 for parts in lines if parts[0] == "PAY")
            kills += 1
            assert kills < 60, "the child should pay between kills"
        print(f"{kills} kills, {payments} payments reported")

        Credentials(platform.url).store_token(token)
        config = Config(language="en", platform=PlatformConfig(url=platform.url),
                        payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
        ctx = build_app(config, demo_dir)
        try:
            ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
            ctx.payments.resume()
            assert ctx.payments.unresolved() == []
            open_wallet = [t for t in ctx.checkout.current().tenders if t.kind in ("wechat_pay", "alipay",
                                                                                   "unionpay_qr")]
        finally:
            ctx.close()
        assert open_wallet == []  # a paid ticket was completed on restart
        con = sqlite3.connect(demo_dir / "till.db")
        try:
            states = dict(con.execute("SELECT state, count(*) FROM payment_intents GROUP BY state").fetchall())
            sold = dict(con.execute(
                "SELECT p.out_trade_no, t.amount_fen FROM sale_tenders t JOIN sales s ON s.id = t.sale_id "
                "JOIN payment_intents p ON p.sale_id = s.id AND p.wallet = t.kind "
                "WHERE t.kind IN ('wechat_pay','alipay','unionpay_qr')").fetchall())
            wallet_tendered = con.execute("SELECT COALESCE(SUM(amount_fen), 0) FROM sale_tenders "
                                          "WHERE kind IN ('wechat_pay','alipay','unionpay_qr')").fetchone()[0]
        finally:
            con.close()
        assert set(states) <= {"paid", "failed", "reversed"}, states
        assert sum(states.values()) >= MIN_PAYMENTS
        charged = {c["out_trade_no"]: c["charged_fen"]
                   for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]
                   if c["charged_fen"]}
        assert charged == sold  # payment by payment: exactly the sale amount, or nothing
        assert sum(charged.values()) == wallet_tendered
    finally:
        platform.stop()

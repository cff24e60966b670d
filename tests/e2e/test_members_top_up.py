"""Stored value topped up by the customer's payment code, against the reference platform process
and its wallet simulator: credited once and only when the charge is known to have gone through,
in the shift (not the drawer, not revenue), and whole across a till killed between the charge and
the credit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from member_platform_support import FAST_PAYMENTS, account, make_till, start_platform
from payments_support import wallet_code
from sync_platform_proc import STORE

from pos_app.domain import errors as E
from pos_app.domain.payment_codes import Wallet

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "member_top_up_child.py"


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, tmp_path, memory_keyring):
    ctx = make_till(platform, demo_dir, tmp_path, "T01", payments=FAST_PAYMENTS)
    ctx.members.identify("8800000001")
    yield ctx
    ctx.close()


def charged(platform) -> int:
    return sum(c["charged_fen"] for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"])


def figures(ctx):
    """The shift's X figures, as the manager sees them."""
    return ctx.reports.x_report(ctx.auth.login_badge("STAFF-0008")).figures


def rows(ctx, sql: str) -> list[tuple]:
    with ctx.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_a_paid_top_up_is_credited_once_in_the_shift_and_not_revenue(platform, till):
    before = figures(till)
    done = till.member_tenders.top_up_by_code(wallet_code(Wallet.WECHAT), "100.00")
    assert done.amount == Decimal("100.00") and done.member.stored_value == Decimal("100.00")
    assert rows(till, "SELECT kind, stored_value_fen, member_id FROM member_entries") == [("top_up", 10_000, "M0001")]
    after = figures(till)
    assert (after.wallet_in_count, after.wallet_in_fen) == (1, 10_000)
    assert after.cash_expected_fen == before.cash_expected_fen  # the wallet has the money, not the drawer
    assert (after.sale_count, after.sales_total_fen) == (before.sale_count, before.sales_total_fen)
    till.sync.run_once()
    assert account(platform, "M0001")["stored_value_fen"] == 10_000
    assert charged(platform) == 10_000
    assert till.payments.unresolved() == []


@pytest.mark.parametrize("scenario", ["insufficient_funds", "expired_code"])
def test_a_top_up_the_wallet_refuses_credits_nothing(platform, till, scenario):
    with pytest.raises(E.TopUpNotPaid):
        till.member_tenders.top_up_by_code(wallet_code(Wallet.ALIPAY, scenario), "50.00")
    assert rows(till, "SELECT count(*) FROM member_entries") == [(0,)]
    assert rows(till, "SELECT status FROM member_top_ups") == [("failed",)]
    assert figures(till).wallet_in_count == 0
    assert charged(platform) == 0


def test_a_top_up_paid_after_queries_is_credited_once(platform, till):
    done = till.member_tenders.top_up_by_code(wallet_code(Wallet.UNIONPAY, "systemerror_then_success"), "20.00")
    assert done.member.stored_value == Decimal("20.00")
    assert till.payments.resume() == []  # nothing left to do: never credited twice
    assert rows(till, "SELECT count(*), sum(stored_value_fen) FROM member_entries") == [(1, 2_000)]
    assert charged(platform) == 2_000


@pytest.mark.parametrize(("code", "amount", "error"), [
    ("1234", "10.00", E.PaymentCodeUnknownWallet),  # not a wallet's payment code
    (wallet_code(Wallet.WECHAT), "0.50", E.TopUpInvalid),  # below the minimum
    (wallet_code(Wallet.WECHAT), "abc", E.InvalidAmount),
])
def test_bad_top_up_input_is_refused_before_anything_is_written(platform, till, code, amount, error):
    with pytest.raises(error):
        till.member_tenders.top_up_by_code(code, amount)
    assert rows(till, "SELECT count(*) FROM member_top_ups") == [(0,)]
    assert rows(till, "SELECT count(*) FROM payment_intents") == [(0,)]
    assert charged(platform) == 0


def test_a_top_up_needs_a_confirmed_member(platform, till):
    till.members.detach()
    with pytest.raises(E.NoMemberOnTicket):
        till.member_tenders.top_up_by_code(wallet_code(Wallet.WECHAT), "10.00")
    assert charged(platform) == 0


def test_a_till_killed_between_the_charge_and_the_credit_credits_exactly_once(platform, demo_dir, tmp_path,
                                                                             memory_keyring):
    t = make_till(platform, demo_dir, tmp_path, "T01", payments=FAST_PAYMENTS)
    token = memory_keyring.secrets[next(iter(memory_keyring.secrets))]
    data_dir = t.data_dir
    t.close()
    proc = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), platform.url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "TILL_TOKEN": token})
    submitted = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.startswith("SUBMITTED"):
                submitted.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert submitted.wait(60), proc.stderr.read() if proc.poll() is not None else "child never submitted"
        for _ in range(200):  # the wallet took the money; the till has not heard it yet
            if charged(platform) == 8_800:
                break
            time.sleep(0.05)
        assert charged(platform) == 8_800
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    t = make_till(platform, demo_dir, tmp_path, "T01", payments=FAST_PAYMENTS)
    try:
        assert rows(t, "SELECT count(*) FROM member_entries") == [(0,)]  # not credited before the answer
        t.payments.resume()
        t.payments.resume()
        assert t.payments.unresolved() == []
        assert rows(t, "SELECT kind, stored_value_fen FROM member_entries") == [("top_up", 8_800)]
        assert rows(t, "SELECT status FROM member_top_ups") == [("credited",)]
        assert figures(t).wallet_in_fen == 8_800
        t.sync.run_once()
        assert account(platform, "M0001")["stored_value_fen"] == 8_800
        assert charged(platform) == 8_800
    finally:
        t.close()

"""Members against the reference platform as a real process over HTTP: online holds that one
till wins, offline limits, holds released after a lost answer or a till killed mid-request."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from member_platform_support import COLA, MILK12, account, make_till, start_platform
from sync_platform_proc import DroppingProxy

from pos_app.domain import errors as E

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "member_hold_child.py"


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, tmp_path, memory_keyring):
    ctx = make_till(platform, demo_dir, tmp_path, "T01")
    yield ctx
    ctx.close()


def test_two_tills_redeeming_the_same_points_online_one_wins(platform, demo_dir, tmp_path, memory_keyring):
    proxy = DroppingProxy(platform.port)  # the second till's own URL (its own token in the keyring)
    t1 = make_till(platform, demo_dir, tmp_path, "T01")
    t2 = make_till(platform, demo_dir, tmp_path, "T02", url=proxy.url)
    try:
        for t in (t1, t2):
            t.members.identify("8800000001")  # M0001: 1200 points on the platform
            t.checkout.scan(MILK12)
        start = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def redeem(name, t):
            start.wait()
            try:
                outcomes[name] = t.member_tenders.pay_with_points(1000).tenders[0].reference
            except E.PosError as exc:
                outcomes[name] = exc

        threads = [threading.Thread(target=redeem, args=(n, t)) for n, t in (("T01", t1), ("T02", t2))]
        for th in threads:
            th.start()
        for th in threads:
            th.join(30)
        refused = [o for o in outcomes.values() if isinstance(o, E.MemberHoldRefused)]
        held = [o for o in outcomes.values() if isinstance(o, str) and o != "offline"]
        assert len(refused) == 1 and len(held) == 1, outcomes
        assert "1000" in refused[0].message
        assert account(platform, "M0001")["held_points"] == 1000
    finally:
        t1.close()
        t2.close()
        proxy.close()


def test_offline_redemption_beyond_the_allowance_is_refused(platform, till):
    till.members.identify("8800000001")
    till.checkout.scan(MILK12)
    platform.stop()
    till.sync.run_once()
    assert till.sync.state().code == "offline"
    with pytest.raises(E.PointsNeedNetwork):
        till.member_tenders.pay_with_points(501)  # allowance: 500 (the platform's default terms)
    snap = till.member_tenders.pay_with_points(500)
    assert snap.tenders[0].reference == "offline"


def test_a_hold_whose_answer_was_lost_is_released_and_the_balance_is_whole(platform, demo_dir, tmp_path,
                                                                            memory_keyring):
    proxy = DroppingProxy(platform.port)
    t = make_till(platform, demo_dir, tmp_path, "T01", url=proxy.url)
    try:
        platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 10_000})
        t.members.identify("8800000001")
        t.checkout.scan(COLA)
        proxy.drop = 1  # the platform holds, the till never hears it: it pays offline within the cap
        snap = t.member_tenders.pay_with_stored_value("3.00")
        assert snap.tenders[0].reference == "offline"
        assert account(platform, "M0001")["held_stored_value_fen"] == 300
        assert t.member_tenders.sweep() == 1
        assert account(platform, "M0001")["held_stored_value_fen"] == 0
        assert account(platform, "M0001")["stored_value_fen"] == 10_000
    finally:
        t.close()
        proxy.close()


@pytest.mark.parametrize("moment", ["before_answer", "after_hold"])
def test_a_till_killed_around_a_hold_leaves_the_balance_exactly_right(platform, demo_dir, tmp_path,
                                                                      memory_keyring, moment):
    t = make_till(platform, demo_dir, tmp_path, "T01")
    token = memory_keyring.secrets[next(iter(memory_keyring.secrets))]
    data_dir = t.data_dir
    t.close()
    platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 10_000})
    proc = subprocess.run([sys.executable, str(CHILD), str(data_dir), platform.url, moment], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONUNBUFFERED": "1", "TILL_TOKEN": token})
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert account(platform, "M0001")["held_stored_value_fen"] == 6175  # held, the till died
    t = make_till(platform, demo_dir, tmp_path, "T01")
    try:
        t.member_tenders.sweep()
        if moment == "before_answer":  # never on the ticket: released
            assert t.checkout.current().tenders == ()
            acc = account(platform, "M0001")
            assert (acc["stored_value_fen"], acc["held_stored_value_fen"]) == (10_000, 0)
        else:  # on the ticket that survived: still held, the sale completes and captures it
            assert [x.kind for x in t.checkout.current().tenders] == ["stored_value"]
            assert account(platform, "M0001")["held_stored_value_fen"] == 6175
            t.checkout.complete()
            t.sync.run_once()  # the spend entry captures the hold
            acc = account(platform, "M0001")
            assert (acc["stored_value_fen"], acc["held_stored_value_fen"]) == (10_000 - 6175, 0)
    finally:
        t.close()

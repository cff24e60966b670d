"""Online holds expire on the platform (the terms' ``hold_ttl_s``): a till gone mid-sale never keeps
a member's points or stored value held, and a till that comes back to an expired hold holds again,
refuses clearly, or (offline) sees its later capture refused as a conflict for the manager."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from member_platform_support import MILK12, account, make_till, start_platform

from pos_app.domain import errors as E


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    proc.admin("PUT", "/admin/stores/S001/member-terms", {"hold_ttl_s": 1})
    proc.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 10_000})
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, tmp_path, memory_keyring):
    ctx = make_till(platform, demo_dir, tmp_path, "T01")
    ctx.members.identify("8800000001")
    ctx.checkout.scan(MILK12)  # 61.75 for members
    yield ctx
    ctx.close()


def held(platform) -> tuple[int, int]:
    acc = account(platform, "M0001")
    return acc["stored_value_fen"], acc["held_stored_value_fen"]


def run_out(platform, hold_id: str) -> None:
    """Wait for the hold's time to run out (1 s) and see the platform give the amount back."""
    time.sleep(1.5)
    assert held(platform) == (10_000, 0), hold_id


def test_an_expired_hold_is_held_again_when_the_sale_completes(platform, till):
    first = till.member_tenders.pay_with_stored_value("61.75").tenders[0].reference
    assert held(platform) == (10_000, 6_175)
    run_out(platform, first)
    sale = till.checkout.complete()
    assert sale.receipt_no
    till.sync.run_once()  # the spend entry captures the new hold
    assert held(platform) == (10_000 - 6_175, 0)
    with till.db.engine.connect() as conn:
        holds = dict(conn.exec_driver_sql("SELECT hold_id, status FROM member_holds").all())
    assert holds[first] == "released" and sorted(holds.values()) == ["captured", "released"]


def test_an_expired_hold_the_member_can_no_longer_cover_is_refused_to_the_cashier(platform, till):
    till.member_tenders.pay_with_stored_value("61.75")
    run_out(platform, "stored value")
    platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 5_000})  # spent elsewhere
    with pytest.raises(E.MemberHoldExpired) as refused:
        till.checkout.complete()
    assert "61.75" in refused.value.message
    assert [t.kind for t in till.checkout.current().tenders] == ["stored_value"]  # still open: the cashier decides
    assert held(platform) == (5_000, 0)


def test_a_capture_of_an_expired_hold_the_balance_no_longer_covers_is_a_conflict(platform, till):
    till.member_tenders.pay_with_stored_value("61.75")
    platform.stop()
    till.sync.run_once()
    assert till.sync.state().code == "offline"
    till.checkout.complete()  # offline: the hold can't be asked again; the sale completes
    time.sleep(1.5)
    platform.start()
    platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 5_000})  # spent elsewhere
    till.sync.run_once()
    conflicts = till.members.conflicts()
    assert [(c.code, c.amount) for c in conflicts] == [("hold_expired", Decimal("61.75"))]
    assert "expired" in conflicts[0].message
    assert held(platform) == (5_000, 0)

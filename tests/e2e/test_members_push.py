"""Member ledger entries pushed to the reference platform process: a sale's points count once
however often it is delivered; an offline spend the platform can't cover is reported to the
manager; a sign-up at the till becomes a member whose pending points follow."""

from __future__ import annotations

import pytest
from member_platform_support import COLA, MILK12, account, make_till, start_platform
from sync_platform_proc import DroppingProxy

from pos_app.domain import errors as E
from pos_app.domain.members import EntryKind, entry_id
from pos_app.services.auth import ApprovalRequired


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    yield proc
    proc.stop()


def sell(till, *codes):
    for code in codes:
        till.checkout.scan(code)
    till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
    return till.checkout.complete()


def test_the_same_sale_delivered_three_times_adds_its_points_once(platform, demo_dir, tmp_path, memory_keyring):
    proxy = DroppingProxy(platform.port)
    till = make_till(platform, demo_dir, tmp_path, "T01", url=proxy.url)
    try:
        till.members.identify("8800000002")  # M0002: silver, 300 points; 1 point per yuan
        sale = sell(till, COLA, COLA, COLA, COLA)  # 12.00 → 12 points
        proxy.drop = 2  # the platform commits, the till never hears: it sends again
        for _ in range(3):
            till.sync.run_once()
        assert proxy.dropped == 2
        assert till.sync.state().pending == 0
        assert account(platform, "M0002")["points"] == 312
        entry = entry_id("T01", sale.sale_id, EntryKind.POINTS_EARN)
        received = platform.admin("GET", "/admin/received", params={"kind": "member_ledger"})
        assert [r["idempotency_key"] for r in received["items"]].count(entry) == 1
        till.sync.run_once()
        till.members.identify("8800000002")
        assert till.members.current().points == 312  # the feed's balance; nothing counted twice locally
    finally:
        till.close()
        proxy.close()


def test_an_offline_spend_the_platform_cannot_cover_is_reported_to_the_manager(platform, demo_dir, tmp_path,
                                                                               memory_keyring):
    till = make_till(platform, demo_dir, tmp_path, "T01")
    try:
        platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 30_000})
        till.members.identify("8800000001")
        assert till.members.current().stored_value == 300
        for _ in range(4):
            till.checkout.scan(MILK12)  # 4 x 61.75
        platform.stop()
        till.sync.run_once()
        with pytest.raises(ApprovalRequired) as needed:  # ¥200 per member offline by default
            till.member_tenders.pay_with_stored_value("200.01")
        assert isinstance(needed.value.__cause__, E.StoredValueOfflineCap)
        till.member_tenders.pay_with_stored_value("150.00")
        till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
        till.checkout.complete()
        platform.start()
        platform.admin("PUT", "/admin/members/M0001/stored-value", {"stored_value_fen": 5_000})  # spent elsewhere
        till.sync.run_once()
        [conflict] = till.members.conflicts()
        assert (conflict.member, conflict.entry_kind, conflict.amount, conflict.code) == \
            ("张* 138****8001", "spend", 150, "insufficient_stored_value")
        assert account(platform, "M0001")["stored_value_fen"] == 5_000  # never negative
    finally:
        till.close()


def test_a_till_sign_up_becomes_a_member_and_its_points_follow(platform, demo_dir, tmp_path, memory_keyring):
    till = make_till(platform, demo_dir, tmp_path, "T01")
    try:
        view = till.members.sign_up(till.checkout.user.user_id, "13700001234", "赵六", True)
        assert view.pending
        sell(till, COLA, COLA)  # 6 points, waiting for the member id
        till.sync.run_once()  # pushes the sign-up; the members feed brings the new member
        till.sync.run_once()  # the sign-up resolved after the pull: its points are queued ...
        till.sync.run_once()  # ... and pushed
        assert platform.admin("GET", "/admin/received", params={"kind": "member_signup"})["count"] == 1
        new_id = till.members.find("13700001234")[0].member_id
        assert account(platform, new_id)["points"] == 6
    finally:
        till.close()

"""Offline allowances per member and per till: the platform grants them in the till's own
``member_allowances`` feed, the till spends them down offline and refuses above them clearly;
a member with no grant has the store's terms."""

from __future__ import annotations

import pytest
from member_platform_support import MILK12, make_till, start_platform
from sync_platform_proc import DroppingProxy

from pos_app.domain import errors as E
from pos_app.services.auth import ApprovalRequired
from pos_app.store.member_models import MemberAllowanceRow

GRANTS = [{"member_id": "M0001", "points": 300, "stored_value_fen": 5_000}]


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    proc.admin("PUT", "/admin/stores/S001/tills/T01/member-allowances", GRANTS)
    for member in ("M0001", "M0002"):
        proc.admin("PUT", f"/admin/members/{member}/stored-value", {"stored_value_fen": 100_000})
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, tmp_path, memory_keyring):
    ctx = make_till(platform, demo_dir, tmp_path, "T01")
    yield ctx
    ctx.close()


def go_offline(platform, till) -> None:
    platform.stop()
    till.sync.run_once()
    assert till.sync.state().code == "offline"


def test_the_members_grant_on_this_till_limits_offline_points_and_decreases_as_used(platform, till):
    view = till.members.identify("8800000001")
    assert view.offline_points_left == 300  # the grant, not the terms' 500
    till.checkout.scan(MILK12)
    go_offline(platform, till)
    with pytest.raises(E.PointsNeedNetwork) as refused:
        till.member_tenders.pay_with_points(301)
    assert "300" in refused.value.message and till.checkout.current().tenders == ()
    till.member_tenders.pay_with_points(200)
    till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
    till.checkout.complete()
    assert till.members.identify("8800000001").offline_points_left == 100  # used offline, not yet pushed
    till.checkout.scan(MILK12)
    with pytest.raises(E.PointsNeedNetwork):
        till.member_tenders.pay_with_points(101)


def test_the_members_grant_caps_offline_stored_value_per_member(platform, till):
    till.members.identify("8800000001")
    till.checkout.scan(MILK12)  # 61.75
    go_offline(platform, till)
    with pytest.raises(ApprovalRequired) as needed:  # above the ¥50 grant: a manager may let it pass
        till.member_tenders.pay_with_stored_value("50.01")
    assert isinstance(needed.value.__cause__, E.StoredValueOfflineCap)
    assert "50" in needed.value.__cause__.message
    assert till.member_tenders.pay_with_stored_value("50.00").tenders[0].reference == "offline"


def test_a_member_without_a_grant_has_the_stores_terms(platform, till):
    till.members.detach()
    view = till.members.identify("8800000002")
    assert view.offline_points_left == 500  # the platform's default terms
    till.checkout.scan(MILK12)
    go_offline(platform, till)
    assert till.member_tenders.pay_with_stored_value("61.75").tenders[0].reference == "offline"  # cap ¥200


def test_a_grant_is_for_its_till_only_and_a_withdrawn_grant_goes(platform, till, demo_dir, tmp_path):
    proxy = DroppingProxy(platform.port)  # the second till's own URL (its own token in the keyring)
    other = make_till(platform, demo_dir, tmp_path, "T02", url=proxy.url)
    try:
        with other.db.uow(read_only=True) as uow:
            assert uow.session.get(MemberAllowanceRow, "M0001") is None
        assert other.members.identify("8800000001").offline_points_left == 500
    finally:
        other.close()
        proxy.close()
    platform.admin("PUT", "/admin/stores/S001/tills/T01/member-allowances",
                   [{**GRANTS[0], "points": 0, "stored_value_fen": 0}])
    till.sync.run_once()
    assert till.members.identify("8800000001").offline_points_left == 0

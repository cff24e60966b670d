"""Members' pure rules: codes, phone numbers, masking, points, offline caps, ledger folding."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain import errors as E
from pos_app.domain.members import (
    Balances,
    EntryKind,
    LedgerEntry,
    OfflineCaps,
    PointsRules,
    check_offline_points,
    check_offline_spend,
    clean_name,
    entry_id,
    fold,
    mask_name,
    normalize_mobile,
    parse_member_code,
    phone_query,
    points_earned,
    points_for,
)


def test_member_code_parts_and_refusals():
    code = parse_member_code("O2OMB:M0001:1767225600:pk01.sig")
    assert code is not None and (code.member_id, code.expires_at, code.token) == ("M0001", 1767225600, "pk01.sig")
    for bad in ("O2OMB:M0001:soon:pk01.sig", "O2OPU:M0001:1767225600:x", "O2OMB::1767225600:x", "6901234567892"):
        assert parse_member_code(bad) is None


@pytest.mark.parametrize("text", ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", " 138 1234 5678 "])
def test_mobile_numbers_are_normalised(text):
    assert normalize_mobile(text) == "13812345678"


@pytest.mark.parametrize("text", ["12812345678", "1381234567", "138123456789", "021-61234567", "abc"])
def test_bad_mobile_numbers_are_refused_with_the_number_masked(text):
    with pytest.raises(E.MemberPhoneInvalid) as err:
        normalize_mobile(text)
    assert "1234567" not in err.value.message or len(text) < 8


def test_phone_query_is_full_number_or_exactly_last_4():
    assert phone_query("5678") == ("last4", "5678")
    assert phone_query("138 1234 5678") == ("full", "13812345678")
    for partial in ("567", "13812", "1381234"):
        with pytest.raises((E.MemberLast4Invalid, E.MemberPhoneInvalid)):
            phone_query(partial)


def test_names_are_masked_and_checked():
    assert (mask_name("王芳"), mask_name("欧阳娜娜"), mask_name("王"), mask_name("")) == ("王*", "欧***", "王*", "")
    assert clean_name("  李娜 ") == "李娜"
    for bad in ("x" * 41, "a\nb"):
        with pytest.raises(E.MemberNameInvalid):
            clean_name(bad)


def test_points_earned_on_what_was_paid_per_tier_without_excluded_categories():
    rules = PointsRules(earn_per_yuan={"": Decimal(1), "gold": Decimal("1.5")}, excluded_categories=frozenset({"TOB"}))
    lines = [("DRINK", 1050), ("TOB", 3000), (None, 999)]
    assert points_earned(rules, "basic", lines) == 20  # 20.49 floored
    assert points_earned(rules, "gold", lines) == 30  # 30.73 floored
    assert points_earned(rules, "gold", lines, not_earning_fen=2049) == 0


def test_points_for_an_amount_checks_minimum_maximum_and_whole_points():
    rules = PointsRules(fen_per_point=10, min_redeem=100, max_redeem=1000)
    assert points_for(rules, 1000) == 100
    with pytest.raises(E.PointsBelowMinimum):
        points_for(rules, 990)
    with pytest.raises(E.PointsAboveMaximum):
        points_for(rules, 5000, per_ticket_so_far=600)
    with pytest.raises(E.PointsAmountUneven):
        points_for(rules, 1005)


def test_offline_limits():
    check_offline_points(500, 500)
    with pytest.raises(E.PointsNeedNetwork):
        check_offline_points(501, 500)
    caps = OfflineCaps()
    check_offline_spend(caps, 20_000, 0, 0)
    with pytest.raises(E.StoredValueOfflineCap):
        check_offline_spend(caps, 1, 20_000, 0)
    with pytest.raises(E.StoredValueTillCap):
        check_offline_spend(caps, 10_000, 0, 195_000)


def test_balances_never_go_negative():
    assert Balances(10, 100).after(-10, -100) == Balances(0, 0)
    with pytest.raises(E.InsufficientPoints):
        Balances(10, 100).after(-11, 0)
    with pytest.raises(E.InsufficientStoredValue):
        Balances(10, 100).after(0, -101)


def test_entries_check_their_signs_and_ids_are_stable():
    assert entry_id("T01", "ab" * 16, EntryKind.SPEND) == entry_id("T01", "ab" * 16, EntryKind.SPEND)
    assert len({entry_id(t, "ab" * 16, k) for t in ("T01", "T02") for k in EntryKind}) == 2 * len(EntryKind)
    assert re.fullmatch("[0-9a-f]{32}", entry_id("T01", "ab" * 16, EntryKind.SPEND))
    with pytest.raises(ValueError):
        LedgerEntry("x" * 8, "M1", EntryKind.SPEND, stored_value_fen=100)
    with pytest.raises(ValueError):
        LedgerEntry("x" * 8, "M1", EntryKind.VOID)


kinds = st.sampled_from([EntryKind.POINTS_EARN, EntryKind.POINTS_REDEEM, EntryKind.TOP_UP, EntryKind.SPEND])


@given(st.lists(st.tuples(kinds, st.integers(1, 1000)), max_size=10), st.data())
def test_fold_is_the_sum_of_distinct_unvoided_entries_in_any_order(moves, data):
    sign = {EntryKind.POINTS_REDEEM: -1, EntryKind.SPEND: -1}
    entries = [LedgerEntry(f"e{i:07d}", "M1", k, points=sign.get(k, 1) * a if "points" in k else 0,
                           stored_value_fen=0 if "points" in k else sign.get(k, 1) * a) for i, (k, a) in enumerate(moves)]
    voided = data.draw(st.sets(st.sampled_from(range(len(entries))))) if entries else set()
    voids = [LedgerEntry(f"v{i:07d}", "M1", EntryKind.VOID, voids=entries[i].entry_id) for i in voided]
    delivered = data.draw(st.permutations(entries + voids + entries[:3]))
    live = [e for i, e in enumerate(entries) if i not in voided]
    assert fold(delivered) == Balances(sum(e.points for e in live), sum(e.stored_value_fen for e in live))

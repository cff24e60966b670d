"""The platform's member ledger: entries applied once by id, voids in any order, holds serialised.

Runs the reference platform's own functions on its real SQLite schema (a file per example)."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol.members import MemberHold, MemberLedgerEntry
from sync.reference_platform import db, member_ledger

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
START_POINTS, START_FEN = 10**6, 10**7


def _platform(path: Path):
    db.init_db(str(path))
    conn = db.connect(str(path))
    with db.write_tx(conn):
        db.put_entity(conn, "members", "", "M1", {"member_id": "M1", "card_no": "8800000001", "name": "王芳",
                                                  "phone": "13800138003", "tier": "gold", "points": START_POINTS})
        member_ledger.account(conn, "M1")
        conn.execute("UPDATE member_accounts SET stored_value_fen = ? WHERE member_id = 'M1'", (START_FEN,))
    return conn


def entry(i: int, kind: str, amount: int = 0, voids: str | None = None) -> MemberLedgerEntry:
    points = {"points_earn": amount, "points_redeem": -amount}.get(kind, 0)
    fen = {"top_up": amount, "spend": -amount, "refund": amount}.get(kind, 0)
    return MemberLedgerEntry(entry_id=uuid.uuid5(uuid.NAMESPACE_OID, f"{i}:{kind}").hex, store_id="S001", till_id="T01", member_id="M1",
                             kind=kind, points_delta=points, stored_value_delta_fen=fen, voids=voids, at=NOW)


@st.composite
def histories(draw):
    kinds = st.sampled_from(["points_earn", "points_redeem", "top_up", "spend", "refund"])
    events = [entry(i, draw(kinds), draw(st.integers(1, 5000))) for i in range(draw(st.integers(0, 12)))]
    voided = draw(st.sets(st.sampled_from(range(len(events))), max_size=len(events))) if events else set()
    voids = [MemberLedgerEntry(entry_id=uuid.uuid5(uuid.NAMESPACE_OID, events[i].entry_id).hex, store_id="S001", till_id="T01",
                               member_id="M1", kind="void", voids=events[i].entry_id, at=NOW) for i in voided]
    distinct = events + voids
    delivered = draw(st.lists(st.sampled_from(distinct), max_size=3 * len(distinct))) if distinct else []
    delivered = draw(st.permutations(distinct + delivered))
    return events, voided, delivered


@settings(max_examples=30, deadline=None)
@given(histories())
def test_any_order_with_duplicates_gives_the_sum_of_the_distinct_events(history):
    events, voided, delivered = history
    with tempfile.TemporaryDirectory() as tmp:
        conn = _platform(Path(tmp) / "p.sqlite3")
        for ev in delivered:
            with db.write_tx(conn):
                assert member_ledger.apply_entry(conn, ev, NOW) == (None, "")
        acc = member_ledger.account(conn, "M1")
        conn.close()
    live = [e for i, e in enumerate(events) if i not in voided]
    assert acc[0] == START_POINTS + sum(e.points_delta for e in live)
    assert acc[1] == START_FEN + sum(e.stored_value_delta_fen for e in live)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["points_earn", "points_redeem", "top_up", "spend"]),
                          st.integers(1, 400_000)), max_size=10))
def test_an_uncovered_entry_is_refused_and_the_balance_never_goes_negative(moves):
    with tempfile.TemporaryDirectory() as tmp:
        conn = _platform(Path(tmp) / "p.sqlite3")
        with db.write_tx(conn):
            conn.execute("UPDATE member_accounts SET points = 1000, stored_value_fen = 1000")
        expected = [1000, 1000]
        for i, (kind, amount) in enumerate(moves):
            ev = entry(i, kind, amount)
            with db.write_tx(conn):
                code, _ = member_ledger.apply_entry(conn, ev, NOW)
            after = [expected[0] + ev.points_delta, expected[1] + ev.stored_value_delta_fen]
            if min(after) < 0:
                assert code in ("insufficient_points", "insufficient_stored_value")
            else:
                assert code is None
                expected = after
            acc = member_ledger.account(conn, "M1")
            assert acc[:2] == expected and min(acc) >= 0
            with db.write_tx(conn):  # a replay of the refused entry is refused the same way, never applied
                assert member_ledger.apply_entry(conn, ev, NOW)[0] == code
        conn.close()


def test_a_hold_is_taken_once_captured_by_its_entry_and_cannot_be_released_after(tmp_path):
    conn = _platform(tmp_path / "p.sqlite3")
    req = MemberHold(hold_id="a" * 32, till_id="T01", kind="stored_value", amount=START_FEN - 100)
    with db.write_tx(conn):
        first = member_ledger.hold(conn, "M1", req, NOW)
        again = member_ledger.hold(conn, "M1", req, NOW)
    assert first == again and first.status == "held" and first.available_stored_value_fen == 100
    with db.write_tx(conn), pytest.raises(member_ledger.HoldRefused) as refused:
        member_ledger.hold(conn, "M1", req.model_copy(update={"hold_id": "b" * 32}), NOW)
    assert refused.value.code == "insufficient_stored_value"
    spend = entry(1, "spend", START_FEN - 100).model_copy(update={"hold_id": "a" * 32})
    with db.write_tx(conn):
        assert member_ledger.apply_entry(conn, spend, NOW) == (None, "")
        assert member_ledger.release(conn, "M1", "a" * 32, "T01", NOW).status == "captured"
    assert member_ledger.account(conn, "M1")[1:4:2] == [100, 0]


def test_a_release_before_the_hold_arrives_refuses_the_late_hold(tmp_path):
    conn = _platform(tmp_path / "p.sqlite3")
    with db.write_tx(conn):
        assert member_ledger.release(conn, "M1", "c" * 32, "T01", NOW).status == "released"
        late = member_ledger.hold(conn, "M1", MemberHold(hold_id="c" * 32, till_id="T01", kind="points", amount=5), NOW)
    assert late.status == "released" and member_ledger.account(conn, "M1")[2] == 0


def test_a_hold_expires_after_its_time_and_asking_again_starts_it_again(tmp_path):
    conn = _platform(tmp_path / "p.sqlite3")
    req = MemberHold(hold_id="d" * 32, till_id="T01", kind="stored_value", amount=START_FEN - 100)
    later = NOW + dt.timedelta(seconds=50)
    with db.write_tx(conn):
        assert member_ledger.hold(conn, "M1", req, NOW, ttl_s=60).status == "held"
        assert member_ledger.hold(conn, "M1", req, later, ttl_s=60).status == "held"  # renewed until later + 60
        assert member_ledger.account(conn, "M1", (later + dt.timedelta(seconds=59)).timestamp())[3] == START_FEN - 100
        assert member_ledger.account(conn, "M1", (later + dt.timedelta(seconds=61)).timestamp())[3] == 0
        assert member_ledger.hold(conn, "M1", req, later + dt.timedelta(seconds=62)).status == "expired"
        assert member_ledger.release(conn, "M1", "d" * 32, "T01", later).status == "expired"


@pytest.mark.parametrize(("balance", "code"), [(START_FEN, None), (50, "hold_expired")])
def test_a_capture_of_an_expired_hold_applies_only_what_the_balance_covers(tmp_path, balance, code):
    conn = _platform(tmp_path / "p.sqlite3")
    req = MemberHold(hold_id="e" * 32, till_id="T01", kind="stored_value", amount=100)
    gone = NOW + dt.timedelta(seconds=120)
    with db.write_tx(conn):
        member_ledger.hold(conn, "M1", req, NOW, ttl_s=60)
        conn.execute("UPDATE member_accounts SET stored_value_fen = ? WHERE member_id = 'M1'", (balance,))
        spend = entry(2, "spend", 100).model_copy(update={"hold_id": "e" * 32})
        found, message = member_ledger.apply_entry(conn, spend, gone)
    assert found == code
    assert member_ledger.account(conn, "M1", gone.timestamp())[1] == (balance - 100 if code is None else balance)
    if code:
        assert "expired" in message

"""Coupons at the till on a real database: each refusal has its own message and changes nothing;
a used coupon is redeemed in the sale's transaction with an event for the platform."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.domain import errors as E
from pos_app.services.coupons import match_coupon
from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P

COLA = gtin13("690000000001")  # 3.00
NOW = datetime.now(UTC)


def coupon(code: str, **kw) -> P.FeedItem:
    data = {"code": code, "kind": "amount_off", "value_fen": 100, "percent_off": 0, "min_spend_fen": 500,
            "valid_from": (NOW - timedelta(days=1)).isoformat(), "valid_to": (NOW + timedelta(days=30)).isoformat(),
            "active": True, "offline_safe": True, **kw}
    return P.FeedItem[P.Coupon](key=code, deleted=False, data=P.Coupon.model_validate(data))


@pytest.fixture
def coupons(app):
    TillSyncStorage(app.db).apply_page("coupons", [
        coupon("SAVE1"), coupon("ONLINE1", offline_safe=False), coupon("OFF", active=False),
        coupon("LATER", valid_from=(NOW + timedelta(days=2)).isoformat()), coupon("S999", stores=["S999"]),
        coupon("PCT10", kind="percent_off", value_fen=0, percent_off=10, min_spend_fen=0),
    ], "c1")
    app.coupons.online = lambda: False
    return app.coupons


def test_the_scanner_knows_coupon_codes():
    assert match_coupon("O2OCP:SAVE1") == "SAVE1"
    assert match_coupon("O2OPU:SAVE1:123456") is None and match_coupon("SAVE1") is None


@pytest.mark.parametrize(("code", "error"), [
    ("NOPE", E.CouponUnknown), ("OFF", E.CouponUnknown), ("LATER", E.CouponNotValid),
    ("S999", E.CouponNotForStore), ("ONLINE1", E.CouponNeedsNetwork),
])
def test_each_bad_coupon_is_refused_with_its_reason_and_changes_nothing(coupons, cashier, code, error):
    cashier.scan(COLA)
    before = cashier.scan(COLA)
    with pytest.raises(error):
        coupons.present(code)
    assert cashier.current() == before


def test_below_the_minimum_spend_says_how_much_more(coupons, cashier):
    cashier.scan(COLA)
    with pytest.raises(E.CouponBelowThreshold) as caught:
        coupons.present("SAVE1")
    assert caught.value.params["short"] == Decimal("2.00")


def test_a_network_coupon_is_accepted_online(coupons, cashier):
    coupons.online = lambda: True
    cashier.scan(COLA)
    snap = cashier.scan(COLA)
    assert snap.total == Decimal("6.00")
    snap = coupons.present("ONLINE1")
    assert [(p.promotion_id, p.amount) for p in snap.promotions] == [("coupon:ONLINE1", Decimal("1.00"))]


def test_a_used_coupon_is_redeemed_in_the_sale_and_refused_afterwards(app, coupons, cashier):
    for _ in range(2):
        cashier.scan(COLA)
    snap = cashier.scan("O2OCP:PCT10")
    assert snap.total == Decimal("5.40") and snap.saved == Decimal("0.60")
    with pytest.raises(E.CouponAlreadyOnTicket):
        coupons.present("PCT10")
    cashier.add_tender("cash", "10")
    done = cashier.complete()
    con = sqlite3.connect(app.db.path)
    redeemed = con.execute("SELECT redeemed_sale_id FROM coupons WHERE code = 'PCT10'").fetchone()[0]
    payload = con.execute("SELECT payload FROM outbox WHERE kind = 'coupon_redemption'").fetchone()[0]
    con.close()
    assert redeemed == done.sale_id
    event = P.CouponRedemption.model_validate(json.loads(payload))
    assert (event.code, event.sale_id, event.discount_fen) == ("PCT10", done.sale_id, 60)
    cashier.scan(COLA)
    with pytest.raises(E.CouponAlreadyUsed):
        coupons.present("PCT10")


def test_a_coupon_on_a_held_ticket_comes_back_with_it(app, coupons, cashier):
    for _ in range(2):
        cashier.scan(COLA)
    held_id = coupons.present("SAVE1").ticket_id
    cashier.hold()
    snap = cashier.recall(held_id)
    assert [p.promotion_id for p in snap.promotions] == ["coupon:SAVE1"] and snap.total == Decimal("5.00")


@pytest.mark.parametrize("typed", ["", "   ", "SAVE 1", "满减券", "A" * 65, "O2OCP:SAVE1"])
def test_a_typed_code_that_is_no_coupon_code_is_refused_as_such_and_changes_nothing(coupons, cashier, typed):
    before = cashier.scan(COLA)
    with pytest.raises(E.CouponCodeInvalid):
        coupons.present(typed)
    assert cashier.current() == before


def test_a_typed_code_gets_the_checks_of_a_scanned_one(coupons, cashier):
    cashier.scan(COLA)
    with pytest.raises(E.CouponBelowThreshold):
        coupons.present("  SAVE1 ")  # spaces around a typed code are not part of it
    cashier.scan(COLA)
    assert coupons.present(" PCT10").saved == Decimal("0.60")


def _refused_use(app, code: str) -> int:
    """A redemption event the platform answered with a conflict (a second use of a single-use code)."""
    from pos_app.store.sync_models import SyncConflict

    with app.db.uow() as uow:
        event_id = uow.outbox.add("coupon_redemption", code, {"code": code, "sale_id": "s1"})
        conflict = SyncConflict(event_id=event_id, kind="coupon_redemption", code="coupon_already_redeemed",
                                message=f"coupon {code} was redeemed by S002-T01-000007")
        uow.session.add(conflict)
        uow.session.flush()
        conflict_id = conflict.id
        uow.commit()
    return conflict_id


def test_the_manager_settles_a_refused_coupon_use_with_a_note(app, coupons, signed_in):
    from pos_app.services.checkout import ApprovalRequired
    from tests_support import user_id

    conflict_id = _refused_use(app, "PCT10")
    assert [(c.conflict_id, c.code) for c in coupons.conflicts()] == [(conflict_id, "PCT10")]
    with pytest.raises(ApprovalRequired):
        coupons.resolve_conflict(signed_in.user, conflict_id, "paid the difference")
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    with pytest.raises(E.ReasonRequired):
        coupons.resolve_conflict(manager, conflict_id, "  ")
    assert len(coupons.conflicts()) == 1
    coupons.resolve_conflict(manager, conflict_id, "customer paid the difference")
    assert coupons.conflicts() == []
    with pytest.raises(E.CouponConflictNotFound):
        coupons.resolve_conflict(manager, conflict_id, "again")
    con = sqlite3.connect(app.db.path)
    audit = con.execute("SELECT action, approver_id FROM audit_log WHERE action = 'coupon.conflict_resolved'").fetchall()
    con.close()
    assert audit == [("coupon.conflict_resolved", manager.user_id)]

"""Log-in, PIN lockout and manager approvals against the real users table."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.domain.permissions import Permission
from pos_app.services.auth import (
    ApprovalRefused,
    AuthService,
    BadPin,
    NotAuthorized,
    UnknownUser,
    UserLocked,
    WrongPin,
    hash_pin,
)
from tests_support import user_id


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def auth(app, clock):
    return AuthService(app.db, app.till_key, clock)


def test_pins_are_stored_as_argon2id(app):
    hashes = sqlite3.connect(app.db.path).execute("SELECT pin_hash FROM users").fetchall()
    assert hashes and all(h.startswith("$argon2id$") for (h,) in hashes)


def test_login_gives_role_permissions(app, auth):
    manager = auth.login(user_id(app, "Wang"), "8888")
    cashier = auth.login(user_id(app, "Li Na"), "1111")
    assert manager.can(Permission.PRICE_OVERRIDE) and not cashier.can(Permission.PRICE_OVERRIDE)


def test_wrong_pins_count_down_then_lock_for_five_minutes(app, auth, clock):
    uid = user_id(app, "Li Na")
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as err:
            auth.login(uid, "0000")
        assert err.value.params["attempts_left"] == left
    with pytest.raises(UserLocked) as err:
        auth.login(uid, "0000")
    assert err.value.params["seconds_left"] == 300
    clock.now += timedelta(minutes=4)
    with pytest.raises(UserLocked) as err:
        auth.login(uid, "1111")  # even the right PIN waits
    assert 0 < err.value.params["seconds_left"] <= 61
    clock.now += timedelta(minutes=1, seconds=1)
    assert auth.login(uid, "1111").user_id == uid


def test_lockout_survives_a_restart(app, clock):
    uid = user_id(app, "Zhang")
    for _ in range(5):
        with pytest.raises((WrongPin, UserLocked)):
            AuthService(app.db, app.till_key, clock).login(uid, "9876")
    with pytest.raises(UserLocked):
        AuthService(app.db, app.till_key, clock).login(uid, "2222")


def test_a_good_login_resets_the_counter(app, auth):
    uid = user_id(app, "Li Na")
    for _ in range(3):
        with pytest.raises(WrongPin):
            auth.login(uid, "0000")
    auth.login(uid, "1111")
    with pytest.raises(WrongPin) as err:
        auth.login(uid, "0000")
    assert err.value.params["attempts_left"] == 4


def test_unknown_user_and_badge(auth):
    with pytest.raises(UnknownUser):
        auth.login("nobody", "1111")
    with pytest.raises(UnknownUser):
        auth.login_badge("STAFF-7777")


def test_badge_login(auth):
    assert auth.login_badge(" STAFF-0003 ").role == "clerk"


def test_manager_approval_by_pin_or_badge_records_who(app, auth):
    by_pin = auth.approve("8888", Permission.NO_SALE, "change for the float")
    by_badge = auth.approve("8888", "refund", "faulty goods", badge="STAFF-0008")
    assert by_pin.approver_id == by_badge.approver_id == user_id(app, "Wang")
    assert by_pin.reason == "change for the float"


def test_approval_is_refused_for_non_managers_and_audited(app, auth):
    with pytest.raises(ApprovalRefused):
        auth.approve("1111", Permission.NO_SALE, "x")
    assert sqlite3.connect(app.db.path).execute(
        "SELECT count(*) FROM audit_log WHERE action='auth.approval_refused'").fetchone() == (1,)


def test_manager_cannot_approve_admin_only_permissions(auth):
    with pytest.raises(NotAuthorized):
        auth.approve("8888", Permission.MANAGE_DEVICES, "new printer")


@pytest.mark.parametrize("pin", ["123", "12345678901", "12a4", ""])
def test_bad_pin_format_is_refused(pin):
    with pytest.raises(BadPin):
        hash_pin(pin)


def test_a_pin_alone_signs_in_its_owner(app, auth):
    assert auth.login_pin("8888").user_id == user_id(app, "Wang")
    assert auth.login_pin("1111").user_id == user_id(app, "Li Na")


def test_a_wrong_pin_with_no_name_chosen_counts_against_no_one(app, auth, clock):
    from pos_app.services.auth import MAX_ATTEMPTS, PinNotFound

    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(PinNotFound):
            auth.login_pin("4321")
    attempts = sqlite3.connect(app.db.path).execute("SELECT sum(failed_attempts) FROM users").fetchone()[0]
    assert attempts == 0 and auth.login(user_id(app, "Admin"), "9999").role == "admin"
    # PIN-only sign-in rests after too many wrong ones in a row; a chosen name still works
    with pytest.raises(PinNotFound):
        auth.login_pin("4321")
    with pytest.raises(UserLocked):
        auth.login_pin("1111")
    assert auth.login(user_id(app, "Li Na"), "1111").role == "cashier"
    clock.now += timedelta(minutes=5, seconds=1)
    assert auth.login_pin("1111").role == "cashier"


def test_a_pin_already_in_use_in_the_store_is_refused(app):
    from pos_app.services.auth import PinInUse, add_staff

    with app.db.uow() as uow:
        with pytest.raises(PinInUse):
            add_staff(uow, "u-new", "新员工 New", "cashier", "2222")
        add_staff(uow, "u-new", "新员工 New", "cashier", "2345")
        uow.commit()
    assert AuthService(app.db, app.till_key).login_pin("2345").user_id == "u-new"

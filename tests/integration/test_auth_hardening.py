"""Approvals and permissions that cannot be side-stepped (issue 22, points 7-9).

* approvals count wrong PINs toward the log-in lockout; a locked manager approves nothing; a badge
  approves only with its holder's PIN;
* every restricted service entry point takes the staff session and checks it: the role x permission
  matrix below calls each one with each role's own session;
* sessions and approvals are issued by AuthService only: a hand-built one is refused, and the audit
  never records its approver.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from pos_app.domain.errors import PermissionDenied, PosError
from pos_app.domain.permissions import ROLE_PERMISSIONS, ManagerApproval, Permission, Role
from pos_app.services.auth import (
    MAX_ATTEMPTS,
    ApprovalRefused,
    ApprovalRequired,
    BadgeNeedsPin,
    SessionInvalid,
    StaffSession,
    UserLocked,
)
from pos_app.services.demo_catalog import gtin13
from pos_app.services.device_settings import save_devices
from tests_support import open_shift, user_id

COLA = gtin13("690000000001")
PINS = {Role.CASHIER: ("Li Na", "1111"), Role.CLERK: ("Chen Jing", "3333"),
        Role.MANAGER: ("Wang Qiang", "8888"), Role.ADMIN: ("Admin", "9999")}


def audit(app, action: str) -> list[tuple]:
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute("SELECT user_id, approver_id, details FROM audit_log WHERE action=?", (action,)).fetchall()
    finally:
        con.close()


# -- 7: approvals and the lockout --------------------------------------------------------------

def test_wrong_approval_pins_lock_the_managers_out(app):
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(ApprovalRefused):
            app.auth.approve("0000", Permission.NO_SALE, "guess")
    with pytest.raises(UserLocked):
        app.auth.approve("0001", Permission.NO_SALE, "guess")
    with pytest.raises(UserLocked):  # even the right PIN now
        app.auth.approve("8888", Permission.NO_SALE, "change")
    with pytest.raises(UserLocked):  # and the same lock holds for signing in
        app.auth.login(user_id(app, "Wang Qiang"), "8888")
    assert len(audit(app, "auth.approval_refused")) == MAX_ATTEMPTS


def test_a_manager_locked_at_sign_in_cannot_approve(app):
    manager = user_id(app, "Wang Qiang")
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(PosError):
            app.auth.login(manager, "0000")
    with pytest.raises(UserLocked):
        app.auth.approve("8888", Permission.NO_SALE, "change", badge="STAFF-0008")
    with pytest.raises(ApprovalRefused):  # by PIN alone: the locked manager is not asked at all
        app.auth.approve("8888", Permission.NO_SALE, "change")


def test_a_badge_approves_only_with_its_holders_pin(app):
    with pytest.raises(BadgeNeedsPin):
        app.auth.approve("STAFF-0008", Permission.NO_SALE, "change")
    with pytest.raises(ApprovalRefused):
        app.auth.approve("9999", Permission.NO_SALE, "change", badge="STAFF-0008")  # the admin's PIN
    approval = app.auth.approve("8888", Permission.NO_SALE, "change", badge="STAFF-0008")
    assert approval.approver_id == user_id(app, "Wang Qiang")


# -- 8: role x permission matrix ---------------------------------------------------------------

def _entry_points(app, tmp_path):
    """One restricted service entry point per permission; each is called with the session only."""
    checkout, shifts, reports = app.checkout, app.shifts, app.reports

    def ticket(session: StaffSession):
        checkout.set_user(session)
        snap = checkout.current()
        return snap if snap.lines and not snap.tenders else checkout.scan(COLA)

    def void_after_total(session: StaffSession):
        snap = ticket(session)
        checkout.total()
        checkout.void_line(snap.lines[-1].line_id)

    return {
        Permission.PRICE_OVERRIDE: lambda s: checkout.override_price(ticket(s).lines[-1].line_id, "2.00", "dented"),
        Permission.VOID_AFTER_TOTAL: void_after_total,
        Permission.DISCOUNT_ABOVE_LIMIT: lambda s: (ticket(s), checkout.set_ticket_discount("50%")),
        Permission.NO_SALE: lambda s: shifts.no_sale(s, "change"),
        Permission.PAID_IN_OUT: lambda s: shifts.paid_out(s, "1.00", "supplies"),
        Permission.CLOSE_SHIFT: lambda s: reports.close_day(s, date(2020, 1, 1)),
        Permission.PICKUP_MANAGE: lambda s: (app.pickup.set_user(s), app.pickup.start_picking("no-such-order")),
        Permission.MANAGE_DEVICES: lambda s: save_devices(s, tmp_path / "config.toml", app.config.devices),
        Permission.REPORTS: lambda s: reports.x_report(s),
        Permission.SYNC_MANAGE: lambda s: app.sync.discard_dead(s, "no-such-event", "duplicate"),
        Permission.PROMOTION_EXPLAIN: lambda s: app.promotions.why_not(s, [], 1),
        Permission.STORED_VALUE_OVERRIDE: lambda s: stored_value_above_the_offline_cap(app, s),
    }


def stored_value_above_the_offline_cap(app, session: StaffSession) -> None:
    """Offline, ¥300 of stored value (the member cap is ¥200): only a manager's own session passes."""
    from pos_app.store.sync_models import Member

    with app.db.uow() as uow:
        uow.session.merge(Member(member_id="M9", card_no="8899999999", name="王芳", phone="13900009999",
                                 tier="basic", points=0, stored_value_fen=100_000))
        uow.commit()
    checkout = app.checkout
    checkout.set_user(session)
    for tender in checkout.current().tenders:
        checkout.remove_tender(tender.tender_id)
    snap = checkout.scan(COLA)
    checkout.set_quantity(snap.lines[-1].line_id, 100)
    app.members.attach_member("M9")
    app.member_tenders.pay_with_stored_value("300.00")


#: Permissions no service offers yet (returns, staff management): nothing to call.
WITHOUT_ENTRY_POINT = {Permission.REFUND, Permission.MANAGE_STAFF}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_restricted_entry_point_checks_the_session(app, tmp_path, role: Role) -> None:
    open_shift(app)
    name, pin = PINS[role]
    session = app.auth.login(user_id(app, name), pin)
    entry_points = _entry_points(app, tmp_path)
    assert set(entry_points) == set(Permission) - WITHOUT_ENTRY_POINT
    outcome = {}
    for permission, call in entry_points.items():
        try:
            call(session)
            outcome[permission] = True
        except (ApprovalRequired, PermissionDenied):
            outcome[permission] = False
        except PosError:  # past the check: refused for another reason (no such order, no such day)
            outcome[permission] = True
    assert outcome == {p: p in ROLE_PERMISSIONS[role] for p in entry_points}


def test_the_first_run_wizard_saves_devices_only_on_a_till_not_yet_set_up(app, tmp_path):
    """The wizard asks no session (nobody can sign in yet); a set-up till refuses that side door."""
    with pytest.raises(PermissionDenied):
        app.provisioning.save_first_run_devices(tmp_path / "config.toml", app.config.devices)
    assert not (tmp_path / "config.toml").exists()


# -- 9: only AuthService issues sessions and approvals -----------------------------------------

def test_a_hand_built_approval_approves_nothing(app, cashier):
    approver = user_id(app, "Wang Qiang")
    fake = ManagerApproval(approver, Permission.PRICE_OVERRIDE, "trust me", datetime.now(UTC), Role.MANAGER)
    snap = cashier.scan(COLA)
    with pytest.raises(ApprovalRequired):
        cashier.override_price(snap.lines[-1].line_id, "0.01", "fake", fake)
    real = app.auth.approve("8888", Permission.PRICE_OVERRIDE, "dented")
    with pytest.raises(ApprovalRequired):  # a real approval altered after it was issued
        cashier.override_price(snap.lines[-1].line_id, "0.01", "x", replace(real, reason="other"))
    with pytest.raises(ApprovalRequired):  # for another permission
        app.shifts.no_sale(cashier.user, "change", real)
    nobody = ManagerApproval("no-such-user", Permission.NO_SALE, "x", datetime.now(UTC), Role.MANAGER)
    with pytest.raises(ApprovalRequired):  # used to crash looking the approver up
        app.shifts.no_sale(cashier.user, "change", nobody)
    assert cashier.current().lines[-1].unit_price == snap.lines[-1].unit_price
    assert audit(app, "price.override") == [] and audit(app, "drawer.no_sale") == []
    cashier.override_price(snap.lines[-1].line_id, "2.50", "dented", real)
    assert [row[1] for row in audit(app, "price.override")] == [real.approver_id]


def test_a_hand_built_session_is_refused(app, signed_in, tmp_path):
    forged = StaffSession("demo-staff-0001", "Li Na", "admin", frozenset(p.value for p in Permission))
    for call in (lambda: app.checkout.set_user(forged), lambda: app.reports.x_report(forged),
                 lambda: app.shifts.no_sale(forged, "change"), lambda: app.printing.kick_drawer(forged, "test"),
                 lambda: save_devices(forged, tmp_path / "config.toml", app.config.devices),
                 lambda: app.sync.discard_dead(forged, "x", "y")):
        with pytest.raises(SessionInvalid):
            call()
    raised = replace(signed_in.user, permissions=frozenset(p.value for p in Permission))  # a real one, widened
    with pytest.raises(SessionInvalid):
        app.reports.x_report(raised)


def test_a_drawer_kick_names_the_session(app, signed_in):
    app.printing.kick_drawer(signed_in.user, "test")
    assert [(row[0], row[2]) for row in audit(app, "drawer.kicked")] == [(signed_in.user.user_id, '{"reason": "test"}')]

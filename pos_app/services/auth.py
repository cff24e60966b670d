"""Staff log-in, PIN lockout and manager approvals.

PINs are short, so they are hashed with Argon2id and a user is locked for 5 minutes after 5 wrong
PINs in a row: guessing a 4-digit PIN then takes weeks at the counter. Every approval names who
approved what and why, and lands in the audit log with the action it allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TypeGuard

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pos_app.domain.errors import PermissionDenied, PosError
from pos_app.domain.permissions import (
    ROLE_PERMISSIONS,
    ManagerApproval,
    Permission,
    Role,
    parse_permission,
    parse_role,
)
from pos_app.domain.text import clean_line
from pos_app.store.records import UserRecord
from pos_app.store.uow import Database, UnitOfWork
from sync.protocol import StaffPinChange

MAX_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, 64 MiB, 3 passes


class WrongPin(PosError):
    code = "auth.wrong_pin"
    template = "Wrong PIN; {attempts_left} attempts left before the account is locked."


class UserLocked(PosError):
    code = "auth.locked"
    template = "Too many wrong PINs: locked for another {seconds_left} seconds."


class UnknownUser(PosError):
    code = "auth.unknown_user"
    template = "No active staff member matches this log-in."


class NotAuthorized(PosError):
    code = "auth.not_authorized"
    template = "{name} may not approve {permission}."


class ApprovalRefused(PosError):
    code = "auth.approval_refused"
    template = "That PIN or badge is not a manager's."


class BadPin(PosError):
    code = "auth.bad_pin"
    template = "A PIN is 4 to 8 digits."


class PinNotFound(PosError):
    code = "auth.pin_not_found"
    template = "No staff member has this PIN; check it, or choose your name first."


class PinInUse(PosError):
    code = "auth.pin_in_use"
    template = "Another staff member of this store already has this PIN; choose a different one."


class PinChangeRequired(PosError):
    code = "auth.pin_change_required"
    template = "This is a one-time PIN: choose your own PIN to sign in."


class SamePin(PosError):
    code = "auth.same_pin"
    template = "The new PIN must differ from the one-time PIN."


def hash_pin(pin: str) -> str:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise BadPin()
    return _hasher.hash(pin)


def _pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def pin_owner(users: list[UserRecord], pin: str) -> UserRecord | None:
    """The user whose PIN this is (PINs are unique per store, so a PIN alone can sign in)."""
    return next((u for u in users if _pin_matches(u.pin_hash, pin)), None)


def add_staff(uow: UnitOfWork, user_id: str, name: str, role: str, pin: str, badge_code: str | None = None) -> None:
    """The one way a PIN is set: refused when another active user of the store already has it."""
    pin_hash = hash_pin(pin)
    if pin_owner(uow.users.active(), pin) is not None:
        raise PinInUse()
    uow.users.add(user_id, name, role, pin_hash, badge_code)


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    name: str
    role: str


@dataclass(frozen=True)
class StaffSession:
    user_id: str
    name: str
    role: str
    permissions: frozenset[str]
    #: Set by AuthService; services check it (`require_session`), so a hand-built session is refused.
    seal: str = field(default="", repr=False, compare=False)

    def can(self, permission: Permission | str) -> bool:
        return str(permission) in self.permissions


def _session(u: UserRecord) -> StaffSession:
    role = parse_role(u.role)
    session = StaffSession(u.id, u.name, u.role, frozenset(p.value for p in ROLE_PERMISSIONS[role]))
    return replace(session, seal=_seal("session", session.user_id, session.role, *sorted(session.permissions)))


class AuthService:
    def __init__(self, db: Database, till_key: str, clock: Callable[[], datetime] | None = None):
        self.db = db
        self.till_key = till_key
        self.clock = clock or (lambda: datetime.now(UTC))
        self._pin_only_failures = 0  # wrong PINs keyed with no name chosen (see login_pin)
        self._pin_only_locked_until: datetime | None = None

    def list_users(self) -> list[UserInfo]:
        with self.db.uow(read_only=True) as uow:
            return [UserInfo(u.id, u.name, u.role) for u in uow.users.active()]

    def login(self, user_id: str, pin: str) -> StaffSession:
        """Check the PIN; wrong PINs count towards the lockout even across restarts."""
        now = self.clock()
        with self.db.uow() as uow:
            user = uow.users.get(user_id)
            if user is None or not user.active:
                raise UnknownUser()
            if user.locked_until and user.locked_until > now:
                raise UserLocked(seconds_left=int((user.locked_until - now).total_seconds()) + 1)
            if _pin_matches(user.pin_hash, pin):
                if user.pin_change_required:
                    uow.users.set_attempts(user.id, 0, None)
                    uow.commit()
                    raise PinChangeRequired(user_id=user.id)
                uow.users.set_attempts(user.id, 0, None)
                uow.audit.add(self.till_key, "auth.login", user.id)
                uow.commit()
                return _session(user)
            failed = (0 if user.locked_until else user.failed_attempts) + 1
            if failed >= MAX_ATTEMPTS:
                uow.users.set_attempts(user.id, 0, now + LOCKOUT)
                uow.audit.add(self.till_key, "auth.locked", user.id, details={"attempts": failed})
                uow.commit()
                raise UserLocked(seconds_left=int(LOCKOUT.total_seconds()))
            uow.users.set_attempts(user.id, failed, None)
            uow.audit.add(self.till_key, "auth.wrong_pin", user.id, details={"attempt": failed})
            uow.commit()
            raise WrongPin(attempts_left=MAX_ATTEMPTS - failed)

    def login_pin(self, pin: str) -> StaffSession:
        """Sign in by PIN alone, with no name chosen: the active user whose PIN it is.

        A wrong PIN here is nobody's attempt (no user's lockout counts it); instead PIN-only
        sign-in itself rests for LOCKOUT after MAX_ATTEMPTS wrong PINs in a row on this till,
        while choosing a name and keying the PIN still works."""
        now = self.clock()
        if self._pin_only_locked_until and self._pin_only_locked_until > now:
            raise UserLocked(seconds_left=int((self._pin_only_locked_until - now).total_seconds()) + 1)
        with self.db.uow() as uow:
            user = pin_owner(uow.users.active(), pin)
            if user is None:
                self._pin_only_failures += 1
                if self._pin_only_failures >= MAX_ATTEMPTS:
                    self._pin_only_failures, self._pin_only_locked_until = 0, now + LOCKOUT
                uow.audit.add(self.till_key, "auth.wrong_pin", None, details={"pin_only": True})
                uow.commit()
                raise PinNotFound()
            self._pin_only_failures = 0
        return self.login(user.id, pin)

    def login_badge(self, code: str) -> StaffSession:
        with self.db.uow() as uow:
            user = uow.users.by_badge(code.strip())
            if user is None:
                raise UnknownUser()
            if user.locked_until and user.locked_until > self.clock():
                raise UserLocked(seconds_left=int((user.locked_until - self.clock()).total_seconds()) + 1)
            if user.pin_change_required:
                raise PinChangeRequired(user_id=user.id)
            uow.audit.add(self.till_key, "auth.login_badge", user.id)
            uow.commit()
            return _session(user)

    def change_pin(self, user_id: str, one_time_pin: str, new_pin: str) -> StaffSession:
        """First sign-in with a one-time PIN from the platform: the person sets their own PIN and is
        signed in. The one-time PIN is checked again (with the lockout), so this is no back door."""
        new_hash = hash_pin(new_pin)
        if new_pin == one_time_pin:
            raise SamePin()
        try:
            return self.login(user_id, one_time_pin)  # no one-time PIN (any more): a plain sign-in
        except PinChangeRequired:
            pass
        with self.db.uow() as uow:
            user = uow.users.get(user_id)
            if user is None or not user.active:
                raise UnknownUser()
            replaced = uow.users.set_pin(user_id, new_hash)
            if replaced is not None:  # a person from the platform: every till of the store learns the PIN
                store_id, till_id = uow.tills.ids(self.till_key)
                change = StaffPinChange(change_id=uuid.uuid4().hex, store_id=store_id, till_id=till_id,
                                        staff_id=user_id, pin_hash=new_hash, replaced_pin_hash=replaced,
                                        at=self.clock())
                uow.outbox.add("staff_pin", user_id, change.model_dump(mode="json"), event_id=change.change_id)
            uow.audit.add(self.till_key, "auth.pin_changed", user_id)
            uow.audit.add(self.till_key, "auth.login", user_id)
            uow.commit()
        return _session(user)

    def approve(self, pin: str, permission: Permission | str, reason: str, *,
                badge: str | None = None) -> ManagerApproval:
        """A manager override: the PIN of a manager (or admin) holding `permission`, or a badge
        together with its holder's PIN. Wrong PINs count toward the same lockout as log-ins; a
        locked manager approves nothing. The approval is sealed: only this service issues them."""
        perm = parse_permission(str(permission))
        reason = clean_line(reason, "reason")
        secret = pin.strip()
        now = self.clock()
        with self.db.uow() as uow:
            if badge is not None:
                holder = uow.users.by_badge(badge.strip())
                candidates = [holder] if holder is not None and holder.role in _APPROVER_ROLES else []
            elif uow.users.by_badge(secret) is not None:
                raise BadgeNeedsPin()
            else:
                candidates = uow.users.active(_APPROVER_ROLES)
            open_ = [u for u in candidates if not (u.locked_until and u.locked_until > now)]
            if candidates and not open_:
                until = min(u.locked_until for u in candidates if u.locked_until)
                raise UserLocked(seconds_left=int((until - now).total_seconds()) + 1)
            approver = next((u for u in open_ if _pin_matches(u.pin_hash, secret)), None)
            if approver is None:
                locked = self._count_wrong_approval(uow, open_, perm, now)
                uow.commit()
                if locked:
                    raise UserLocked(seconds_left=int(LOCKOUT.total_seconds()))
                raise ApprovalRefused()
            if approver.failed_attempts:
                uow.users.set_attempts(approver.id, 0, None)
            uow.commit()
        role = parse_role(approver.role)
        if perm not in ROLE_PERMISSIONS[role]:
            raise NotAuthorized(name=approver.name, permission=perm.value)
        approval = ManagerApproval(approver_id=approver.id, approver_role=role, permission=perm,
                                   reason=reason or perm.value, at=now)
        return replace(approval, seal=_approval_seal(approval))

    def _count_wrong_approval(self, uow: UnitOfWork, users: list[UserRecord], perm: Permission, now: datetime) -> bool:
        """A wrong approval PIN is a wrong PIN for each manager it was tried against."""
        uow.audit.add(self.till_key, "auth.approval_refused", None, details={"permission": perm.value})
        locked = False
        for user in users:
            failed = user.failed_attempts + 1
            if failed >= MAX_ATTEMPTS:
                uow.users.set_attempts(user.id, 0, now + LOCKOUT)
                uow.audit.add(self.till_key, "auth.locked", user.id, details={"attempts": failed, "by": "approval"})
                locked = True
            else:
                uow.users.set_attempts(user.id, failed, None)
        return locked

    def system_session(self, purpose: str) -> StaffSession:
        """The session of the till's operator at the command line (``pos-app report``), audited."""
        with self.db.uow() as uow:
            uow.audit.add(self.till_key, "auth.system_session", None, details={"purpose": purpose})
            uow.commit()
        session = StaffSession("system", "System", Role.ADMIN.value,
                               frozenset(p.value for p in ROLE_PERMISSIONS[Role.ADMIN]))
        return replace(session, seal=_seal("session", session.user_id, session.role, *sorted(session.permissions)))


# -- sealed sessions and approvals: issued above, checked by every service ---------------------

log = logging.getLogger(__name__)
_APPROVER_ROLES = ("manager", "admin")
_KEY = secrets.token_bytes(32)  # per process: nothing outside AuthService can seal


def _seal(*parts: str) -> str:
    return hmac.new(_KEY, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def _approval_seal(a: ManagerApproval) -> str:
    return _seal("approval", a.approver_id, a.approver_role.value, a.permission.value, a.reason, a.at.isoformat())


class BadgeNeedsPin(PosError):
    code = "auth.badge_needs_pin"
    template = "A badge approves only with its holder's PIN: key the manager's PIN."


class SessionInvalid(PosError):
    code = "auth.session_invalid"
    template = "This sign-in was not made at this till; sign in again."


class ApprovalRequired(PosError):
    code = "auth.approval_required"
    template = "A manager must approve this ({permission})."


def require_session(session: object) -> StaffSession:
    """The session, if AuthService issued it; otherwise SessionInvalid."""
    if not isinstance(session, StaffSession) or not hmac.compare_digest(
            session.seal, _seal("session", session.user_id, session.role, *sorted(session.permissions))):
        raise SessionInvalid()
    return session


def require_permission(session: object, permission: Permission) -> StaffSession:
    """The session, if it is genuine and its role carries `permission`; otherwise an error."""
    staff = require_session(session)
    if not staff.can(permission):
        raise PermissionDenied(role=staff.role, permission=permission.value)
    return staff


def authorize(session: object, permission: Permission, approval: object = None) -> ManagerApproval | None:
    """May `session` do what `permission` guards? None if its own role may; the verified approval if
    a manager approved it (sealed by AuthService, for this permission); else ApprovalRequired."""
    staff = require_session(session)
    if staff.can(permission):
        return None
    if approval is not None:
        try:
            return verify_approval(approval, permission)
        except ApprovalRequired:
            log.warning("refused an approval of %s for %s that AuthService did not issue",
                        permission.value, staff.user_id)
            raise
    raise ApprovalRequired(permission=permission.value)


def is_issued(approval: object) -> TypeGuard[ManagerApproval]:
    """True if AuthService issued `approval` (in this process) exactly as it is."""
    return isinstance(approval, ManagerApproval) and hmac.compare_digest(approval.seal, _approval_seal(approval))


def verify_approval(approval: object, permission: Permission) -> ManagerApproval:
    """`approval`, if AuthService issued it for `permission`; otherwise ApprovalRequired."""
    if is_issued(approval) and approval.permission == permission:
        return approval
    raise ApprovalRequired(permission=permission.value)

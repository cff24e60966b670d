"""Staff log-in, PIN lockout and manager approvals.

PINs are short, so they are hashed with Argon2id and a user is locked for 5 minutes after 5 wrong
PINs in a row: guessing a 4-digit PIN then takes weeks at the counter. Every approval names who
approved what and why, and lands in the audit log with the action it allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pos_app.domain.errors import PosError
from pos_app.domain.permissions import (
    ROLE_PERMISSIONS,
    ManagerApproval,
    Permission,
    parse_permission,
    parse_role,
)
from pos_app.store.records import UserRecord
from pos_app.store.uow import Database

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

    def can(self, permission: Permission | str) -> bool:
        return str(permission) in self.permissions


def _session(u: UserRecord) -> StaffSession:
    role = parse_role(u.role)
    return StaffSession(u.id, u.name, u.role, frozenset(p.value for p in ROLE_PERMISSIONS[role]))


class AuthService:
    def __init__(self, db: Database, till_key: str, clock: Callable[[], datetime] | None = None):
        self.db = db
        self.till_key = till_key
        self.clock = clock or (lambda: datetime.now(UTC))

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
            uow.users.set_pin(user_id, new_hash)
            uow.audit.add(self.till_key, "auth.pin_changed", user_id)
            uow.audit.add(self.till_key, "auth.login", user_id)
            uow.commit()
        return _session(user)

    def approve(self, pin_or_badge: str, permission: Permission | str, reason: str) -> ManagerApproval:
        """A manager override by PIN or badge; the approver must hold `permission` themselves."""
        perm = parse_permission(str(permission))
        secret = pin_or_badge.strip()
        with self.db.uow() as uow:
            approver = uow.users.by_badge(secret)
            if approver is None:
                approver = next((u for u in uow.users.active(("manager", "admin"))
                                 if _pin_matches(u.pin_hash, secret)), None)
            if approver is None:
                uow.audit.add(self.till_key, "auth.approval_refused", None, details={"permission": perm.value})
                uow.commit()
                raise ApprovalRefused()
        role = parse_role(approver.role)
        if perm not in ROLE_PERMISSIONS[role]:
            raise NotAuthorized(name=approver.name, permission=perm.value)
        return ManagerApproval(approver_id=approver.id, approver_role=role, permission=perm,
                               reason=reason, at=self.clock())

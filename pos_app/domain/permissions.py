"""Staff roles, the permissions they carry, and the record of a manager approving an action.

The services check these before sensitive actions; when the cashier lacks a permission a manager
(or admin) authenticates and the action proceeds with a :class:`ManagerApproval` in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import InvalidApproval, PermissionDenied, UnknownPermission, UnknownRole


class Role(StrEnum):
    CASHIER = "cashier"
    CLERK = "clerk"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    PRICE_OVERRIDE = "price_override"
    VOID_AFTER_TOTAL = "void_after_total"
    DISCOUNT_ABOVE_LIMIT = "discount_above_limit"
    NO_SALE = "no_sale"
    REFUND = "refund"
    PAID_IN_OUT = "paid_in_out"
    CLOSE_SHIFT = "close_shift"
    PICKUP_MANAGE = "pickup_manage"
    MANAGE_DEVICES = "manage_devices"
    REPORTS = "reports"
    MANAGE_STAFF = "manage_staff"
    SYNC_MANAGE = "sync_manage"  # retry or discard events the platform refused
    PROMOTION_EXPLAIN = "promotion_explain"  # see why a promotion did not apply to a line
    STORED_VALUE_OVERRIDE = "stored_value_override"  # offline stored value above the caps (audited)


_MANAGER = frozenset(Permission) - {Permission.MANAGE_DEVICES, Permission.MANAGE_STAFF}

#: Cashiers sell and take payments (no listed permission needed); clerks run pickup orders.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset(),
    Role.CLERK: frozenset({Permission.PICKUP_MANAGE}),
    Role.MANAGER: _MANAGER,
    Role.ADMIN: frozenset(Permission),
}


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise UnknownRole(role=value) from None


def parse_permission(value: str) -> Permission:
    try:
        return Permission(value)
    except ValueError:
        raise UnknownPermission(permission=value) from None


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def require(role: Role, permission: Permission) -> None:
    """Raise PermissionDenied unless ``role`` carries ``permission``."""
    if not has_permission(role, permission):
        raise PermissionDenied(role=role.value, permission=permission.value)


@dataclass(frozen=True)
class ManagerApproval:
    """Who approved what, why and when (UTC). Built only for an approver who holds the permission."""

    approver_id: str
    permission: Permission
    reason: str
    at: datetime
    approver_role: Role
    #: Set by the service that issued it (``pos_app.services.auth``); services accept only an
    #: approval whose seal it verifies, so a hand-built one approves nothing.
    seal: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.approver_id:
            raise InvalidApproval(reason="approver id is empty")
        if not self.reason.strip():
            raise InvalidApproval(reason="a reason is required")
        if self.at.tzinfo is None or self.at.utcoffset() != timedelta(0):
            raise InvalidApproval(reason="time must be timezone-aware UTC")
        require(self.approver_role, self.permission)

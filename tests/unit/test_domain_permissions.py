from datetime import UTC, datetime, timedelta, timezone

import pytest

from pos_app.domain.errors import InvalidApproval, PermissionDenied, UnknownPermission, UnknownRole
from pos_app.domain.permissions import (
    ROLE_PERMISSIONS,
    ManagerApproval,
    Permission,
    Role,
    has_permission,
    parse_permission,
    parse_role,
    require,
)

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def test_role_map():
    assert ROLE_PERMISSIONS[Role.CASHIER] == frozenset()
    assert ROLE_PERMISSIONS[Role.CLERK] == {Permission.PICKUP_MANAGE}
    assert has_permission(Role.MANAGER, Permission.PRICE_OVERRIDE)
    assert has_permission(Role.MANAGER, Permission.CLOSE_SHIFT)
    assert not has_permission(Role.MANAGER, Permission.MANAGE_DEVICES)
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert ROLE_PERMISSIONS[Role.CLERK] < ROLE_PERMISSIONS[Role.MANAGER] < ROLE_PERMISSIONS[Role.ADMIN]


def test_require():
    require(Role.MANAGER, Permission.REFUND)
    with pytest.raises(PermissionDenied) as info:
        require(Role.CASHIER, Permission.NO_SALE)
    assert info.value.params == {"role": "cashier", "permission": "no_sale"}


def test_parse():
    assert parse_role("clerk") is Role.CLERK
    assert parse_permission("void_after_total") is Permission.VOID_AFTER_TOTAL
    with pytest.raises(UnknownRole):
        parse_role("boss")
    with pytest.raises(UnknownPermission):
        parse_permission("fly")


def test_manager_approval():
    approval = ManagerApproval("u42", Permission.PRICE_OVERRIDE, "damaged box", NOW, Role.MANAGER)
    assert approval.at == NOW


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"approver_id": ""}, InvalidApproval),
        ({"reason": " "}, InvalidApproval),
        ({"at": datetime(2026, 11, 23, 3, 0)}, InvalidApproval),  # noqa: DTZ001 - naive on purpose
        ({"at": NOW.astimezone(timezone(timedelta(hours=8)))}, InvalidApproval),
        ({"approver_role": Role.CASHIER}, PermissionDenied),
    ],
)
def test_invalid_approval(kwargs, error):
    base = {
        "approver_id": "u42",
        "approver_role": Role.MANAGER,
        "permission": Permission.REFUND,
        "reason": "wrong size",
        "at": NOW,
    }
    with pytest.raises(error):
        ManagerApproval(**{**base, **kwargs})

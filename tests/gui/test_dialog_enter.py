"""Enter in a dialog's field runs that field's action once: the dialog's buttons never add a
second one (Qt clicks a dialog's auto-default button after the field's ``returnPressed``)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from pos_app.ui.coupon_dialogs import CouponEntryDialog
from pos_app.ui.member_dialogs import MemberIdentifyDialog
from pos_app.ui.repair import RepairDialog
from pos_app.ui.return_dialog import ReturnDialog
from pos_app.ui.workers import TaskRunner


@pytest.fixture
def runner():
    made = TaskRunner(max_threads=1)
    yield made
    made.wait(10_000)


def dialogs(ctx, runner):
    user = ctx.auth.login_badge("STAFF-0001")
    ctx.checkout.set_user(user)
    return {
        "coupon": CouponEntryDialog(ctx.coupons, runner),
        "return": ReturnDialog(ctx, runner),
        "repair": RepairDialog(ctx, runner, 0),
        "member": MemberIdentifyDialog(ctx.members, runner, user.user_id),
    }


@pytest.mark.parametrize("name", ["coupon", "return", "repair", "member"])
def test_no_button_of_a_dialog_with_entry_fields_is_a_default(qtbot, till_qapp, make_ctx, runner, name):
    dialog = dialogs(make_ctx(), runner)[name]
    qtbot.addWidget(dialog)
    dialog.show()
    defaults = [b.objectName() for b in dialog.findChildren(QPushButton) if b.autoDefault() or b.isDefault()]
    assert defaults == []


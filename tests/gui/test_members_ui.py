"""Members in the UI, driven as a cashier would: identify by signed code, card, full phone, last 4
and a pick; sign-up with the consent box; the member panel shows only masked data. Screenshots
at 1024x768 in both languages."""

from __future__ import annotations

import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from members_support import feed_members
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from pos_app.store.sync_models import PlatformKey
from pos_app.ui.member_dialogs import MemberIdentifyDialog, MemberSignupDialog
from pos_app.ui.workers import TaskRunner
from sync import member_codes, pickup_codes

KEY = Ed25519PrivateKey.generate()


@pytest.fixture
def members(app, cashier):
    feed_members(app.db)
    with app.db.uow() as uow:
        uow.session.add(PlatformKey(key_id="pk01", purpose="pickup_qr", algorithm="ed25519",
                                    public_key=pickup_codes.public_key_text(KEY)))
        uow.commit()
    return app.members


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.wait(5000)


def identify(qtbot, dialog, text):
    dialog.query.setText(text)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)


@pytest.mark.parametrize("text", ["code", "8800000001", "13800138001"])
def test_identify_by_code_card_and_full_phone(qtbot, app, members, runner, text):
    if text == "code":  # signed now: a code made at import expires during a long run
        text = member_codes.sign_member_code(KEY, "pk01", "M0001", int(time.time()) + 600)
    dialog = MemberIdentifyDialog(members, runner, app.checkout.user.user_id)
    qtbot.addWidget(dialog)
    dialog.show()
    identify(qtbot, dialog, text)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted and dialog.member is not None)
    assert (dialog.member.member_id, dialog.member.name, dialog.member.phone) == ("M0001", "张*", "138****8001")
    assert members.current().member_id == "M0001"


def test_identify_by_last_4_then_pick(qtbot, app, members, runner):
    dialog = MemberIdentifyDialog(members, runner, app.checkout.user.user_id)
    qtbot.addWidget(dialog)
    dialog.show()
    identify(qtbot, dialog, "5678")
    qtbot.waitUntil(lambda: dialog.choices.count() == 2)
    assert [dialog.choices.item(i).text() for i in range(2)] == ["李*  138****5678  silver", "王*  139****5678  basic"]
    dialog.choices.setCurrentRow(1)
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.member is not None)
    assert members.current().member_id == "M0003"


def test_a_wrong_number_is_explained_and_nobody_attached(qtbot, app, members, runner):
    dialog = MemberIdentifyDialog(members, runner, app.checkout.user.user_id)
    qtbot.addWidget(dialog)
    dialog.show()
    identify(qtbot, dialog, "12345678901")
    qtbot.waitUntil(lambda: "mobile" in dialog.message.text())
    assert members.current() is None and dialog.isVisible()


def test_sign_up_needs_the_consent_box(qtbot, app, members, runner):
    dialog = MemberSignupDialog(members, runner, app.checkout.user.user_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.phone, "13700001234")
    dialog.name.setText("赵六")  # typed through the input method, not key by key
    ok = dialog.findChild(QPushButton, "signupOk")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "agree" in dialog.message.text())
    assert members.current() is None
    qtbot.mouseClick(dialog.consent, Qt.MouseButton.LeftButton)
    assert dialog.consent.isChecked()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.member is not None)
    assert dialog.member.pending and members.current().phone == "137****1234"


def test_the_manager_sees_entries_the_platform_refused(qtbot, app, members, runner):
    from datetime import date

    from pos_app.store.member_models import MemberEntry
    from pos_app.store.sync_models import SyncConflict
    from pos_app.ui.member_dialogs import MemberConflictsDialog

    with app.db.uow() as uow:
        uow.session.add(MemberEntry(entry_id="e" * 32, member_id="M0002", kind="spend", points=0,
                                    stored_value_fen=-12_000, offline=True, business_date=date(2026, 12, 1)))
        uow.session.add(SyncConflict(event_id="e" * 32, kind="member_ledger", code="insufficient_stored_value",
                                     message="member M0002 has 0 fen of stored value free"))
        uow.commit()
    dialog = MemberConflictsDialog(members, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rows.count() == 1)
    text = dialog.rows.item(0).text()
    assert "李* 138****5678" in text and "120.00" in text and "insufficient_stored_value" in text
    assert "13800135678" not in text

"""F10, 8: wallet payments a manager resolves; the shift close waits for them."""

from __future__ import annotations

import pytest
from gui_helpers import child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget
from test_object_names import unnamed_controls

from pos_app.domain.errors import UnresolvedPayments
from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent


@pytest.fixture
def manager(qtbot, till, type_keys, focus):
    window = till("en")
    sign_in(qtbot, window, "王强", "8888", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    focus(child(window, QLineEdit, "scanInput"))
    return window


def stuck_intent(ctx) -> PaymentIntent:
    """What a till without its platform keeps after a payment: sent, never answered."""
    intent = PaymentIntent(intent_id="d" * 32, out_trade_no="T01stuck0000000002", ticket_id="e" * 32,
                           wallet=Wallet.WECHAT, amount_fen=1450, code_masked="*" * 14 + "1234")
    with ctx.db.uow() as uow:
        uow.payments.add(intent.move(IntentState.SUBMITTED), ctx.till_key, None)
        uow.commit()
    return intent


def test_a_stuck_payment_is_listed_and_accepted_with_a_reason(qtbot, manager, on_dialog):
    ctx = manager.ctx
    intent = stuck_intent(ctx)
    with pytest.raises(UnresolvedPayments):
        ctx.payments.check_close()
    listed = []

    def resolve(dialog):
        table = child(dialog, QTableWidget, "walletPaymentsTable")
        qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
        listed.append([table.item(0, c).text() for c in range(5)])
        assert unnamed_controls(dialog) == []
        on_dialog("walletAcceptReason", lambda ask: (ask.setTextValue("platform down; check tomorrow"),
                                                      ask.accept()))
        child(dialog, QPushButton, "walletAccept").click()
        message = child(dialog, QLabel, "walletPaymentsMessage")
        qtbot.waitUntil(lambda: "nothing to resolve" in message.text(), timeout=5000)
        dialog.accept()

    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_wallets").click())
    on_dialog("walletPaymentsDialog", resolve)
    QTest.keyClick(child(manager, QLineEdit, "scanInput"), Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: bool(listed) and ctx.payments.unresolved() == [], timeout=10000)
    assert listed[0][0] == intent.out_trade_no and listed[0][2] == "¥14.50"
    assert listed[0][3] == "sent, no answer yet"
    ctx.payments.check_close()

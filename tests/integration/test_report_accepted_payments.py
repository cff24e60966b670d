"""Wallet payments a manager accepted at close with their outcome unknown are listed on the X and
Z reports (stored with the Z, printed and on screen), on a real database."""

from __future__ import annotations

from datetime import date

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent
from pos_app.services.reports import report_text
from tests_support import user_id


def _stuck(app, ticket_id: str, n: int, state: IntentState) -> PaymentIntent:
    intent = PaymentIntent(intent_id=f"{n}" * 32, out_trade_no=f"T01stuck00000000{n:02d}", ticket_id=ticket_id,
                           wallet=Wallet.ALIPAY, amount_fen=500 + n, code_masked="*" * 14 + "5555")
    with app.db.uow() as uow:
        submitted = intent.move(IntentState.SUBMITTED)
        uow.payments.add(submitted if state is IntentState.SUBMITTED else submitted.move(state), app.till_key, None)
        uow.commit()
    return intent


def test_accepted_unresolved_payments_are_on_the_x_and_the_z_report(app, cashier):
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    ticket = cashier.current().ticket_id  # an empty ticket: the shift can close
    accepted = _stuck(app, ticket, 1, IntentState.PAYING)
    _stuck(app, ticket, 2, IntentState.SUBMITTED)  # still waiting: not accepted, not listed
    app.payments.accept(manager, accepted.intent_id, "platform down at close")

    x = app.reports.x_report(manager)
    assert [(a.out_trade_no, a.wallet, a.amount_fen, a.state, a.reason) for a in x.figures.accepted_payments] == [
        ("T01stuck0000000001", "alipay", 501, "paying", "platform down at close")]
    assert "T01stuck0000000001" in report_text(x) and "T01stuck0000000002" not in report_text(x)

    app.payments.accept(manager, "2" * 32, "provider unreachable")  # accepted too, so the shift can close
    result = app.shifts.submit_count(manager, {"note_100": 2}, {})
    app.shifts.confirm_close(manager, result.count_id)
    z = app.reports.close_day(manager)
    listed = [a.out_trade_no for a in z.figures.accepted_payments]
    assert listed == ["T01stuck0000000001", "T01stuck0000000002"]
    stored = app.reports.z_report(manager, date.fromisoformat(z.business_date))
    assert stored.figures.accepted_payments == z.figures.accepted_payments
    text = report_text(stored)
    assert "未结支付 Payments accepted unresolved" in text
    assert "支付宝 alipay T01stuck0000000002" in text and "provider unreachable" in text


def test_reports_without_accepted_payments_have_no_such_section(app, cashier):
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    x = app.reports.x_report(manager)
    assert x.figures.accepted_payments == ()
    assert "Payments accepted unresolved" not in report_text(x)

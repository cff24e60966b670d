"""Dynamic QR orders (the customer scans the till's QR): what each answer means and what follows.

The sequences below are the state machine's whole life for each outcome (paid, cancelled,
expired, a creation without a usable answer), walked through the pure policy functions.
"""

from __future__ import annotations

import pytest

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent, PaymentMethod
from pos_app.domain.payment_policy import (
    TRANSPORT_ERROR,
    Action,
    Answer,
    Call,
    Outcome,
    after_create_qr,
    after_query,
    after_reverse,
    classify,
    qr_schedule,
)

URL = "weixin://wxpay/bizpayurl?pr=abc"
SCHEDULE = qr_schedule(5)


@pytest.mark.parametrize(("wallet", "answer", "outcome"), [
    (Wallet.WECHAT, Answer("SUCCESS", qr_url=URL), Outcome.SUCCESS),
    (Wallet.ALIPAY, Answer("10000", qr_url="https://qr.alipay.com/x"), Outcome.SUCCESS),
    (Wallet.WECHAT, Answer("SUCCESS"), Outcome.UNKNOWN),  # created, but no URL to show
    (Wallet.WECHAT, Answer("PARAM_ERROR"), Outcome.FAILED),
    (Wallet.ALIPAY, Answer("ACQ.INVALID_PARAMETER"), Outcome.FAILED),
    (Wallet.WECHAT, Answer("SYSTEMERROR"), Outcome.UNKNOWN),
    (Wallet.ALIPAY, Answer(TRANSPORT_ERROR), Outcome.UNKNOWN),
])
def test_creation_answers(wallet, answer, outcome):
    assert classify(wallet, Call.CREATE_QR, answer) is outcome


def test_an_unpaid_wechat_order_is_waiting_and_an_alipay_order_not_scanned_yet_is_not_found():
    assert classify(Wallet.WECHAT, Call.QUERY, Answer("NOTPAY")) is Outcome.WAITING
    assert classify(Wallet.ALIPAY, Call.QUERY, Answer("ACQ.TRADE_NOT_EXIST")) is Outcome.NOT_FOUND


def test_created_waits_for_the_customer_refused_fails_unknown_is_closed_at_once():
    created = after_create_qr(Outcome.SUCCESS, SCHEDULE)
    assert (created.state, created.action, created.wait_s) == (IntentState.PAYING, Action.QUERY,
                                                               SCHEDULE.query_every_s)
    assert after_create_qr(Outcome.FAILED, SCHEDULE).state is IntentState.FAILED
    unknown = after_create_qr(Outcome.UNKNOWN, SCHEDULE)
    assert (unknown.state, unknown.action) == (IntentState.REVERSING, Action.REVERSE)


def test_the_order_is_queried_until_it_expires_then_closed():
    assert SCHEDULE.give_up_after_s == 300 and qr_schedule(1).scaled(0.02).give_up_after_s == pytest.approx(1.2)
    for outcome in (Outcome.WAITING, Outcome.NOT_FOUND, Outcome.UNKNOWN):
        waiting = after_query(Wallet.ALIPAY, outcome, 100, SCHEDULE)
        assert (waiting.state, waiting.action) == (IntentState.PAYING, Action.QUERY)
        expired = after_query(Wallet.ALIPAY, outcome, 300, SCHEDULE)
        assert (expired.state, expired.action) == (IntentState.REVERSING, Action.REVERSE)
    assert after_query(Wallet.WECHAT, Outcome.SUCCESS, 10, SCHEDULE).state is IntentState.PAID


def _intent() -> PaymentIntent:
    return PaymentIntent("i" * 32, "T01qr0000000000000001", "t" * 32, Wallet.WECHAT, 1250, "",
                         method=PaymentMethod.QR)


def test_paid_walk():
    intent = _intent().move(IntentState.SUBMITTED)
    d = after_create_qr(classify(Wallet.WECHAT, Call.CREATE_QR, Answer("SUCCESS", qr_url=URL)), SCHEDULE)
    intent = intent.move(d.state, qr_url=URL)
    d = after_query(Wallet.WECHAT, classify(Wallet.WECHAT, Call.QUERY, Answer("NOTPAY")), 4, SCHEDULE)
    intent = intent.move(d.state)
    d = after_query(Wallet.WECHAT, classify(Wallet.WECHAT, Call.QUERY, Answer("SUCCESS")), 6, SCHEDULE)
    intent = intent.move(d.state)
    assert intent.state is IntentState.PAID and intent.final and intent.qr_url == URL


def test_cancelled_or_expired_walk_ends_reversed_only_when_the_close_is_confirmed():
    intent = _intent().move(IntentState.SUBMITTED).move(IntentState.PAYING, qr_url=URL)
    intent = intent.move(after_query(Wallet.WECHAT, Outcome.WAITING, 300, SCHEDULE).state)
    assert intent.state is IntentState.REVERSING and intent.pending
    again = after_reverse(Wallet.WECHAT, classify(Wallet.WECHAT, Call.REVERSE, Answer(TRANSPORT_ERROR)), 1, SCHEDULE)
    assert (again.state, again.action) == (IntentState.REVERSING, Action.REVERSE)
    closed = after_reverse(Wallet.WECHAT, classify(Wallet.WECHAT, Call.REVERSE, Answer("SUCCESS")), 2, SCHEDULE)
    assert intent.move(closed.state).state is IntentState.REVERSED


def test_a_qr_intent_starts_as_a_code_intent_unless_told():
    assert PaymentIntent("i" * 32, "T01x00001", "t", Wallet.ALIPAY, 1, "****1234").method is PaymentMethod.CODE
